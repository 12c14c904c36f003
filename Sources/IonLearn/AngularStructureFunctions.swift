import Foundation
import IonAnalysis
import IonCore

/// Angular structure functions, the three-body descriptors of softness (Cubuk et al. 2015,
/// doi:10.1103/PhysRevLett.114.108001) in Behler's G⁴ form (Behler 2011, doi:10.1063/1.3553717):
/// for every centre i, every unordered pair of neighbour species {X, Y} and every (ξ, ζ, λ),
///
///     Ψ_XY(i; ξ, ζ, λ) = 2^{1−ζ} Σ_{j ∈ X, k ∈ Y, {j, k} unordered, j ≠ k}
///                        (1 + λ cos θ_jik)^ζ exp(−(r_ij² + r_ik² + r_jk²)/ξ²) f_c(r_ij) f_c(r_ik) f_c(r_jk),
///
/// f_c(r) = ½(1 + cos(πr/r_c)) for r < r_c, else 0, θ_jik the angle at i. Each pair of neighbours
/// counts once, as DScribe's ACSF G⁴ with η = 1/ξ² counts it (equal to it to rounding). Every
/// periodic image within r_c counts, so r_c may exceed half the cell. Features are in the order
/// (species pair X ≤ Y in the order of the species, then ξ, then ζ, then λ) per centre.
/// - Complexity: per kept frame O(centres · n_c²) for n_c neighbours within r_c, times the
///   number of (ξ, ζ, λ).
public struct AngularStructureFunctions: PerCentreDescriptor, Sendable {
    public let selection: Selection
    public let species: [DescriptorSpecies]
    /// The cutoff r_c and the Gaussian widths ξ, in the input's length unit; the exponents ζ and
    /// the signs λ (±1).
    public let cutoff: Double
    public let xi: [Double], zeta: [Double], lambda: [Double]

    public private(set) var centres: [Int] = []
    var members: [[Int]] = []
    /// Threads for the centres of one frame (1: the frame's thread alone); inline while frames
    /// already run on every thread.
    public var threads = 1

    /// - Throws: ``InputError`` without species or parameters, for ζ < 1, λ other than ±1, or
    ///   lengths that are not positive.
    public init(
        selection: Selection, species: [DescriptorSpecies], cutoff: Double, xi: [Double], zeta: [Double],
        lambda: [Double]
    ) throws {
        guard !species.isEmpty else {
            throw InputError("angular structure functions need at least one neighbour species")
        }
        guard cutoff > 0, cutoff.isFinite else {
            throw InputError("the angular cutoff r_c must be a positive length; got \(cutoff)")
        }
        guard !xi.isEmpty, xi.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw InputError("the widths ξ of the angular structure functions must be positive lengths")
        }
        guard !zeta.isEmpty, zeta.allSatisfy({ $0 >= 1 && $0 <= 256 }) else {
            throw InputError("the exponents ζ of the angular structure functions must lie in 1…256")
        }
        guard !lambda.isEmpty, lambda.allSatisfy({ $0 == 1 || $0 == -1 }) else {
            throw InputError("the signs λ of the angular structure functions must be +1 or −1")
        }
        let count = species.count * (species.count + 1) / 2 * xi.count * zeta.count * lambda.count
        guard count <= 100_000 else {
            throw InputError("the angular structure functions would have \(count) features per centre; at most 10⁵")
        }
        self.selection = selection; self.species = species; self.cutoff = cutoff
        self.xi = xi; self.zeta = zeta; self.lambda = lambda
    }

    /// Species pairs X ≤ Y, in column order.
    var pairs: [(Int, Int)] { species.indices.flatMap { a in (a..<species.count).map { (a, $0) } } }
    /// Features per species pair.
    var perPair: Int { xi.count * zeta.count * lambda.count }
    public var featureCount: Int { pairs.count * perPair }
    public var speciesAtoms: [Int] { members.map(\.count) }

    public var parameters: DescriptorParameters {
        DescriptorParameters(
            kind: "angular structure functions", reach: cutoff,
            angular: .init(cutoff: cutoff, xi: xi, zeta: zeta, lambda: lambda))
    }

    /// Feature names in order: `Psi_X,Y(xi=…,zeta=…,lambda=…)`.
    public var columns: [String] {
        func text(_ x: Double) -> String { String(format: "%.4g", x) }
        return pairs.flatMap { a, b in
            xi.flatMap { x in
                zeta.flatMap { z in
                    lambda.map { l in
                        "Psi_\(species[a].name),\(species[b].name)(xi=\(text(x)),zeta=\(text(z)),lambda=\(text(l)))"
                    }
                }
            }
        }
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        centres = try selection.atomIndices(in: context.topology)
        guard !centres.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        members = try speciesMembers(context.topology)
    }

    /// A neighbour of a centre: displacement, squared distance, f_c and species.
    struct Neighbour {
        var d: Vec3, r2: Double, fc: Double, species: Int
    }

    public struct Worker: Sendable {
        var search = NeighborSearch()
        var centrePoints: [Vec3] = [], points: [Vec3] = []
        var neighbours: [[Neighbour]] = []
    }

    public func makeWorker() -> Worker { Worker() }

    /// The features of the view's frame (centres × species pairs × parameters).
    public func features(_ view: FrameView, worker: inout Worker) throws -> [Double] {
        try splittingCentres(centres.count, threads: threads, worker: &worker, makeWorker: Worker.init) {
            try features(view, centres: $0, worker: &$1)
        }
    }

    /// The features of the centres `range` (indices into ``centres``) of the view's frame.
    func features(_ view: FrameView, centres range: Range<Int>, worker: inout Worker) throws -> [Double] {
        let frame = view.frame
        guard let box = frame.box else {
            throw InputError("frame \(view.index) has no periodic cell; angular structure functions need one")
        }
        let cutoff = self.cutoff, centres = Array(self.centres[range])
        worker.centrePoints = centres.map { frame.positions[$0] }
        var neighbours: [[Neighbour]] = []
        swap(&neighbours, &worker.neighbours)
        defer { swap(&neighbours, &worker.neighbours) }
        if neighbours.count != centres.count { neighbours = [[Neighbour]](repeating: [], count: centres.count) }
        for c in neighbours.indices { neighbours[c].removeAll(keepingCapacity: true) }
        for (s, atoms) in members.enumerated() {
            worker.points = atoms.map { frame.positions[$0] }
            try worker.search.forEachImagePair(worker.centrePoints, worker.points, box: box, cutoff: cutoff) {
                c, k, d, r2 in
                if r2 == 0 && centres[c] == atoms[k] { return }  // the centre itself
                let fc = 0.5 * (1 + cos(Double.pi * r2.squareRoot() / cutoff))
                neighbours[c].append(Neighbour(d: d, r2: r2, fc: fc, species: s))
            }
        }
        let n = species.count, perPair = self.perPair, stride = featureCount
        var pairIndex = [Int](repeating: 0, count: n * n)
        for (p, (a, b)) in pairs.enumerated() { pairIndex[a * n + b] = p; pairIndex[b * n + a] = p }
        let eta = xi.map { 1 / ($0 * $0) }
        let shapes = zeta.flatMap { z in lambda.map { (z, $0, pow(2, 1 - z)) } }
        let cutoff2 = cutoff * cutoff
        var out = [Double](repeating: 0, count: centres.count * stride)
        out.withUnsafeMutableBufferPointer { out in
            for c in centres.indices {
                neighbours[c].withUnsafeBufferPointer { list in
                    for j in list.indices {
                        let a = list[j]
                        for k in (j + 1)..<list.count {
                            let b = list[k]
                            let djk = b.d - a.d
                            let rjk2 = djk.x * djk.x + djk.y * djk.y + djk.z * djk.z
                            guard rjk2 < cutoff2, rjk2 > 0 else { continue }
                            let cosine = (a.d.x * b.d.x + a.d.y * b.d.y + a.d.z * b.d.z) / (a.r2 * b.r2).squareRoot()
                            let fc = a.fc * b.fc * 0.5 * (1 + cos(Double.pi * rjk2.squareRoot() / cutoff))
                            let sum2 = a.r2 + b.r2 + rjk2
                            var slot = c * stride + pairIndex[a.species * n + b.species] * perPair
                            for e in eta {
                                let radial = exp(-e * sum2) * fc
                                for (z, l, norm) in shapes {
                                    let base = 1 + l * cosine
                                    out[slot] += base > 0 ? norm * Self.power(base, z) * radial : 0
                                    slot += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}

extension AngularStructureFunctions {
    /// x^z, by repeated squaring when z is a whole number (the usual ζ = 1, 2, 4, 16), which is
    /// several times faster than `pow` and as exact.
    @inline(__always)
    static func power(_ x: Double, _ z: Double) -> Double {
        guard z == z.rounded(), z <= 256 else { return pow(x, z) }
        var n = Int(z), base = x, result = 1.0
        while n > 0 {
            if n & 1 == 1 { result *= base }
            base *= base
            n >>= 1
        }
        return result
    }
}

/// The settings of angular structure functions, for the JSON sidecar.
public struct AngularSettings: Codable, Sendable, Equatable {
    public var cutoff: Double
    public var xi: [Double], zeta: [Double], lambda: [Double]
    /// How the columns are ordered.
    public var columnOrder =
        "species pairs X ≤ Y in the order of the species, then ξ, then ζ, then λ; each pair of neighbours counted once"
}
