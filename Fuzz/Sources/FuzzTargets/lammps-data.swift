import FuzzSupport

/// libFuzzer entry: the input as a LAMMPS data file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.topology(data, size, extension: "data")
    return 0
}
