import IonReport

extension JobWriter {
    static func replicaSection(_ r: ReplicaSummary, files: inout FileSet) throws -> ReportSection {
        try files.json("replicas.json", r)
        let table = ReportTable(
            caption: "Each run and their mean (± standard error of the mean over runs, s/√n)",
            columns: ["quantity"] + (1...r.runs).map { "run \($0)" } + ["mean of \(r.runs) runs", "unit"],
            rows: r.quantities.map { q in
                [q.label] + q.values.map { formatNumber($0, 4) } + [
                    formatEstimate(q.mean, q.standardError), q.unit.symbol,
                ]
            })
        return ReportSection(
            title: "Replicas",
            text: [
                "\(r.runs) independent runs (\(r.framesPerRun.map(String.init).joined(separator: ", ")) frames). Every analysis ran on each run; this table compares their headline numbers. Analyses that pool runs (the conductivity: one Onsager analysis over all runs) report the pooled result; the others show the first run."
            ],
            tables: [table], files: ["replicas.json"])
    }
}
