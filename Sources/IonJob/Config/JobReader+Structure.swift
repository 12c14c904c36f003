import IonAnalysis
import IonCore

extension JobReader {
    /// `[[shells]]`: centres, partners (names or selections, each a species), optional cutoffs
    /// in the same order, counting, centres_by_molecule, blocks, label.
    mutating func readShells(_ table: inout ConfigTable) throws -> JobConfig.ShellsJob {
        let centres = try table.requiredString("centres")
        guard let partners = try table.strings("partners"), !partners.isEmpty else {
            throw table.error(nil, "give the partner species: partners = [\"TFSI\"] (names from [selections] or selections)")
        }
        let cutoffs = try numbers(&table, "cutoffs", count: partners.count)
        let counting = try countingMode(&table, default: .molecules)
        let byMolecule = try table.bool("centres_by_molecule") ?? false
        let centreText = try selection(centres, &table, "centres").text
        var species: [(String, ShellDefinition)] = []
        for (k, partner) in partners.enumerated() {
            let definition = ShellDefinition(centres: centreText, partners: try selection(partner, &table, "partners").text,
                                             cutoff: cutoffs?[k], centresByMolecule: byMolecule, counting: counting)
            species.append((partner, definition))
        }
        return JobConfig.ShellsJob(label: try table.string("label") ?? "\(centres) shells", species: species,
                                   blocks: try table.integer("blocks", minimum: 2) ?? 5)
    }

    /// `[[clusters]]`: cations, anions, optional `cutoffs = { "Li:TFSI" = 6.3 }`, counting, blocks.
    mutating func readClusters(_ table: inout ConfigTable) throws -> JobConfig.ClustersJob {
        guard let cations = try table.strings("cations"), !cations.isEmpty, let anions = try table.strings("anions"), !anions.isEmpty else {
            throw table.error(nil, "give cations = [...] and anions = [...] (names from [selections] or selections)")
        }
        var given: [String: Double] = [:]
        if var cutoffs = try table.subtable("cutoffs") {
            for entry in cutoffs.table.entries {
                let parts = entry.key.split(separator: ":").map(String.init)
                guard parts.count == 2, cations.contains(parts[0]), anions.contains(parts[1]) else {
                    throw cutoffs.error(entry.key, "name a cation:anion pair of the species given, e.g. \"\(cations[0]):\(anions[0])\"")
                }
                given[entry.key] = try cutoffs.double(entry.key, positive: true)
            }
            try cutoffs.finish()
        }
        var pairs: [(String, String, Double?)] = []
        for c in cations { for a in anions { pairs.append((c, a, given["\(c):\(a)"])) } }
        return JobConfig.ClustersJob(
            label: try table.string("label") ?? "clusters",
            cations: try cations.map { ClusterAnalysis.Ion(name: $0, selection: try selection($0, &table, "cations").text) },
            anions: try anions.map { ClusterAnalysis.Ion(name: $0, selection: try selection($0, &table, "anions").text) },
            cutoffs: pairs, counting: try countingMode(&table, default: .centresOfMass),
            blocks: try table.integer("blocks", minimum: 2) ?? 5)
    }

    /// `[[cdf]]`: centres, partners, points (3 for an angle, 4 for a dihedral), rmax, bins.
    mutating func readCDF(_ table: inout ConfigTable) throws -> JobConfig.CDFJob {
        let centres = try table.requiredString("centres"), partners = try table.requiredString("partners")
        guard let points = try table.strings("points"), points.count == 3 || points.count == 4 else {
            throw table.error("points", "give 3 selections (an angle) or 4 (a dihedral) of atoms in the partner molecule")
        }
        let job = JobConfig.CDFJob(
            label: try table.string("label") ?? "\(centres)–\(partners)",
            centres: try selection(centres, &table, "centres").text,
            centresByMolecule: try table.bool("centres_by_molecule") ?? false,
            partners: try selection(partners, &table, "partners").text,
            points: try points.map { try selection($0, &table, "points").text },
            rMax: try table.double("rmax", positive: true) ?? 10,
            distanceBins: try table.integer("distance_bins", minimum: 1) ?? 50,
            angleBins: try table.integer("angle_bins", minimum: 1) ?? 36)
        do { _ = try job.analysis() } catch let error as InputError { throw table.error(nil, error.description) }
        return job
    }

    private mutating func countingMode(_ table: inout ConfigTable, default value: ShellDefinition.Counting) throws(ConfigError) -> ShellDefinition.Counting {
        guard let text = try table.string("counting") else { return value }
        guard let mode = ShellDefinition.Counting(rawValue: text) else {
            throw table.error("counting", "'\(text)' is not a counting mode; use \(ShellDefinition.Counting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return mode
    }

    private func numbers(_ table: inout ConfigTable, _ key: String, count: Int) throws(ConfigError) -> [Double]? {
        guard let entry = table.table[key] else { table.markKnown(key); return nil }
        table.markKnown(key)
        guard case .array(let items, _) = entry, items.count == count else {
            throw table.error(key, "expected an array of \(count) distances in Å, one per partner")
        }
        var out: [Double] = []
        for item in items {
            switch item {
            case .integer(let i) where i > 0: out.append(Double(i))
            case .float(let d) where d > 0 && d.isFinite: out.append(d)
            default: throw table.error(key, "each cutoff must be a positive distance in Å")
            }
        }
        return out
    }
}
