import Foundation
import IonCore

/// Columns of numbers with names and units, written as CSV (RFC 4180) for scripts to read.
public struct DataTable: Sendable {
    public struct Column: Sendable {
        public var name: String
        /// Unit, e.g. "Å²"; empty for dimensionless.
        public var unit: String
        public var values: [Double?]
        public init(_ name: String, unit: String = "", _ values: [Double?]) {
            self.name = name; self.unit = unit; self.values = values
        }
        public init(_ name: String, unit: String = "", _ values: [Double]) {
            self.init(name, unit: unit, values.map { Optional($0) })
        }
        public init(_ name: String, unit: PhysicalUnit, _ values: [Double?]) {
            self.init(name, unit: unit.symbol, values)
        }
        public init(_ name: String, unit: PhysicalUnit, _ values: [Double]) {
            self.init(name, unit: unit.symbol, values.map { Optional($0) })
        }
    }
    public var columns: [Column]
    public init(_ columns: [Column]) { self.columns = columns }

    /// Header `name (unit)`, then one row per index; missing values are empty fields. Numbers
    /// are written with 10 significant digits.
    public var csv: String {
        let rows = columns.map(\.values.count).max() ?? 0
        var bytes: [UInt8] = []
        bytes.append(
            contentsOf: columns.map { quote($0.unit.isEmpty ? $0.name : "\($0.name) (\($0.unit))") }
                .joined(separator: ",").utf8)
        bytes.append(0x0A)
        // One C buffer for every number: String(format:) costs ~20× more per value.
        var buffer = [CChar](repeating: 0, count: 32)
        buffer.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<rows {
                for (k, c) in columns.enumerated() {
                    if k > 0 { bytes.append(0x2C) }
                    guard r < c.values.count, let v = c.values[r] else { continue }
                    let written = withVaList([v]) { vsnprintf(buffer.baseAddress!, 32, "%.10g", $0) }
                    for i in 0..<Int(min(written, 31)) { bytes.append(UInt8(bitPattern: buffer[i])) }
                }
                bytes.append(0x0A)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
