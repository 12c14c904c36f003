import Foundation

/// A report's sections as plain text for the terminal, made from the same tables and plot data
/// as the HTML page: the text, every table as aligned columns, and each plot's curves at about
/// `rows` abscissae (logarithmically spaced on a logarithmic axis).
public enum TextReport {
    public static func render(_ sections: [ReportSection], rows: Int = 20) -> String {
        var out: [String] = []
        for section in sections {
            out.append(section.title)
            out.append(String(repeating: "═", count: section.title.count))
            out += section.text
            for table in section.tables {
                out.append("")
                if !table.caption.isEmpty { out.append(table.caption) }
                out.append(render(table))
            }
            for plot in section.plots where plot.hasDrawablePoints {
                out.append("")
                out.append(plot.title)
                out.append(render(plot, rows: rows))
            }
            for map in section.heatmaps {
                out.append("")
                out.append(
                    "\(map.title): \(map.x.count) × \(map.y.count) map; its \(map.diverging ? "strongest (largest |value|)" : "largest") cells:"
                )
                out.append(render(strongest(map, count: 8)))
            }
            if !section.files.isEmpty { out.append(""); out.append("data: " + section.files.joined(separator: ", ")) }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// A table as aligned text columns under a rule.
    public static func render(_ table: ReportTable) -> String {
        let widths = table.columns.indices.map { c in
            ([table.columns[c]] + table.rows.map { c < $0.count ? $0[c] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map {
                $0.element.padding(toLength: widths[min($0.offset, widths.count - 1)], withPad: " ", startingAt: 0)
            }
            .joined(separator: "   ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let header =
            table.columns.allSatisfy(\.isEmpty)
            ? [] : [line(table.columns), widths.map { String(repeating: "─", count: $0) }.joined(separator: "   ")]
        return (header + table.rows.map(line)).joined(separator: "\n")
    }

    /// The curves of a plot as columns: x, then y of each series (blank where a series has no
    /// point at that x), at about `rows` values of x.
    static func render(_ plot: Plot, rows: Int) -> String {
        var xs = Set<Double>()
        for series in plot.series { for x in series.x where x.isFinite { xs.insert(x) } }
        let sorted = xs.sorted()
        let shown = sample(sorted, rows: rows, logarithmic: plot.xAxis.logarithmic)
        let lookups = plot.series.map { series in
            Dictionary(zip(series.x, series.y), uniquingKeysWith: { first, _ in first })
        }
        let columns = [plot.xAxis.label] + plot.series.map { $0.label.isEmpty ? plot.yAxis.label : $0.label }
        let body = shown.map { x in [number(x)] + lookups.map { $0[x].map { formatNumber($0) } ?? "" } }
        return render(ReportTable(caption: "", columns: columns, rows: body))
    }

    /// The `count` cells of a map with the largest values (|values| for a diverging map).
    static func strongest(_ map: Heatmap, count: Int) -> ReportTable {
        var cells: [(x: Double, y: Double, value: Double)] = []
        for (i, row) in map.values.enumerated() where i < map.x.count {
            for (j, value) in row.enumerated() where j < map.y.count && value.isFinite {
                cells.append((map.x[i], map.y[j], value))
            }
        }
        cells.sort { map.diverging ? abs($0.value) > abs($1.value) : $0.value > $1.value }
        return ReportTable(
            caption: "", columns: [map.xLabel, map.yLabel, "value"],
            rows: cells.prefix(count).map { [number($0.x), number($0.y), formatNumber($0.value)] })
    }

    /// Integers without decimals, other numbers to 5 significant figures.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : formatNumber(x, 5)
    }

    /// About `rows` values from sorted `xs`, evenly spaced in x (or log x), always the ends.
    static func sample(_ xs: [Double], rows: Int, logarithmic: Bool) -> [Double] {
        guard xs.count > rows, rows >= 2, let first = xs.first, let last = xs.last else { return xs }
        let useLog = logarithmic && first > 0
        func scale(_ x: Double) -> Double { useLog ? log10(x) : x }
        let (a, b) = (scale(first), scale(last))
        var picked: [Double] = []
        var k = 0
        for step in 0..<rows {
            let target = a + (b - a) * Double(step) / Double(rows - 1)
            while k + 1 < xs.count && scale(xs[k + 1]) <= target { k += 1 }
            if picked.last != xs[k] { picked.append(xs[k]) }
        }
        if picked.last != last { picked.append(last) }
        return picked
    }
}
