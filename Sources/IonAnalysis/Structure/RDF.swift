import Foundation
import IonCore

/// The radial distribution function g(r) between two groups, with the running coordination
/// number and the first peak and minimum. Distances in Å; densities in Å⁻³.
public struct RDFResult: Codable, Sendable {
    /// Unit of every distance in the result (r, rMax, binWidth, extrema); densities are per Å³.
    public var distanceUnit: PhysicalUnit
    public var selection: String
    public var withSelection: String
    /// "atoms", or "molecules" (centres of mass of the molecules the selections touch).
    public var particles: String
    public var countA: Int
    public var countB: Int
    /// Points in both groups (self pairs are never counted).
    public var overlap: Int
    public var excludesIntramolecularPairs: Bool
    /// P, the number of ordered pairs that may be counted (see ``RDFPointSets``).
    public var pairCount: Double
    public var frames: Int
    /// Blocks behind the uncertainties.
    public var blocks: Int
    public var rMax: Double
    public var binWidth: Double
    /// Bin centres, Å.
    public var r: [Double]
    public var g: [Double]
    /// Standard error of g over blocks of consecutive frames; nil with fewer than 2 blocks.
    public var gError: [Double]?
    /// Upper bin edges, Å, where N(r) is given.
    public var coordinationRadii: [Double]
    /// Running coordination number N(r): mean number of B within r of a point of A.
    public var coordination: [Double]
    public var coordinationError: [Double]?
    /// ρ̄ = (P/N_A)·⟨1/V⟩, Å⁻³.
    public var density: Double
    public var firstPeak: RDFExtremum?
    public var firstMinimum: RDFExtremum?
    public var warnings: [String]
}

/// A peak or minimum of g(r): its position (Å) with the block standard error, g there, and N(r)
/// there (interpolated linearly between bin edges).
public struct RDFExtremum: Codable, Sendable {
    /// Position: the vertex of a least-squares parabola through g over ± 2 bins (see
    /// ``RDFExtrema``), and its standard error over blocks.
    public var r: Double
    public var rError: Double?
    /// g(r) interpolated at ``r``, and the most extreme histogram value within ± 2 bins of it
    /// (the highest for a peak, the lowest for a minimum; noise moves it away from the curve).
    public var g: Double
    public var gExtremeBin: Double
    public var coordination: Double
    public var coordinationError: Double?
}

/// What to compute: groups, range, options.
public struct RDFOptions: Sendable {
    public var rMax: Double
    public var bins: Int
    /// Centres of mass of the molecules that hold selected atoms, instead of atoms.
    public var byMolecule: Bool
    /// Leave out pairs within one molecule (atoms mode).
    public var excludeIntramolecular: Bool
    public var blocks: Int
    /// Threads; nil for all cores.
    public var threads: Int?
    /// When a later frame's cell is narrower than 2·rMax, end the curves at half the narrowest
    /// cell (with a warning) instead of stopping: for a range chosen from the first frame.
    public var followCell = false
    public init(
        rMax: Double = 10, bins: Int = 200, byMolecule: Bool = false, excludeIntramolecular: Bool = false,
        blocks: Int = 5, threads: Int? = nil
    ) {
        self.rMax = rMax; self.bins = bins; self.byMolecule = byMolecule
        self.excludeIntramolecular = excludeIntramolecular; self.blocks = blocks; self.threads = threads
    }
}

public enum RadialDistribution {
    /// g(r) between `selection` (A) and `other` (B, A when nil) over the frames of `trajectory`.
    ///
    /// Normalisation and estimator: ``RDFPointSets`` and ``RDFAccumulator``. Frames are read in
    /// order and processed in batches spread over the threads; each frame must have a cell with
    /// half its smallest perpendicular width ≥ `rMax`.
    /// - Complexity: one pass; per frame O(N_A + N_B + pairs within rMax); memory O(batch ·
    ///   (N_A + N_B) + bins · blocks).
    /// - SeeAlso: M. P. Allen and D. J. Tildesley, *Computer Simulation of Liquids*, 2nd ed.
    ///   (2017), §8.2, doi:10.1093/oso/9780198803195.001.0001.
    public static func compute(
        _ trajectory: some FrameSource, selection: Selection, with other: Selection? = nil,
        options: RDFOptions = RDFOptions()
    ) throws -> RDFResult {
        try AnalysisPass.run(trajectory, RDFAnalysis(selection: selection, with: other, options: options))
    }

    /// Packages an accumulator's curves, extrema and their block uncertainties, distances in `distanceUnit`.
    public static func result(
        _ accumulator: RDFAccumulator, selection: String, with other: String, byMolecule: Bool,
        distanceUnit: PhysicalUnit, warnings: [String] = []
    ) throws -> RDFResult {
        let curves = try accumulator.curves()
        let width = accumulator.rMax / Double(accumulator.bins), reach = Double(accumulator.keptBins) * width
        var warnings = warnings
        if curves.blockG.count < accumulator.blocks.targetBlocks {
            warnings.append(
                "\(accumulator.frames) frame(s) give \(curves.blockG.count) block(s) of one frame instead of the \(accumulator.blocks.targetBlocks) asked for the positions of the extrema"
                    + (curves.blockG.count < 2
                        ? ": they carry no ±" : ": consecutive frames are correlated, so their ± may be too small")
            )
        }
        if accumulator.keptBins < accumulator.bins, let frame = accumulator.narrowestFrame {
            warnings.append(
                "the cell narrows during the run: in frame \(frame) of the range half its smallest width is \(formatReach(accumulator.reach)) Å, so the RDF ends at \(formatReach(reach)) Å instead of \(formatReach(accumulator.rMax)) Å (every bin kept holds every frame)"
            )
        }
        let found = RDFExtrema.find(r: curves.r, g: curves.g)
        let perBlock = curves.blockG.map { RDFExtrema.find(r: curves.r, g: $0) }
        func extremum(_ position: Double?, _ blockPositions: [Double?], highest: Bool) -> RDFExtremum? {
            guard let position else { return nil }
            let nearest = curves.r.indices.min { abs(curves.r[$0] - position) < abs(curves.r[$1] - position) } ?? 0
            let near = curves.g[max(0, nearest - 2)...min(curves.g.count - 1, nearest + 2)]
            let known = blockPositions.compactMap { $0 }
            return RDFExtremum(
                r: position, rError: known.count == blockPositions.count ? standardError(known) : nil,
                g: interpolate(curves.r, curves.g, at: position),
                gExtremeBin: (highest ? near.max() : near.min()) ?? .nan,
                coordination: interpolate(curves.edges, curves.coordination, at: position),
                coordinationError: curves.coordinationError.map { interpolate(curves.edges, $0, at: position) })
        }
        let firstMinimum = extremum(found.minimum, perBlock.map(\.minimum), highest: false)
        if let errors = curves.errorCheck {
            if let minimum = firstMinimum, let edge = curves.edges.firstIndex(where: { $0 >= minimum.r }),
                let doubt = errors.warning(
                    "N(r) at the first minimum", entries: (accumulator.bins + edge)..<(accumulator.bins + edge + 1))
            {
                warnings.append(doubt)
            }
        } else {
            warnings.append(BlockErrors.tooFewFrames(accumulator.frames, accumulator.series.minimumBlocks))
        }
        let sets = accumulator.sets
        return RDFResult(
            distanceUnit: distanceUnit, selection: selection, withSelection: other,
            particles: byMolecule ? "molecules" : "atoms",
            countA: sets.countA, countB: sets.countB, overlap: sets.overlap,
            excludesIntramolecularPairs: sets.excludeSameMolecule, pairCount: sets.pairCount,
            frames: accumulator.frames, blocks: curves.blockG.count, rMax: reach,
            binWidth: width, r: curves.r, g: curves.g, gError: curves.gError,
            coordinationRadii: curves.edges, coordination: curves.coordination,
            coordinationError: curves.coordinationError,
            density: curves.density, firstPeak: extremum(found.peak, perBlock.map(\.peak), highest: true),
            firstMinimum: firstMinimum, warnings: warnings)
    }

    /// A distance to 4 significant digits, for messages.
    static func formatReach(_ x: Double) -> String { String(format: "%.4g", x) }

    /// Linear interpolation of y(x) at `x` (x ascending), clamped at the ends; N(r) is 0 at r = 0.
    static func interpolate(_ xs: [Double], _ ys: [Double], at x: Double) -> Double {
        guard let upper = xs.firstIndex(where: { $0 >= x }) else { return ys.last ?? 0 }
        if upper == 0 { return x <= 0 ? 0 : ys[0] * min(1, x / xs[0]) }
        let (x0, x1) = (xs[upper - 1], xs[upper])
        return ys[upper - 1] + (ys[upper] - ys[upper - 1]) * (x - x0) / (x1 - x0)
    }
}
