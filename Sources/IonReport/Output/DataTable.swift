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
        var lines = [
            columns.map { quote($0.unit.isEmpty ? $0.name : "\($0.name) (\($0.unit))") }.joined(separator: ",")
        ]
        for r in 0..<rows {
            lines.append(
                columns.map { c in
                    guard r < c.values.count, let v = c.values[r] else { return "" }
                    return String(format: "%.10g", v)
                }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
