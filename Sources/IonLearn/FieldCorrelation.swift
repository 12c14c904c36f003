import Foundation
import IonAnalysis
import IonCore

/// The spatial correlation C_AB(r) of a per-atom column of the trajectory (a LAMMPS dump's
/// `c_pe`, a Voronoi volume) between species of a selection, frame by frame in one pass
/// (``SpatialCorrelation``: Jones et al. 2022, doi:10.48550/arXiv.2208.03182, eq. 3). Memory
/// does not grow with the frames; frames run on several threads.
public struct FieldCorrelation: ParallelFrameAnalysis {
    public let selection: Selection
    /// Groups of the selection, each a species; every selected atom must be in exactly one.
    public let species: [DescriptorSpecies]
    /// The column's name, and its place in ``Frame/perAtom``.
    public let column: String, columnIndex: Int
    /// Largest distance and bin width, Å (σ for lj).
    public let rMax: Double, width: Double
    public let blocks: Int

    var atoms: [Int] = []
    var kinds: [Int] = []
    var layout: SpatialCorrelation.Layout
    var accumulated: SpatialCorrelation.Blocks
    var units = UnitSystem.real

    /// - Throws: ``InputError`` for bins that do not fit (0 < width < rMax) or no species.
    public init(
        selection: Selection, species: [DescriptorSpecies], column: String, columnIndex: Int, rMax: Double,
        width: Double, blocks: Int = 5
    ) throws {
        self.selection = selection; self.species = species; self.column = column; self.columnIndex = columnIndex
        self.rMax = rMax; self.width = width; self.blocks = blocks
        layout = try SpatialCorrelation.Layout(kinds: species.count, rMax: rMax, width: width)
        accumulated = SpatialCorrelation.Blocks(layout, blocks: blocks)
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        units = context.units
        atoms = try selection.atomIndices(in: context.topology)
        guard !atoms.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        var kindOf = [Int](repeating: -1, count: context.topology.atomCount)
        for (s, group) in species.enumerated() {
            for atom in try Selection(group.selection).atomIndices(in: context.topology) {
                guard kindOf[atom] < 0 else {
                    throw InputError(
                        "atom \(atom + 1) is in species '\(species[kindOf[atom]].name)' and '\(group.name)'; each atom may be in one"
                    )
                }
                kindOf[atom] = s
            }
        }
        kinds = atoms.map { kindOf[$0] }
        if let k = kinds.firstIndex(of: -1) {
            throw InputError(
                "atom \(atoms[k] + 1) of '\(selection.text)' is in none of the species \(species.map(\.name).joined(separator: ", "))"
            )
        }
    }

    public func makeWorker() -> NeighborSearch { NeighborSearch() }

    public func compute(_ view: FrameView, worker: inout NeighborSearch) throws -> SpatialCorrelation.Sums {
        let frame = view.frame
        guard let box = frame.box else {
            throw InputError("frame \(view.index) has no periodic cell; the spatial correlation needs one")
        }
        guard columnIndex < frame.perAtom.count, frame.perAtom[columnIndex].count == frame.atomCount else {
            throw InputError("frame \(view.index) has no per-atom column '\(column)'")
        }
        let values = frame.perAtom[columnIndex]
        do {
            return try layout.sums(
                atoms.map { frame.positions[$0] }, box: box, field: atoms.map { values[$0] }, species: kinds,
                search: &worker)
        } catch let error as InputError {
            throw InputError("frame \(view.index): \(error.message)")
        }
    }

    public mutating func add(_ output: SpatialCorrelation.Sums, index: Int) throws { accumulated.add(output) }

    public func finish(_ pass: PassRecord) throws -> FieldCorrelationResult {
        guard accumulated.snapshots > 0 else { throw InputError("the spatial correlation read no frames") }
        let curves = accumulated.curves()
        var warnings: [String] = []
        if accumulated.snapshots < 2 { warnings.append("C(r) of \(column) from one frame: no error bars") }
        for curve in curves where curve.length == nil {
            warnings.append(
                "no correlation length for \(species[curve.a].name)–\(species[curve.b].name): C(r) of \(column) is not positive over 3 bins from its first"
            )
        }
        return FieldCorrelationResult(
            column: column, selection: selection.text, species: species, atoms: atoms.count,
            frames: accumulated.snapshots, width: width, curves: curves, lengthUnit: units.lengthUnit,
            warnings: warnings)
    }
}

/// C_AB(r) of a per-atom column for every species pair a ≤ b.
public struct FieldCorrelationResult: Codable, Sendable, CarriesWarnings {
    public var column: String
    public var selection: String
    public var species: [DescriptorSpecies]
    /// Selected atoms, and frames averaged.
    public var atoms: Int, frames: Int
    /// Bin width, in ``lengthUnit``.
    public var width: Double
    public var curves: [SpatialCorrelation.Curve]
    public var lengthUnit: PhysicalUnit
    public var warnings: [String]
}
