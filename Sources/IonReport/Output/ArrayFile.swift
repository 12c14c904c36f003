import Foundation
import IonCore

/// A NumPy `.npy` file and its JSON sidecar (`NAME.json` beside `NAME.npy`) that a command writes
/// on request: refused before any work when either exists (unless `force`), each written whole
/// or not at all (a temporary file renamed into place).
public struct ArrayFile: Sendable {
    public let path: String
    public let sidecar: String
    let force: Bool

    /// - Throws: ``OutputError`` for a name without `.npy`, a directory of that name, or an
    ///   existing file without `force`.
    public init(_ path: String, force: Bool) throws {
        guard path.hasSuffix(".npy"), path.count > 4 else {
            throw OutputError("the array file must end in .npy; got \(path)")
        }
        self.path = path; sidecar = String(path.dropLast(4)) + ".json"; self.force = force
        for file in [path, sidecar] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue { throw OutputError("\(file) is a directory") }
            if !force { throw OutputError("\(file) exists; pass --force to replace it") }
        }
    }

    /// Writes the array (float64, C order) and the sidecar.
    /// - Throws: ``OutputError`` naming the file that could not be written and why.
    public func write(shape: [Int], _ values: [Double], sidecar json: Data) throws {
        for (file, data) in [(path, NumPyArray.encode(shape: shape, values)), (sidecar, json)] {
            if !force && FileManager.default.fileExists(atPath: file) {
                throw OutputError("\(file) appeared while this run wrote; pass --force to replace it")
            }
            do { try data.write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
                throw OutputError("cannot write \(file): \(OutputDirectory.reason(error))")
            }
        }
    }
}
