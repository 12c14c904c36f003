import Foundation
import IonAnalysis
import IonCore

/// Radial structure functions, the descriptors of softness (Schoenholz et al., Nat. Phys. 12, 469
/// (2016), doi:10.1038/nphys3644; Cubuk et al., Phys. Rev. Lett. 114, 108001 (2015),
/// doi:10.1103/PhysRevLett.114.108001): for every centre i, every neighbour species X and every μ
/// of a grid,
///
///     G_X(i; μ) = Σ_{j ∈ X, j ≠ i} exp(−(r_ij − μ)² / 2L²),
///
/// r_ij the minimum-image distance (length unit of the input). Pairs are found within
/// μ_max + 8L, past which every term is below e⁻³² ≈ 10⁻¹⁴ of a neighbour's peak; the sum is
/// otherwise the direct one. Features are in the order (species, μ) per centre.
/// - Complexity: per kept frame a neighbour search per species and O(pairs · 16L/Δμ) Gaussians.
public struct RadialStructureFunctions: PerCentreDescriptor, Sendable {
    public typealias Species = DescriptorSpecies

    public let selection: Selection
    public let species: [Species]
    /// The μ grid and the Gaussian width L, in the input's length unit.
    public let mu: [Double]
    public let width: Double

    var units = UnitSystem.real
    public private(set) var centres: [Int] = []
    var members: [[Int]] = []

    /// - Throws: ``InputError`` without species or μ values, or for a width that is not positive.
    public init(selection: Selection, species: [Species], mu: [Double], width: Double) throws {
        guard !species.isEmpty else {
            throw InputError("radial structure functions need at least one neighbour species")
        }
        guard !mu.isEmpty, mu.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw InputError("the μ grid of the radial structure functions needs values ≥ 0")
        }
        guard width > 0, width.isFinite else { throw InputError("the Gaussian width L must be positive; got \(width)") }
        self.selection = selection; self.species = species; self.mu = mu; self.width = width
    }

    /// μ from `first` to `last` in steps of `step` (both ends included when on the grid).
    public static func grid(from first: Double, to last: Double, step: Double) throws -> [Double] {
        guard step > 0, last >= first, first >= 0 else {
            throw InputError("the μ grid needs 0 ≤ first ≤ last and a positive step; got \(first)…\(last) step \(step)")
        }
        let count = Int(((last - first) / step + 1e-9).rounded(.down)) + 1
        guard count <= 10_000 else { throw InputError("the μ grid would hold \(count) values; at most 10⁴") }
        return (0..<count).map { first + Double($0) * step }
    }

    /// The pair cutoff: the largest μ plus 8 L.
    public var reach: Double { mu.max()! + 8 * width }
    /// Features per centre.
    public var featureCount: Int { species.count * mu.count }

    public mutating func prepare(_ context: AnalysisContext) throws {
        units = context.units
        centres = try selection.atomIndices(in: context.topology)
        guard !centres.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        members = try speciesMembers(context.topology)
    }

    public var speciesAtoms: [Int] { members.map(\.count) }

    public var parameters: DescriptorParameters {
        DescriptorParameters(kind: "radial structure functions", reach: reach, mu: mu, width: width)
    }

    public struct Worker: Sendable {
        var search = NeighborSearch()
        var centrePoints: [Vec3] = [], points: [Vec3] = []
    }

    public func makeWorker() -> Worker { Worker() }

    /// The features of the view's frame (centres × species × μ).
    public func features(_ view: FrameView, worker: inout Worker) throws -> [Double] {
        let frame = view.frame
        guard let box = frame.box else {
            throw InputError("frame \(view.index) has no periodic cell; radial structure functions need one")
        }
        let w = box.perpendicularWidths
        if reach > min(w.x, w.y, w.z) / 2 * (1 + 1e-12) {
            let unit = units.lengthUnit, half = min(w.x, w.y, w.z) / 2
            func text(_ x: Double) -> String { String(format: "%.4g", x) }
            throw InputError(
                "the radial structure functions reach \(text(reach)) \(unit) (the last μ, \(text(mu.last!)) \(unit), plus 8 L), more than half the cell's smallest width (\(text(half)) \(unit) at frame \(view.index)): lower the last μ (rsf_max) or L"
            )
        }
        let nmu = mu.count, stride = featureCount, reach = self.reach
        var out = [Double](repeating: 0, count: centres.count * stride)
        worker.centrePoints = centres.map { frame.positions[$0] }
        let (first, step) = (mu[0], nmu > 1 ? mu[1] - mu[0] : 1)
        let inverseTwoL2 = 1 / (2 * width * width), window = 8 * width
        let evenlySpaced = nmu < 3 || zip(mu, mu.dropFirst()).allSatisfy { abs(($1 - $0) - step) < 1e-9 * step }
        let mu = self.mu, centres = self.centres
        for (s, atoms) in members.enumerated() {
            worker.points = atoms.map { frame.positions[$0] }
            try out.withUnsafeMutableBufferPointer { out in
                try worker.search.forEachPair(worker.centrePoints, worker.points, box: box, cutoff: reach) {
                    c, k, _, r2 in
                    if centres[c] == atoms[k] { return }
                    let r = r2.squareRoot()
                    // Only the μ within 8 L of r: the rest are below e⁻³².
                    let lo = evenlySpaced ? max(0, Int(((r - window - first) / step).rounded(.up))) : 0
                    let hi = evenlySpaced ? min(nmu - 1, Int(((r + window - first) / step).rounded(.down))) : nmu - 1
                    guard lo <= hi else { return }
                    let base = c * stride + s * nmu
                    for m in lo...hi {
                        let x = r - mu[m]
                        out[base + m] += exp(-x * x * inverseTwoL2)
                    }
                }
            }
        }
        return out
    }

    /// Feature names in order: `G_X(μ)` by species, then μ.
    public var columns: [String] {
        species.flatMap { s in mu.map { "G_\(s.name)(\(String(format: "%.4g", $0)))" } }
    }
}
