import Foundation
import IonAnalysis
import IonCore

/// A structural descriptor: a fixed-length vector of features for every centre of a frame, made
/// from the frame alone (radial structure functions, SOAP). ``DescriptorCollection`` keeps them
/// over a trajectory; softness trains on them.
public protocol PerCentreDescriptor: Sendable {
    /// Scratch state for one thread (neighbour-search grids, buffers).
    associatedtype Worker: Sendable
    /// The centres' selection.
    var selection: Selection { get }
    /// The neighbour species.
    var species: [DescriptorSpecies] { get }
    /// The centres' atom indices (after ``prepare(_:)``), in the order of the features.
    var centres: [Int] { get }
    /// Atoms in each species (after ``prepare(_:)``).
    var speciesAtoms: [Int] { get }
    /// Features per centre, and their names in order.
    var featureCount: Int { get }
    var columns: [String] { get }
    /// What the features are and how they were made, for the JSON sidecar.
    var parameters: DescriptorParameters { get }
    mutating func prepare(_ context: AnalysisContext) throws
    func makeWorker() -> Worker
    /// The features of the view's frame: centres × ``featureCount``, row-major.
    func features(_ view: FrameView, worker: inout Worker) throws -> [Double]
}

/// A neighbour species of a descriptor: a name (for column names) and its atoms.
public struct DescriptorSpecies: Codable, Sendable, Equatable {
    public var name: String
    public var selection: String
    public init(name: String, selection: String) { self.name = name; self.selection = selection }
}

/// How a descriptor's features were made: its kind, where its neighbours were found, and the
/// settings of that kind (lengths in the input's length unit).
public struct DescriptorParameters: Codable, Sendable, Equatable {
    /// "radial structure functions", "angular structure functions", both joined by " + ", or
    /// "SOAP power spectrum".
    public var kind: String
    /// Neighbours were found within this distance of each centre.
    public var reach: Double
    /// Radial structure functions: the μ grid and the Gaussian width L.
    public var mu: [Double]?
    public var width: Double?
    /// SOAP: r_cut, n_max, l_max, σ, the convention and its neighbourhood rule.
    public var soap: SOAPSettings?
    /// Angular structure functions: r_c, ξ, ζ, λ and the column order.
    public var angular: AngularSettings?
}

extension PerCentreDescriptor {
    /// The selections of the species, resolved in `topology`.
    /// - Throws: ``InputError`` for a species without atoms.
    func speciesMembers(_ topology: Topology) throws -> [[Int]] {
        try species.map { s in
            let atoms = try Selection(s.selection).atomIndices(in: topology)
            guard !atoms.isEmpty else { throw InputError("the species \(s.name) ('\(s.selection)') matches no atoms") }
            return atoms
        }
    }
}

/// The features of a descriptor in every kept frame of a pass: frames whose index (counted over
/// the files) is a multiple of `every`. Memory: 8 bytes × kept frames × centres × features.
public struct DescriptorCollection<Descriptor: PerCentreDescriptor>: ParallelFrameAnalysis, Sendable {
    public var descriptor: Descriptor
    /// Keep the frames whose index is a multiple of this.
    public let every: Int
    var units = UnitSystem.real
    var features: [Double] = []
    var keptFrames: [Int] = [], keptTimes: [Double?] = []

    /// - Throws: ``InputError`` for `every` below 1.
    public init(_ descriptor: Descriptor, every: Int = 1) throws {
        guard every >= 1 else { throw InputError("every must be at least 1 frame; got \(every)") }
        self.descriptor = descriptor; self.every = every
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        units = context.units
        try descriptor.prepare(context)
    }

    public func makeWorker() -> Descriptor.Worker { descriptor.makeWorker() }

    /// One kept frame's features and time, or nil for a frame not kept.
    public func compute(_ view: FrameView, worker: inout Descriptor.Worker) throws -> (
        features: [Double], time: Double?
    )? {
        guard view.index % every == 0 else { return nil }
        return (try descriptor.features(view, worker: &worker), view.frame.time)
    }

    public mutating func add(_ output: (features: [Double], time: Double?)?, index: Int) throws {
        guard let output else { return }
        features.append(contentsOf: output.features)
        keptFrames.append(index); keptTimes.append(output.time)
    }

    public mutating func finish(_ pass: PassRecord) throws -> DescriptorResult {
        guard !keptFrames.isEmpty else {
            throw InputError("no frame of the range has an index that is a multiple of every = \(every)")
        }
        let n = keptFrames.count, stride = descriptor.featureCount, centres = descriptor.centres
        var mean = [Double](repeating: 0, count: stride)
        features.withUnsafeBufferPointer { f in
            for row in 0..<(n * centres.count) { for k in 0..<stride { mean[k] += f[row * stride + k] } }
        }
        let scale = 1 / Double(n * centres.count)
        for k in mean.indices { mean[k] *= scale }
        let times = keptTimes.compactMap { $0 }
        return DescriptorResult(
            lengthUnit: units.lengthUnit, selection: descriptor.selection.text, species: descriptor.species,
            speciesAtoms: descriptor.speciesAtoms, parameters: descriptor.parameters, every: every,
            frames: keptFrames, frameTimes: times.count == n ? times : nil, timeUnit: units.timeUnit,
            centreAtoms: centres.map { $0 + 1 }, columns: descriptor.columns, shape: [n, centres.count, stride],
            mean: mean, warnings: pass.warnings, features: features)
    }
}

/// A descriptor of every centre in the kept frames, with the mean of every feature.
public struct DescriptorResult: Codable, Sendable, CarriesWarnings {
    public var lengthUnit: PhysicalUnit
    public var selection: String
    public var species: [DescriptorSpecies]
    /// Atoms in each species.
    public var speciesAtoms: [Int]
    public var parameters: DescriptorParameters
    public var every: Int
    /// The kept frames (counted over the files), and their times when every one has a time.
    public var frames: [Int]
    public var frameTimes: [Double]?
    public var timeUnit: PhysicalUnit
    /// Atom numbers (from 1, topology order) of the centres, in the order of the features.
    public var centreAtoms: [Int]
    /// Feature names in order.
    public var columns: [String]
    /// [frames, centres, features] of ``features``.
    public var shape: [Int]
    /// Each feature's mean over centres and kept frames.
    public var mean: [Double]
    public var warnings: [String]
    /// Row-major frames × centres × features; written as NumPy `.npy`, not in the JSON.
    public var features: [Double] = []

    enum CodingKeys: String, CodingKey {
        case lengthUnit, selection, species, speciesAtoms, parameters, every, frames, frameTimes, timeUnit
        case centreAtoms, columns, shape, mean, warnings
    }
}

/// A frame's features computed in up to `threads` contiguous ranges of its `count` centres, each
/// on its own thread and worker (the caller's for the first), joined in centre order. Ranges
/// hold at least 64 centres, so small frames stay on one thread.
func splittingCentres<Worker>(
    _ count: Int, threads: Int, worker: inout Worker, makeWorker: () -> Worker,
    _ body: (Range<Int>, inout Worker) throws -> [Double]
) throws -> [Double] {
    let parts = max(1, min(threads, count / 64))
    guard parts > 1 else { return try body(0..<count, &worker) }
    let bounds = (0...parts).map { $0 * count / parts }
    var workers = [worker] + (1..<parts).map { _ in makeWorker() }
    let results = try workers.withUnsafeMutableBufferPointer { workers in
        let shared = UnsafeTransfer(workers)
        return try parallelMap(parts, threads: parts) { k in try body(bounds[k]..<bounds[k + 1], &shared.value[k]) }
    }
    worker = workers[0]
    return Array(results.joined())
}
