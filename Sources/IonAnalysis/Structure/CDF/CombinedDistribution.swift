import IonCore

/// Combined distribution function of a distance and an angle (Shayestehpour & Zahn 2024,
/// doi:10.1063/5.0232631, Fig. 9: Li–TFSI centre distance against the S–C…C–S dihedral).
///
/// Specification: centres are the atoms of `centres` (or centres of mass of their molecules);
/// partners are the molecules holding atoms of `partners`, placed at their centres of mass, so r
/// is the centre–partner distance. The angle is made by 3 `points`, the dihedral by 4, each a
/// selection evaluated inside every partner molecule: the k-th use of the same selection takes
/// its k-th matching atom in atom order (`'type 3', 'type 2', 'type 3'` is the S–N–S angle of
/// the coarse-grained TFSI). Vectors between points are minimum images. A centre never pairs
/// with its own molecule. Normalisation: ``CombinedDistributionResult``.
///
/// - Complexity: per frame O(N + pairs within rMax); memory O(distance bins · angle bins).
public struct CombinedDistribution: ParallelFrameAnalysis {
    /// Unit of every distance: Å, or σ for LAMMPS lj inputs.
    var lengthUnit = PhysicalUnit.angstrom
    public var centres: String, centresByMolecule: Bool, partners: String, points: [String]
    /// Largest distance, Å, and the numbers of bins.
    public var rMax: Double, distanceBins: Int, angleBins: Int
    var counts: [Double] = []
    var frames = 0, pairCount = 0.0, pairsCounted = 0.0
    var finder: ShellFinder?
    var pointAtoms: [Int32] = []

    /// - Throws: ``InputError`` for other than 3 or 4 points, a non-positive rMax or bins below 1.
    public init(
        centres: String, centresByMolecule: Bool = false, partners: String, points: [String],
        rMax: Double = 10, distanceBins: Int = 100, angleBins: Int = 36
    ) throws {
        guard points.count == 3 || points.count == 4 else {
            throw InputError("an angle needs 3 points and a dihedral 4; got \(points.count)")
        }
        guard rMax > 0, rMax.isFinite else { throw InputError("rmax must be a positive distance; got \(rMax) Å") }
        guard distanceBins >= 1, angleBins >= 1 else {
            throw InputError("the combined distribution needs at least one bin on each axis")
        }
        self.centres = centres; self.centresByMolecule = centresByMolecule; self.partners = partners;
        self.points = points
        self.rMax = rMax; self.distanceBins = distanceBins; self.angleBins = angleBins
    }

    var isDihedral: Bool { points.count == 4 }

    public mutating func prepare(_ context: AnalysisContext) throws {
        lengthUnit = context.units.lengthUnit
        let definition = ShellDefinition(
            centres: centres, partners: partners, cutoff: rMax, centresByMolecule: centresByMolecule,
            counting: .centresOfMass)
        let finder = try ShellFinder(definition: definition, context: context)
        pointAtoms = try Self.resolve(points, in: finder.partnerMolecules, context)
        let partnerSet = Set(finder.partnerMolecules)
        let shared = finder.centreMolecules.filter { partnerSet.contains($0) }.count
        pairCount = Double(finder.centreCount) * Double(finder.partnerCount) - Double(shared)
        guard pairCount > 0 else { throw InputError("the centres and partners have no pair of different molecules") }
        counts = [Double](repeating: 0, count: distanceBins * angleBins)
        self.finder = finder
    }

    /// The atoms making each partner molecule's angle, `points.count` per molecule.
    static func resolve(_ points: [String], in molecules: [Int32], _ context: AnalysisContext) throws -> [Int32] {
        let masks = try points.map { try Selection($0).mask(in: context.topology) }
        var atoms: [Int32] = []
        for m in molecules {
            var used: [String: Int] = [:]
            for (text, mask) in zip(points, masks) {
                let matching = context.molecules.atoms(of: Int(m)).filter { mask[Int($0)] }
                let k = used[text, default: 0]; used[text] = k + 1
                guard k < matching.count else {
                    throw InputError(
                        "partner molecule \(m) has \(matching.count) atom(s) matching '\(text)'; the \(points.count == 4 ? "dihedral" : "angle") needs \(k + 1)"
                    )
                }
                atoms.append(matching[matching.startIndex + k])
            }
        }
        return atoms
    }

    /// One frame's (distance, angle) cells, one per centre–partner pair in the order found, and
    /// the frame's volume.
    public struct FrameCells {
        var cells: [Int32] = []
        var volume = 0.0
    }

    /// Each thread searches with its own copy of the finder.
    public func makeWorker() -> ShellFinder? { finder }

    public func compute(_ view: FrameView, worker finder: inout ShellFinder?) throws -> FrameCells {
        guard finder != nil, let box = view.frame.box else {
            throw InputError("frame \(view.index) has no periodic cell; the combined distribution needs one")
        }
        let shells = try finder!.find(in: view)
        let contacts = shells.contacts, centreDistances = shells.distances
        let angleBin = angleBins(view.frame.positions, box: box, molecules: finder!.partnerCount)
        let width = rMax / Double(distanceBins)
        var found = FrameCells(volume: box.volume)
        found.cells.reserveCapacity(contacts.partners.count)
        for c in 0..<contacts.centreCount {
            for k in contacts.offsets[c]..<contacts.offsets[c + 1] {
                let rBin = min(distanceBins - 1, Int(centreDistances[k] / width))
                found.cells.append(Int32(rBin * angleBins + angleBin[Int(contacts.partners[k])]))
            }
        }
        return found
    }

    public mutating func add(_ found: FrameCells, index: Int) throws {
        for cell in found.cells { counts[Int(cell)] += found.volume }
        pairsCounted += Double(found.cells.count)
        frames += 1
    }
}
