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
/// otherwise the direct one. Features are kept for the frames of the range whose index (counted
/// over the files) is a multiple of `every`, in the order (species, μ) per centre: memory 8 bytes × kept frames × centres × species × μ values.
/// - Complexity: per kept frame a neighbour search per species and O(pairs · 16L/Δμ) Gaussians.
public struct RadialStructureFunctions: ParallelFrameAnalysis, Sendable {
    /// A neighbour species: a name (for column names) and its atoms.
    public struct Species: Codable, Sendable {
        public var name: String
        public var selection: String
        public init(name: String, selection: String) { self.name = name; self.selection = selection }
    }

    public let selection: Selection
    public let species: [Species]
    /// The μ grid and the Gaussian width L, in the input's length unit.
    public let mu: [Double]
    public let width: Double
    /// Keep the frames whose index is a multiple of this.
    public let every: Int

    var units = UnitSystem.real
    var centres: [Int] = []
    var members: [[Int]] = []
    var features: [Double] = []
    var keptFrames: [Int] = [], keptTimes: [Double?] = []

    /// - Throws: ``InputError`` without species or μ values, for a width that is not positive, or
    ///   for `every` below 1.
    public init(selection: Selection, species: [Species], mu: [Double], width: Double, every: Int = 1) throws {
        guard !species.isEmpty else {
            throw InputError("radial structure functions need at least one neighbour species")
        }
        guard !mu.isEmpty, mu.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw InputError("the μ grid of the radial structure functions needs values ≥ 0")
        }
        guard width > 0, width.isFinite else { throw InputError("the Gaussian width L must be positive; got \(width)") }
        guard every >= 1 else { throw InputError("every must be at least 1 frame; got \(every)") }
        self.selection = selection; self.species = species; self.mu = mu; self.width = width; self.every = every
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
        members = try species.map { s in
            let atoms = try Selection(s.selection).atomIndices(in: context.topology)
            guard !atoms.isEmpty else { throw InputError("the species \(s.name) ('\(s.selection)') matches no atoms") }
            return atoms
        }
    }

    public struct Worker: Sendable {
        var search = NeighborSearch()
        var centrePoints: [Vec3] = [], points: [Vec3] = []
    }

    public func makeWorker() -> Worker { Worker() }

    /// One kept frame's features (centres × species × μ) and time, or nil for a frame not kept.
    public func compute(_ view: FrameView, worker: inout Worker) throws -> (features: [Double], time: Double?)? {
        guard keeps(view.index) else { return nil }
        return (try features(view, worker: &worker), view.frame.time)
    }

    /// The features of the view's frame (centres × species × μ), kept or not.
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

    /// Frames whose index (counted over the files) is a multiple of `every` are kept.
    func keeps(_ index: Int) -> Bool { index % every == 0 }

    public mutating func add(_ output: (features: [Double], time: Double?)?, index: Int) throws {
        guard let output else { return }
        features.append(contentsOf: output.features)
        keptFrames.append(index); keptTimes.append(output.time)
    }

    public mutating func finish(_ pass: PassRecord) throws -> RadialStructureResult {
        guard !keptFrames.isEmpty else {
            throw InputError("no frame of the range has an index that is a multiple of every = \(every)")
        }
        let n = keptFrames.count, stride = featureCount
        var mean = [[Double]](repeating: [Double](repeating: 0, count: mu.count), count: species.count)
        for f in 0..<n {
            for c in centres.indices {
                let base = (f * centres.count + c) * stride
                for s in species.indices { for m in mu.indices { mean[s][m] += features[base + s * mu.count + m] } }
            }
        }
        let scale = 1 / Double(n * centres.count)
        for s in mean.indices { for m in mean[s].indices { mean[s][m] *= scale } }
        let times = keptTimes.compactMap { $0 }
        return RadialStructureResult(
            lengthUnit: units.lengthUnit, selection: selection.text, species: species,
            speciesAtoms: members.map(\.count), mu: mu, width: width, reach: reach, every: every,
            frames: keptFrames, frameTimes: times.count == n ? times : nil,
            timeUnit: units.timeUnit, centreAtoms: centres.map { $0 + 1 }, columns: columns,
            shape: [n, centres.count, stride], mean: mean, warnings: pass.warnings, features: features)
    }

    /// Feature names in order: `G_X(μ)` by species, then μ.
    public var columns: [String] {
        species.flatMap { s in mu.map { "G_\(s.name)(\(String(format: "%.4g", $0)))" } }
    }
}

/// Radial structure functions of every centre in the kept frames, with their mean per species.
public struct RadialStructureResult: Codable, Sendable, CarriesWarnings {
    public var lengthUnit: PhysicalUnit
    public var selection: String
    public var species: [RadialStructureFunctions.Species]
    /// Atoms in each species.
    public var speciesAtoms: [Int]
    /// μ grid and Gaussian width L; pairs were found within `reach`.
    public var mu: [Double]
    public var width: Double, reach: Double
    public var every: Int
    /// The kept frames (counted over the files), and their times when every one has a time.
    public var frames: [Int]
    public var frameTimes: [Double]?
    public var timeUnit: PhysicalUnit
    /// Atom numbers (from 1, topology order) of the centres, in the order of the features.
    public var centreAtoms: [Int]
    /// Feature names in order: `G_X(μ)` by species, then μ.
    public var columns: [String]
    /// [frames, centres, features] of ``features``.
    public var shape: [Int]
    /// ⟨G_X(μ)⟩ over centres and kept frames, [species][μ].
    public var mean: [[Double]]
    public var warnings: [String]
    /// Row-major frames × centres × features; written as NumPy `.npy`, not in the JSON.
    public var features: [Double]

    enum CodingKeys: String, CodingKey {
        case lengthUnit, selection, species, speciesAtoms, mu, width, reach, every, frames, frameTimes, timeUnit
        case centreAtoms, columns, shape, mean, warnings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lengthUnit = try c.decode(PhysicalUnit.self, forKey: .lengthUnit)
        selection = try c.decode(String.self, forKey: .selection)
        species = try c.decode([RadialStructureFunctions.Species].self, forKey: .species)
        speciesAtoms = try c.decode([Int].self, forKey: .speciesAtoms)
        mu = try c.decode([Double].self, forKey: .mu)
        width = try c.decode(Double.self, forKey: .width); reach = try c.decode(Double.self, forKey: .reach)
        every = try c.decode(Int.self, forKey: .every)
        frames = try c.decode([Int].self, forKey: .frames)
        frameTimes = try c.decodeIfPresent([Double].self, forKey: .frameTimes)
        timeUnit = try c.decode(PhysicalUnit.self, forKey: .timeUnit)
        centreAtoms = try c.decode([Int].self, forKey: .centreAtoms)
        columns = try c.decode([String].self, forKey: .columns)
        shape = try c.decode([Int].self, forKey: .shape)
        mean = try c.decode([[Double]].self, forKey: .mean)
        warnings = try c.decode([String].self, forKey: .warnings)
        features = []
    }

    init(
        lengthUnit: PhysicalUnit, selection: String, species: [RadialStructureFunctions.Species], speciesAtoms: [Int],
        mu: [Double], width: Double, reach: Double, every: Int, frames: [Int], frameTimes: [Double]?,
        timeUnit: PhysicalUnit, centreAtoms: [Int], columns: [String], shape: [Int], mean: [[Double]],
        warnings: [String], features: [Double]
    ) {
        self.lengthUnit = lengthUnit; self.selection = selection; self.species = species
        self.speciesAtoms = speciesAtoms; self.mu = mu; self.width = width; self.reach = reach; self.every = every
        self.frames = frames; self.frameTimes = frameTimes; self.timeUnit = timeUnit; self.centreAtoms = centreAtoms
        self.columns = columns; self.shape = shape; self.mean = mean; self.warnings = warnings
        self.features = features
    }
}
