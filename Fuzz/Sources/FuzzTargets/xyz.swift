import FuzzSupport

/// libFuzzer entry: the input as a .xyz trajectory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.trajectory(data, size, extension: "xyz")
    return 0
}
