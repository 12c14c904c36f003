import IonCore

/// First solvation shells around a set of centres, by one or more named partner species:
/// coordination-number histograms P(n), mean coordination numbers, denticity (how many atoms
/// of one partner molecule coordinate the centre), joint shell compositions and the mean
/// number of distinct partner molecules, each averaged over frames with block standard errors.
///
/// Shells come from one ``ShellFinder`` per species (cutoffs must be set; take them from the RDF
/// minimum with ``ShellCutoff`` first). Compositions count at most 255 partners of each of at
/// most 8 species.
/// - Complexity: per frame that of the finders (on the driver's threads), plus O(contacts · log)
///   for distinct partners.
public struct SolvationShellAnalysis: ParallelFrameAnalysis {
    /// Unit of every distance: Å, or σ for LAMMPS lj inputs.
    var lengthUnit = PhysicalUnit.angstrom
    /// A named partner species and where its cutoff came from.
    public struct Species: Codable, Sendable {
        public var name: String
        public var definition: ShellDefinition
        public var cutoffSource: String
        public init(name: String, definition: ShellDefinition, cutoffSource: String = "given") {
            self.name = name; self.definition = definition; self.cutoffSource = cutoffSource
        }
    }

    public let species: [Species]
    public let minimumBlocks: Int
    var finders: [ShellFinder] = []
    var coordination: [BlockSeries] = [], denticity: [BlockSeries] = [], scalars: BlockSeries
    var compositions: [UInt64: Int] = [:]
    var scratch: [Int32] = [], histogram: [Double] = []

    /// - Throws: ``InputError`` without species, with more than 8, or when their centres differ.
    public init(species: [Species], minimumBlocks: Int = 8) throws {
        guard let first = species.first else { throw InputError("solvation shells need at least one partner species") }
        guard species.count <= 8 else { throw InputError("at most 8 partner species; got \(species.count)") }
        for s in species
        where s.definition.centres != first.definition.centres
            || s.definition.centresByMolecule != first.definition.centresByMolecule
        {
            throw InputError("every partner species must share the centres '\(first.definition.centres)'")
        }
        self.species = species; self.minimumBlocks = minimumBlocks
        scalars = BlockSeries(minimumBlocks: minimumBlocks)
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        lengthUnit = context.units.lengthUnit
        finders = try species.map { try ShellFinder(definition: $0.definition, context: context) }
        coordination = Array(repeating: BlockSeries(minimumBlocks: minimumBlocks), count: species.count)
        denticity = coordination
    }

    /// One frame's shells, species by species.
    public struct FrameShells {
        var contacts: [ShellContacts] = []
        var coordinatingAtoms: [[Int32]] = []
    }

    /// Each thread searches with its own copies of the finders.
    public func makeWorker() -> [ShellFinder] { finders }

    public func compute(_ view: FrameView, worker finders: inout [ShellFinder]) throws -> FrameShells {
        var shells = FrameShells()
        for s in finders.indices {
            let found = try finders[s].find(in: view)
            shells.contacts.append(found.contacts)
            shells.coordinatingAtoms.append(found.coordinatingAtoms)
        }
        return shells
    }

    public mutating func add(_ shells: FrameShells, index: Int) throws {
        let contacts = shells.contacts
        let centres = finders[0].centreCount
        guard centres > 0 else { return }
        let weight = 1 / Double(centres)
        var means: [Double] = []
        for s in finders.indices {
            histogram.removeAll(keepingCapacity: true)
            for c in 0..<centres { add(weight, at: contacts[s].offsets[c + 1] - contacts[s].offsets[c]) }
            means.append(zip(histogram.indices, histogram).reduce(0) { $0 + Double($1.0) * $1.1 })
            coordination[s].add(histogram)
            histogram.removeAll(keepingCapacity: true)
            for d in shells.coordinatingAtoms[s] { add(weight, at: Int(d) - 1) }
            denticity[s].add(histogram)
        }
        var distinct = 0
        for c in 0..<centres {
            var key: UInt64 = 0
            scratch.removeAll(keepingCapacity: true)
            for s in finders.indices {
                let row = contacts[s].partners(of: c)
                key |= UInt64(min(row.count, 255)) << (8 * UInt64(s))
                for p in row { scratch.append(finders[s].partnerMolecules[Int(p)]) }
            }
            compositions[key, default: 0] += 1
            scratch.sort()
            for k in scratch.indices where k == 0 || scratch[k] != scratch[k - 1] { distinct += 1 }
        }
        means.append(Double(distinct) * weight)
        scalars.add(means)
    }

    mutating func add(_ weight: Double, at bin: Int) {
        if histogram.count <= bin { histogram.append(contentsOf: repeatElement(0, count: bin + 1 - histogram.count)) }
        histogram[bin] += weight
    }

    public mutating func finish(_ pass: PassRecord) throws -> SolvationShellResult {
        try finishResult(warnings: pass.warnings)
    }

    mutating func finishResult(warnings: [String]) throws -> SolvationShellResult {
        let mean = scalars.mean(length: species.count + 1),
            meanErrors = scalars.standardErrors(length: species.count + 1)
        var warnings = warnings
        if let meanErrors {
            if let doubt = meanErrors.warning("the mean coordination numbers") { warnings.append(doubt) }
        } else {
            warnings.append(BlockErrors.tooFewFrames(scalars.frames, minimumBlocks))
        }
        let shells = species.indices.map { s in
            let finder = finders[s]
            let p = coordination[s].mean(), pe = coordination[s].standardErrors()
            let d = denticity[s].mean(), de = denticity[s].standardErrors()
            let contacts = d.reduce(0, +)
            return SpeciesShell(
                name: species[s].name, partners: finder.definition.partners, counting: finder.definition.counting,
                cutoff: finder.cutoff, cutoffSource: species[s].cutoffSource, partnerCount: finder.partnerCount,
                meanCoordination: mean[s], meanCoordinationError: meanErrors?[s],
                coordination: p.indices.map { .init(count: $0, probability: p[$0], error: pe?[$0]) },
                denticity: d.indices.map {
                    .init(
                        count: $0 + 1, perCentre: d[$0], fraction: contacts > 0 ? d[$0] / contacts : nil, error: de?[$0]
                    )
                })
        }
        let joint = jointCompositions()
        let first = species[0].definition
        return SolvationShellResult(
            distanceUnit: lengthUnit, centres: first.centres,
            centreParticles: first.centresByMolecule ? "molecules" : "atoms",
            centreCount: finders.first?.centreCount ?? 0, frames: scalars.frames, minimumBlocks: minimumBlocks,
            species: shells,
            compositions: joint, distinctPartners: mean[species.count],
            distinctPartnersError: meanErrors?[species.count],
            warnings: warnings)
    }

    /// The compositions seen, most frequent first.
    func jointCompositions() -> [ShellComposition] {
        let total = Double(compositions.values.reduce(0, +))
        var joint: [ShellComposition] = []
        for (key, count) in compositions {
            let counts: [Int] = species.indices.map { Int((key >> (8 * UInt64($0))) & 255) }
            var parts: [String] = []
            for (n, s) in zip(counts, species) where n > 0 { parts.append("\(n) \(s.name)") }
            joint.append(
                ShellComposition(
                    label: parts.isEmpty ? "empty" : parts.joined(separator: " + "), counts: counts,
                    probability: Double(count) / total))
        }
        return joint.sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.label < $1.label }
    }
}
