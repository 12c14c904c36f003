import Foundation
import IonCore

/// g(r) between two groups as a ``FrameAnalysis``; see ``RadialDistribution/compute(_:selection:with:options:)``.
///
/// Frames are gathered into batches of 4 × threads and histogrammed in parallel (thread-local
/// histograms merged after each batch). Memory O(batch · (N_A + N_B) + bins · blocks).
public struct RDFAnalysis: FrameAnalysis {
    /// Unit of every distance: Å, or σ for LAMMPS lj inputs.
    var lengthUnit = PhysicalUnit.angstrom
    public let selection: Selection
    public let other: Selection?
    public let options: RDFOptions

    private var accumulator: RDFAccumulator?
    private var pickA: [Int] = [], pickB: [Int] = []
    private var batch: [RDFFrame] = []
    private var threads = 1

    public init(selection: Selection, with other: Selection? = nil, options: RDFOptions = RDFOptions()) {
        self.selection = selection; self.other = other; self.options = options
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        lengthUnit = context.units.lengthUnit
        if options.byMolecule && options.excludeIntramolecular {
            throw InputError(
                "intramolecular exclusion applies to atoms; centres of mass of different molecules never share one")
        }
        let topology = context.topology
        let atomsA = try selection.atomIndices(in: topology)
        let atomsB = try (other ?? selection).atomIndices(in: topology)
        guard !atomsA.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        guard !atomsB.isEmpty else { throw InputError("the selection '\((other ?? selection).text)' matches no atoms") }
        let molecules = context.molecules
        let sets: RDFPointSets
        pickA = atomsA; pickB = atomsB  // atoms, or molecules in COM mode
        if options.byMolecule {
            func touched(_ atoms: [Int]) -> [Int] {
                Array(Set(atoms.map { Int(molecules.moleculeOfAtom[$0]) })).sorted()
            }
            pickA = touched(atomsA); pickB = touched(atomsB)
            sets = try RDFPointSets(identityA: pickA.map(Int32.init), identityB: pickB.map(Int32.init))
        } else {
            sets = try RDFPointSets(
                identityA: pickA.map(Int32.init), moleculeA: atomsA.map { molecules.moleculeOfAtom[$0] },
                identityB: pickB.map(Int32.init), moleculeB: atomsB.map { molecules.moleculeOfAtom[$0] },
                excludeSameMolecule: options.excludeIntramolecular)
        }
        accumulator = try RDFAccumulator(
            sets: sets, rMax: options.rMax, bins: options.bins, blocks: options.blocks, followCell: options.followCell)
        threads = max(1, options.threads ?? ProcessInfo.processInfo.activeProcessorCount)
        batch.reserveCapacity(batchSize)
    }

    private var batchSize: Int { threads == 1 ? 1 : 4 * threads }

    public mutating func accumulate(_ view: FrameView) throws {
        let (frame, index) = (view.frame, view.index)
        guard let box = frame.box else { throw InputError("frame \(index) has no periodic cell; the RDF needs one") }
        let points = options.byMolecule ? view.centresOfMass() : frame.positions
        let a = pickA.map { points[$0] }
        batch.append(RDFFrame(a: a, b: accumulator!.sets.identical ? a : pickB.map { points[$0] }, box: box))
        if batch.count == batchSize { try flush() }
    }

    private mutating func flush() throws {
        try accumulator!.add(batch: batch, threads: threads)
        batch.removeAll(keepingCapacity: true)
    }

    public mutating func finish(_ pass: PassRecord) throws -> RDFResult {
        try finishResult(warnings: pass.warnings)
    }

    mutating func finishResult(warnings: [String]) throws -> RDFResult {
        if !batch.isEmpty { try flush() }
        return try RadialDistribution.result(
            accumulator!, selection: selection.text, with: (other ?? selection).text,
            byMolecule: options.byMolecule, distanceUnit: lengthUnit, warnings: warnings)
    }
}

extension RDFAnalysis: MergeableAnalysis {
    public mutating func partial() throws -> RDFAccumulator.Partial {
        if !batch.isEmpty { try flush() }
        return accumulator!.partial
    }

    public mutating func merge(_ later: RDFAccumulator.Partial) throws {
        if !batch.isEmpty { try flush() }
        try accumulator!.merge(later)
    }
}
