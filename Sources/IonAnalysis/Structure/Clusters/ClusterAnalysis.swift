import IonCore

/// Ion clusters: in each frame, cations and anions (whole molecules) in contact are joined,
/// and the connected components of the contact graph are the clusters (union–find). Reported:
/// the fractions of each species' ions that are free, in contact ion pairs (exactly one cation
/// and one anion) and in larger aggregates, frame by frame and averaged; the distributions of
/// cluster size and net charge (molecular net charges from the topology).
///
/// Contacts come from one ``ShellFinder`` per (cation, anion) species pair, centres the cation
/// molecules' centres of mass; only cation–anion contacts make edges. Frame series are kept for
/// plotting: memory O(frames · species).
/// - Complexity: per frame that of the finders (on the driver's threads) plus O(ions · α(ions)).
public struct ClusterAnalysis: ParallelFrameAnalysis {
    /// Unit of every distance: Å, or σ for LAMMPS lj inputs.
    var lengthUnit = PhysicalUnit.angstrom
    /// A named ion species: the molecules holding the selected atoms.
    public struct Ion: Codable, Sendable {
        public var name: String
        public var selection: String
        public init(name: String, selection: String) { self.name = name; self.selection = selection }
    }

    public let cations: [Ion], anions: [Ion]
    public let rules: [ContactRule]
    public let counting: ShellDefinition.Counting
    public let minimumBlocks: Int
    var finders: [ShellFinder] = []
    var finderNodes: [(centre: Int32, partner: Int32)] = []
    var labels = DisjointSets()
    var nodeSpecies: [Int32] = [], nodeCharge: [Double] = [], speciesCharge: [Double] = [], speciesCount: [Int] = []
    var size: [Int32] = [], cationsIn: [Int32] = [], charge: [Double] = []
    var chargeSlots: [Int: Int] = [:]
    /// Whether any input gave charges (else net charges are unknown, not 0), and their unit.
    var chargesKnown = true, chargeUnit = PhysicalUnit.elementaryCharge
    var fractions: BlockSeries, sizes: BlockSeries, charges: BlockSeries
    var series = ClusterResult.FractionSeries(frameIndices: [], times: [], free: [], pairs: [], aggregates: [])

    /// - Parameters:
    ///   - rules: one contact rule per (cation, anion) pair of species names that may touch;
    ///     pairs without a rule never make contacts.
    ///   - counting: `.centresOfMass` (default) or `.molecules` (any selected anion atom within
    ///     the cutoff of the cation's centre of mass).
    /// - Throws: ``InputError`` for unknown or repeated names, no cations or anions, or
    ///   counting by atom.
    public init(
        cations: [Ion], anions: [Ion], rules: [ContactRule], counting: ShellDefinition.Counting = .centresOfMass,
        minimumBlocks: Int = 8
    ) throws {
        guard !cations.isEmpty, !anions.isEmpty else {
            throw InputError("clusters need at least one cation and one anion species")
        }
        guard counting != .atoms else {
            throw InputError("clusters join whole ions: count anions by centre of mass or by molecule")
        }
        let names = (cations + anions).map(\.name)
        guard Set(names).count == names.count else { throw InputError("ion species names must differ; got \(names)") }
        for rule in rules
        where !cations.contains(where: { $0.name == rule.cation }) || !anions.contains(where: { $0.name == rule.anion })
        {
            throw InputError(
                "the contact rule \(rule.cation)–\(rule.anion) names no cation–anion pair of species \(names)")
        }
        guard !rules.isEmpty else { throw InputError("clusters need at least one cation–anion contact cutoff") }
        self.cations = cations; self.anions = anions; self.rules = rules; self.counting = counting;
        self.minimumBlocks = minimumBlocks
        fractions = BlockSeries(minimumBlocks: minimumBlocks); sizes = fractions; charges = fractions
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        lengthUnit = context.units.lengthUnit
        chargesKnown = context.topology.given.contains(.charges)
        chargeUnit = context.units.chargeUnit
        let moleculeCharges = context.molecules.charges(context.topology.charges)
        var speciesOfMolecule = [Int32](repeating: -1, count: context.molecules.count)
        var offsets: [Int32] = []
        for (s, ion) in (cations + anions).enumerated() {
            offsets.append(Int32(nodeSpecies.count))
            let atoms = try ShellFinder.atoms(ion.selection, context)
            let molecules = Array(Set(atoms.map { context.molecules.moleculeOfAtom[$0] })).sorted()
            for m in molecules {
                guard speciesOfMolecule[Int(m)] < 0 else {
                    throw InputError(
                        "molecule \(m) belongs to two ion species, \((cations + anions)[Int(speciesOfMolecule[Int(m)])].name) and \(ion.name)"
                    )
                }
                speciesOfMolecule[Int(m)] = Int32(s)
                nodeSpecies.append(Int32(s)); nodeCharge.append(moleculeCharges[Int(m)])
            }
            speciesCount.append(molecules.count)
            speciesCharge.append(molecules.reduce(0) { $0 + moleculeCharges[Int($1)] } / Double(molecules.count))
        }
        let empty = [[Double]](repeating: [], count: speciesCount.count)
        series = .init(frameIndices: [], times: [], free: empty, pairs: empty, aggregates: empty)
        for rule in rules {
            let i = cations.firstIndex { $0.name == rule.cation }!, j = anions.firstIndex { $0.name == rule.anion }!
            let definition = ShellDefinition(
                centres: cations[i].selection, partners: anions[j].selection, cutoff: rule.cutoff,
                centresByMolecule: true, counting: counting)
            finders.append(try ShellFinder(definition: definition, context: context))
            finderNodes.append((offsets[i], offsets[cations.count + j]))
        }
    }

    /// One frame's contacts, rule by rule, and its time.
    public struct FrameContacts {
        var contacts: [ShellContacts] = []
        var time: Double?
    }

    /// Each thread searches with its own copies of the finders.
    public func makeWorker() -> [ShellFinder] { finders }

    public func compute(_ view: FrameView, worker finders: inout [ShellFinder]) throws -> FrameContacts {
        var found = FrameContacts(time: view.frame.time)
        for k in finders.indices { found.contacts.append(try finders[k].find(in: view).contacts) }
        return found
    }

    public mutating func add(_ found: FrameContacts, index: Int) throws {
        let n = nodeSpecies.count
        labels.reset(count: n)
        for (k, contacts) in found.contacts.enumerated() {
            let (centre, partner) = finderNodes[k]
            for c in 0..<contacts.centreCount {
                for p in contacts.partners(of: c) { labels.join(centre + Int32(c), partner + p) }
            }
        }
        // Per-root tallies, reset in place.
        size.removeAll(keepingCapacity: true); size.append(contentsOf: repeatElement(0, count: n))
        cationsIn.removeAll(keepingCapacity: true); cationsIn.append(contentsOf: repeatElement(0, count: n))
        charge.removeAll(keepingCapacity: true); charge.append(contentsOf: repeatElement(0, count: n))
        let cationSpecies = Int32(cations.count)
        for i in 0..<n {
            let r = Int(labels.root(Int32(i)))
            size[r] += 1; charge[r] += nodeCharge[i]
            if nodeSpecies[i] < cationSpecies { cationsIn[r] += 1 }
        }
        record(time: found.time, index: index)
    }
}
