import FuzzSupport
import IonJob

/// libFuzzer entry: the input as a TOML document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = try? TOMLParser.parse(Fuzz.text(data, size))
    return 0
}
