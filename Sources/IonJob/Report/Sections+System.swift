import IonIO
import IonReport

extension JobWriter {
    static func systemSection(_ s: TrajectorySummary) -> ReportSection {
        let u = UnitLabels(s.units)
        var rows: [[String]] = [
            ["atoms", "\(s.atoms)"], ["molecules", "\(s.molecules) (from \(s.moleculesFrom))"],
            ["frames", "\(s.frames)"], ["unit system of the files", s.units + (s.unitsKnown ? "" : " (assumed)")],
        ]
        if let dt = s.timeInterval {
            rows.append(["time between frames", "\(formatNumber(dt)) \(u.time) (\(s.timeIntervalSource))"])
        }
        if let dt = s.timeInterval {
            rows.append(["time covered", "\(formatNumber(dt * Double(max(0, s.frames - 1)))) \(u.time)"])
        }
        if let box = s.box {
            rows.append([
                "cell",
                "\(formatNumber(box.lengths.x)) × \(formatNumber(box.lengths.y)) × \(formatNumber(box.lengths.z)) \(u.length), "
                    + (box.orthorhombic
                        ? "orthorhombic"
                        : "angles \(formatNumber(box.anglesDegrees.x)), \(formatNumber(box.anglesDegrees.y)), \(formatNumber(box.anglesDegrees.z))°")
                    + (box.changes
                        ? ", volume \(formatNumber(box.minVolume))–\(formatNumber(box.maxVolume)) \(u.volume)"
                        : ", constant volume \(formatNumber(box.volume)) \(u.volume)"),
            ])
        }
        if let q = s.totalCharge { rows.append(["total charge", "\(formatNumber(abs(q) < 1e-6 ? 0 : q, 3)) e"]) }
        rows.append(["per-frame fields", s.frameFields.joined(separator: ", ")])
        let compositions = ReportTable(
            caption: "Molecules", columns: ["atoms", "count", "mass (g/mol)", "charge (e)"],
            rows: s.compositions.map {
                [
                    $0.atoms, "\($0.molecules)", formatNumber($0.mass),
                    $0.charge.map { formatNumber($0, 3) } ?? "unknown",
                ]
            })
        let files = ReportTable(
            caption: "Files", columns: ["role", "format", "frames", "path"],
            rows: s.files.map { [$0.role, $0.format, $0.frames.map(String.init) ?? "", $0.path] })
        return ReportSection(
            title: "System", tables: [ReportTable(caption: "", columns: ["", ""], rows: rows), compositions, files],
            files: ["summary.json"])
    }
}
