import FuzzSupport
import IonJob

/// libFuzzer entry: the input as a job file, parsed and validated (every table, key and
/// setting checked; no frame is read).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? JobConfig.parse(Fuzz.text(data, size), path: Fuzz.file(nil, 0, name: "job.toml"))
    return 0
}
