import Foundation
import IonCore

/// Reads a JSON model file of `format` whose version lies in `versions`, after checking its
/// header, so that a wrong or newer file is refused with a message naming it.
/// - Parameter what: the file's kind in messages, e.g. "softness model".
/// - Throws: ``InputError`` for a file that cannot be read, is not JSON, has another format or
///   version, or does not decode.
public func loadVersionedJSON<Model: Decodable>(
    _ path: String, format: String, versions: ClosedRange<Int>, what: String, as _: Model.Type = Model.self
) throws -> Model {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
        throw InputError("cannot read the \(what) \(path): \(error.localizedDescription)")
    }
    let article = "aeiou".contains(what.first!) ? "an" : "a"
    guard let header = try? JSONDecoder().decode(VersionedFileHeader.self, from: data) else {
        throw InputError(
            "\(path) is not JSON; expected \(article) \(what) written by IonScope")
    }
    guard header.format == format else {
        throw InputError(
            "\(path) is not \(article) \(what) (format '\(header.format ?? "none")'; expected '\(format)')"
        )
    }
    guard let version = header.version, versions.contains(version) else {
        let readable =
            versions.count == 1
            ? "version \(versions.lowerBound)" : "versions \(versions.lowerBound) to \(versions.upperBound)"
        throw InputError(
            "\(path) is \(article) \(what) of version \(header.version.map(String.init) ?? "none"); this IonScope reads \(readable)"
        )
    }
    do { return try JSONDecoder().decode(Model.self, from: data) } catch {
        throw InputError("\(path): the \(what) is incomplete or damaged (\(error))")
    }
}

/// The two fields every IonScope model file starts with.
private struct VersionedFileHeader: Decodable { var format: String?, version: Int? }
