import IonNumerics

/// D of independent consecutive segments of the run, each fitted like the whole run (GLS with the
/// random-walk covariance, the same fit start): the check of D's σ against the scatter a real
/// trajectory shows.
///
/// The random-walk covariance assumes independent particles with Gaussian steps. Real liquids are
/// neither: displacements are non-Gaussian for long after the cage regime, mobilities differ from
/// particle to particle for a while and neighbours move together (dynamic heterogeneity), and
/// all of it widens the scatter of D beyond the model's σ. The segments' χ² about their weighted
/// mean measures that excess; σ is scaled by ``inflation`` = √max(1, χ²/dof) (the Birge ratio,
/// Birge 1932, doi:10.1103/PhysRev.40.207), never scaled down.
public struct SegmentCheck: Sendable, Codable, Equatable {
    /// Segments and their length in frames; the lags of each segment's fit.
    public var segments: Int
    public var segmentFrames: Int
    /// Length of a segment, ps (τ in lj units).
    public var segmentDuration: Double
    public var startLag: Int
    public var endLag: Int
    /// D of each segment and its GLS σ, in the result's unit.
    public var values: [Double]
    public var uncertainties: [Double]
    /// Plain mean of the segments' D and its standard error std/√n.
    public var mean: Double
    public var standardError: Double
    /// χ² of the segments about their weighted mean, with segments − 1 degrees of freedom.
    public var chiSquared: Double
    public var degreesOfFreedom: Int
    /// Factor applied to the GLS σ of the whole run: √max(1, χ²/dof).
    public var inflation: Double

    /// Fewest segments for a check (two degrees of freedom).
    public static let fewestSegments = 3
    /// Each segment's fit must span at least this factor in lag, from the start used to half
    /// the segment.
    public static let shortestSpan = 2

    /// Cuts `series` into at most `most` segments (fewer, down to three, when the fit does not fit
    /// in half a segment) and fits each from `startLag` to half its length. Nil when even three
    /// segments are too short.
    static func measure(_ series: ParticleSeries, startLag: Int, most: Int, maxFitPoints: Int) -> SegmentCheck? {
        guard let times = series.times, most >= fewestSegments else { return nil }
        let dt = times[1] - times[0]
        guard
            let count = stride(from: most, through: fewestSegments, by: -1).first(where: {
                series.frameCount / $0 / 2 >= shortestSpan * startLag && series.frameCount / $0 / 2 - startLag >= 2
            })
        else { return nil }
        let length = series.frameCount / count, end = length / 2
        let lagSet = EinsteinLagSet(
            range: startLag...end, extra: [], most: maxFitPoints, frames: length, frameInterval: dt,
            particles: series.particleCount)
        var values: [Double] = [], sigmas: [Double] = []
        for k in 0..<count {
            let segment = series.segment(k * length..<(k + 1) * length)
            let c = MeanSquaredDisplacement.msdComponents(
                segment.positions, particles: segment.particleCount, frames: length)
            let msd = (0..<length).map { (c[0][$0] + c[1][$0] + c[2][$0]) / Double(segment.particleCount) }
            guard let fit = lagSet.fit(msd, from: 0, dimensions: 3), fit.line.slopeVariance > 0 else { return nil }
            values.append(fit.line.slope / 6)
            sigmas.append(fit.line.slopeVariance.squareRoot() / 6)
        }
        let n = Double(count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let weights = sigmas.map { 1 / ($0 * $0) }
        let weighted = zip(weights, values).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
        let chiSquared = zip(values, sigmas).reduce(0) { $0 + pow(($1.0 - weighted) / $1.1, 2) }
        return SegmentCheck(
            segments: count, segmentFrames: length, segmentDuration: Double(length) * dt, startLag: startLag,
            endLag: end, values: values,
            uncertainties: sigmas, mean: mean, standardError: (variance / n).squareRoot(), chiSquared: chiSquared,
            degreesOfFreedom: count - 1, inflation: max(1, chiSquared / (n - 1)).squareRoot())
    }
}

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif
