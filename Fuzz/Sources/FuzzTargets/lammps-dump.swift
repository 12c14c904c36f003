import FuzzSupport

/// libFuzzer entry: the input as a .lammpstrj trajectory, read plain and keeping the per-atom
/// columns of the Kob–Andersen seed (`c_pe c_vor[1]`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Fuzz.trajectory(data, size, extension: "lammpstrj", perAtomColumns: ["c_pe", "c_vor[1]"])
    return 0
}
