import IonAnalysis
import IonReport

extension JobWriter {
    static func rdfSection(_ label: String, _ r: RDFResult, files: inout FileSet) throws -> ReportSection {
        let name = "rdf-\(slug(label))"
        try files.json(name + ".json", r)
        try files.csv(name + ".csv", DataTable([
            .init("r", unit: r.distanceUnit, r.r), .init("g", r.g), .init("g_error", r.gError ?? []),
            .init("r_edge", unit: r.distanceUnit, r.coordinationRadii), .init("coordination", r.coordination),
            .init("coordination_error", r.coordinationError ?? [])]))
        let band = r.gError.map { e in (lower: zip(r.g, e).map { $0 - $1 }, upper: zip(r.g, e).map { $0 + $1 }) }
        var markers: [Plot.Marker] = []
        if let peak = r.firstPeak { markers.append(Plot.Marker("peak \(formatNumber(peak.r, 3)) \(r.distanceUnit)", at: peak.r)) }
        if let minimum = r.firstMinimum { markers.append(Plot.Marker("min \(formatNumber(minimum.r, 3)) \(r.distanceUnit)", at: minimum.r)) }
        let g = Plot(title: "g(r) \(label)", x: .init("r (\(r.distanceUnit))", range: 0...r.rMax), y: .init("g(r)"),
                     series: [Plot.Series("g(r)", x: r.r, y: r.g, band: band)], markers: markers, horizontalLine: 1)
        let nBand = r.coordinationError.map { e in (lower: zip(r.coordination, e).map { $0 - $1 }, upper: zip(r.coordination, e).map { $0 + $1 }) }
        let n = Plot(title: "Running coordination number N(r) \(label)", x: .init("r (\(r.distanceUnit))", range: 0...r.rMax), y: .init("N(r)"),
                     series: [Plot.Series("N(r)", x: r.coordinationRadii, y: r.coordination, band: nBand)],
                     markers: r.firstMinimum.map { [Plot.Marker("N = \(formatNumber($0.coordination, 3))", at: $0.r)] } ?? [])
        func row(_ name: String, _ e: RDFExtremum?) -> [String] {
            guard let e else { return [name, "not found", "", ""] }
            return [name, formatEstimate(e.r, e.rError), formatNumber(e.g, 4), formatEstimate(e.coordination, e.coordinationError)]
        }
        let table = ReportTable(caption: "Extrema (σ from \(r.blocks) blocks of frames)", columns: ["", "r (\(r.distanceUnit))", "g", "N(r)"],
                                rows: [row("first peak", r.firstPeak), row("first minimum", r.firstMinimum)])
        return ReportSection(title: "Radial distribution \(label)",
                             text: ["'\(r.withSelection)' around '\(r.selection)': \(r.countA) × \(r.countB) \(r.particles), \(r.frames) frames, bin \(formatNumber(r.binWidth, 3)) \(r.distanceUnit). Bands: ±1 standard error over blocks."],
                             plots: [g, n], tables: [table], files: [name + ".json", name + ".csv"])
    }
}
