import Foundation
import IonCore

/// Chosen frames of an extended XYZ file, copied as the file has them with one more per-atom
/// column: structures picked for labelling keep every digit and column the user's tools wrote.
public enum ExtXYZSubset {
    /// The extended XYZ text of frames `frames` (0-based, ascending) of `path` (plain or gzip),
    /// each with the per-atom real column `column` appended: `values[k][i]` for atom i of the
    /// k-th chosen frame. The comment line's `Properties` gains `column:R:1` (a frame without
    /// `Properties` gets `species:S:1:pos:R:3:column:R:1`), and `ionscope_frame=F` records where
    /// it came from.
    /// - Throws: ``FormatError`` when the file ends early or a frame's atom count differs from
    ///   its values.
    public static func text(of frames: [Int], in path: String, column: String, values: [[Double]]) throws -> String {
        precondition(frames.count == values.count && zip(frames, frames.dropFirst()).allSatisfy { $0 < $1 })
        let lines = try LineReader(path: path)
        var out = ""
        var frame = 0
        var next = 0
        while next < frames.count {
            var countLine: UnsafeBufferPointer<UInt8>?
            repeat { countLine = try lines.nextLine() } while countLine.map { isBlank($0) } ?? false
            guard let countLine else {
                throw FormatError(path: path, frame: frame, "the file ends before frame \(frames[next])")
            }
            let countText = String(decoding: countLine, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            guard let n = Int(countText), n >= 0 else {
                throw FormatError(
                    path: path, frame: frame, line: lines.lineNumber,
                    "expected the number of atoms, found '\(countText)'")
            }
            guard frame == frames[next] else {
                guard try lines.skipLines(n + 1) == n + 1 else {
                    throw FormatError(path: path, frame: frame, truncation: true, "the file ends inside this frame")
                }
                frame += 1
                continue
            }
            guard values[next].count == n else {
                throw FormatError(
                    path: path, frame: frame, "this frame has \(n) atoms, but \(values[next].count) values were given")
            }
            guard let commentLine = try lines.nextLine() else {
                throw FormatError(path: path, frame: frame, truncation: true, "the file ends after the atom count")
            }
            out += "\(n)\n" + comment(String(decoding: commentLine, as: UTF8.self), column: column, frame: frame) + "\n"
            for i in 0..<n {
                guard let atom = try lines.nextLine() else {
                    throw FormatError(path: path, frame: frame, truncation: true, "the file ends after \(i) atoms")
                }
                out += String(decoding: atom, as: UTF8.self) + " " + formatted(values[next][i]) + "\n"
            }
            frame += 1
            next += 1
        }
        return out
    }

    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// The comment line with `column:R:1` appended to its Properties and the source frame noted.
    static func comment(_ line: String, column: String, frame: Int) -> String {
        let key = "Properties="
        var text = line
        if let range = text.range(of: key) {
            var valueStart = range.upperBound
            var stops: (Character) -> Bool = { $0 == " " || $0 == "\t" }
            if valueStart < text.endIndex, text[valueStart] == "\"" {
                valueStart = text.index(after: valueStart)
                stops = { $0 == "\"" }
            }
            let valueEnd = text[valueStart...].firstIndex(where: stops) ?? text.endIndex
            text.insert(contentsOf: ":\(column):R:1", at: valueEnd)
        } else {
            text += " \(key)species:S:1:pos:R:3:\(column):R:1"
        }
        return text + " ionscope_frame=\(frame)"
    }

    /// Eight significant digits, as ASE writes reals.
    static func formatted(_ x: Double) -> String { String(format: "%.8g", x) }
}
