import FuzzSupport
import IonCore

/// A small topology for selections to run on.
let topology: Topology = {
    var t = Topology(atomCount: 6)
    t.types = ["1", "2", "3", "1", "2", "3"]
    t.names = ["Li", "S", "N", "Li", "S", "N"]
    t.charges = [0.8, -0.4, 0, 0.8, -0.4, 0]
    t.given = [.types, .names, .charges]
    return t
}()

/// libFuzzer entry: the input as a selection, parsed and evaluated.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if let selection = try? Selection(Fuzz.text(data, size)) { _ = try? selection.atomIndices(in: topology) }
    return 0
}
