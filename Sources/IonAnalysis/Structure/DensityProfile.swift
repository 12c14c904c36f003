import Foundation
import IonCore

/// Number, mass and charge density of a group along one cell axis, and the electrostatic field and
/// potential of its charge by Poisson's equation, averaged over frames with block standard errors.
///
/// Atoms are binned by their fractional coordinate s ∈ [0, 1) along the cell vector of `axis`, so
/// slabs stay slabs when the cell changes (NPT) or is tilted; a bin holds the volume V/bins of that
/// frame. Distances are along the normal to the other two cell vectors, z = s·w with w the
/// perpendicular width. From the charge density ρ(z) (e/Å³), with ε₀ (SI) or 1/(4π) (LAMMPS lj,
/// where 1/(4πε₀) = 1), the field at the bin edges is E(z) = (1/ε₀)∫₀ᶻ ρ dz′ shifted so that its
/// mean over the cell is zero — the periodic condition φ(0) = φ(w), which holds for a neutral
/// periodic system; the potential is φ(z) = −∫₀ᶻ E dz′ with φ(0) = 0. Each frame's profile and
/// potential enter the averages, so the potential's σ comes from the same blocks.
/// (M. P. Allen and D. J. Tildesley, *Computer Simulation of Liquids*, 2nd ed. (2017), §8.1,
/// doi:10.1093/oso/9780198803195.001.0001; Gauss's law in one dimension.)
/// - Complexity: O(selected atoms + bins) per frame; memory O(bins · log frames).
public struct DensityProfile: FrameAnalysis {
    /// The cell axis (0, 1, 2 for a, b, c).
    public let axis: Int
    public let bins: Int
    public let minimumBlocks: Int
    public let selection: Selection
    private var atoms: [Int] = []
    private var masses: [Double] = [], charges: [Double] = []
    private var reduced = false
    private var lengthUnit = PhysicalUnit.angstrom
    var series: BlockSeries
    var widthSum = 0.0
    private var counts: [Double] = []

    /// - Throws: ``InputError`` for an axis other than 0, 1, 2 or fewer than 2 bins.
    public init(selection: Selection, axis: Int, bins: Int = 100, minimumBlocks: Int = 8) throws {
        guard (0...2).contains(axis) else {
            throw InputError("the profile axis must be x, y or z (0, 1, 2); got \(axis)")
        }
        guard bins >= 2 else { throw InputError("a profile needs at least 2 bins; got \(bins)") }
        self.selection = selection; self.axis = axis; self.bins = bins; self.minimumBlocks = minimumBlocks
        series = BlockSeries(minimumBlocks: minimumBlocks)
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        atoms = try selection.atomIndices(in: context.topology)
        guard !atoms.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        masses = context.masses; charges = context.topology.charges
        reduced = context.units.isReduced
        lengthUnit = context.units.lengthUnit
    }

    public mutating func accumulate(_ view: FrameView) throws {
        let (frame, index) = (view.frame, view.index)
        guard let box = frame.box else {
            throw InputError("frame \(index) has no periodic cell; a density profile needs one")
        }
        let width = box.perpendicularWidths[axis]
        let binVolume = box.volume / Double(bins)
        counts.removeAll(keepingCapacity: true)
        counts.append(contentsOf: repeatElement(0, count: 3 * bins))
        for a in atoms {
            var s = box.fractional(position: frame.positions[a])[axis]
            s -= s.rounded(.down)
            let k = min(bins - 1, Int(s * Double(bins)))
            counts[k] += 1
            counts[bins + k] += masses[a]
            counts[2 * bins + k] += charges[a]
        }
        for k in counts.indices { counts[k] /= binVolume }
        let (field, potential) = Self.poisson(Array(counts[(2 * bins)...]), width: width, reduced: reduced)
        series.add(counts + field + potential)
        widthSum += width
    }

    /// The field at the bin edges 0…bins−1 (V/nm, or reduced) and the potential at the bin centres
    /// (V, or reduced) of the charge density `rho` (e/Å³, or reduced) in bins of `width`/bins.
    static func poisson(_ rho: [Double], width: Double, reduced: Bool) -> (field: [Double], potential: [Double]) {
        let n = rho.count
        let dz = width / Double(n)
        // Integrals in internal units (e/Å, e/Å² …), then one factor to V/Å and V.
        let scale = reduced ? 4 * Double.pi : TransportUnits.elementaryCharge / (vacuumPermittivity * 1e-10)
        var edges = [Double](repeating: 0, count: n)
        for k in 1..<n { edges[k] = edges[k - 1] + rho[k - 1] * dz }
        let mean = edges.reduce(0, +) / Double(n)
        let field = edges.map { scale * ($0 - mean) }  // V/Å (reduced: q/σ²)
        // With ρ uniform within a bin the field is linear there and φ quadratic: exact at the edges
        // by the trapezoid rule, and at the centre φ_k − E_k·Δz/2 − (E_k+1 − E_k)·Δz/8.
        var edgePotential = [Double](repeating: 0, count: n)
        var potential = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let next = k + 1 < n ? field[k + 1] : field[0] + scale * rho.reduce(0, +) * dz
            potential[k] = edgePotential[k] - 0.5 * field[k] * dz - (next - field[k]) * dz / 8
            if k + 1 < n { edgePotential[k + 1] = edgePotential[k] - 0.5 * (field[k] + next) * dz }
        }
        return (field.map { reduced ? $0 : 10 * $0 }, potential)  // V/Å → V/nm
    }

    /// ε₀, F/m (CODATA 2018).
    static let vacuumPermittivity = 8.854_187_8128e-12

    public mutating func finish(_ pass: PassRecord) throws -> DensityProfileResult {
        guard series.frames >= 1 else { throw InputError("the density profile needs at least one frame") }
        let mean = series.mean(length: 5 * bins), errors = series.standardErrors(length: 5 * bins)
        func part(_ k: Int) -> (values: [Double], errors: [Double]?) {
            (Array(mean[(k * bins)..<((k + 1) * bins)]), errors.map { Array($0.values[(k * bins)..<((k + 1) * bins)]) })
        }
        let width = widthSum / Double(series.frames)
        let (number, mass, charge, field, potential) = (part(0), part(1), part(2), part(3), part(4))
        let massScale = reduced ? 1 : 1 / (TransportUnits.avogadro * 1e-24)  // (g/mol)/Å³ → g/cm³
        let netCharge = charge.values.reduce(0, +) * width / Double(bins)
        var warnings = pass.warnings
        if let errors {
            if let doubt = errors.warning("the number density", entries: 0..<bins) { warnings.append(doubt) }
        } else {
            warnings.append(BlockErrors.tooFewFrames(series.frames, minimumBlocks))
        }
        if abs(netCharge) > 1e-6 * max(1, charge.values.map(abs).reduce(0, +) * width / Double(bins)) {
            warnings.append(
                "the selected atoms carry a net charge (\(netCharge) e per unit area); the potential assumes a neutral periodic system and its slope is not physical"
            )
        }
        let dz = width / Double(bins)
        return DensityProfileResult(
            selection: selection.text, atoms: atoms.count, axis: ["x", "y", "z"][axis], frames: series.frames,
            minimumBlocks: minimumBlocks,
            width: width, z: (0..<bins).map { (Double($0) + 0.5) * dz }, edges: (0..<bins).map { Double($0) * dz },
            numberDensity: number.values, numberDensityError: number.errors,
            massDensity: mass.values.map { $0 * massScale }, massDensityError: mass.errors?.map { $0 * massScale },
            chargeDensity: charge.values, chargeDensityError: charge.errors,
            field: field.values, fieldError: field.errors, potential: potential.values,
            potentialError: potential.errors,
            potentialDrop: potential.values.max()! - potential.values.min()!,
            units: reduced
                ? .init(
                    length: lengthUnit, number: PhysicalUnit.sigma.cubed.inverse,
                    mass: .reducedMass / PhysicalUnit.sigma.cubed, charge: .reducedCharge / PhysicalUnit.sigma.cubed,
                    field: PhysicalUnit("q/σ² (1/(4πε₀) = 1)", toSI: nil), potential: .reducedCharge / .sigma)
                : .init(
                    length: lengthUnit, number: PhysicalUnit.angstrom.cubed.inverse,
                    mass: PhysicalUnit("g/cm³", toSI: 1e3), charge: .elementaryCharge / PhysicalUnit.angstrom.cubed,
                    field: PhysicalUnit("V/nm", toSI: 1e9), potential: .volt),
            warnings: warnings)
    }
}

/// Density profiles along one axis and the potential of their charge.
public struct DensityProfileResult: Codable, Sendable, CarriesWarnings {
    public struct Units: Codable, Sendable {
        public var length: PhysicalUnit, number: PhysicalUnit, mass: PhysicalUnit, charge: PhysicalUnit,
            field: PhysicalUnit, potential: PhysicalUnit
    }
    public var selection: String
    public var atoms: Int
    public var axis: String
    public var frames: Int
    /// Fewest blocks an error may rest on (their length is chosen from the data, ``BlockSeries``).
    public var minimumBlocks: Int
    /// Mean perpendicular width of the cell along the axis.
    public var width: Double
    /// Bin centres and left edges, from 0 to `width`.
    public var z: [Double]
    public var edges: [Double]
    public var numberDensity: [Double]
    public var numberDensityError: [Double]?
    public var massDensity: [Double]
    public var massDensityError: [Double]?
    public var chargeDensity: [Double]
    public var chargeDensityError: [Double]?
    /// At the bin edges.
    public var field: [Double]
    public var fieldError: [Double]?
    /// At the bin centres, 0 at the first edge.
    public var potential: [Double]
    public var potentialError: [Double]?
    /// Largest minus smallest potential.
    public var potentialDrop: Double
    public var units: Units
    public var warnings: [String]
}
