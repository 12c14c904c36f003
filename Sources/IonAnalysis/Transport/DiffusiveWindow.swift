import IonNumerics

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The range of lags over which an MSD is diffusive: the local slope of log MSD against log t,
/// β(t) = d log MSD / d log t, lies within 1 ± tolerance, or within twice its own statistical
/// noise of 1 where that is larger.
///
/// β is taken by central differences on a grid of 10 logarithmic lags per decade, from lag 1 to
/// half the series (the longest lags average over few origins and are left out). At long lags β
/// is noisy (for P particles over T frames its σ grows like √(lag/(P·T))); its σ is taken from
/// the all-origin covariance of a random walk with the same P and T, so that noise alone does not
/// cut the window short. The window is the longest contiguous run of grid points (measured in
/// log t) that pass; the ballistic start (β ≈ 2) and a resolved sub-diffusive cage regime
/// (β < 1) fall outside it by construction. When no run of at least three grid points exists the
/// MSD is not diffusive: the window falls back to the last third of the usable lags and
/// ``diffusive`` is false.
public struct DiffusiveWindow: Sendable, Codable, Equatable {
    /// First and last lag of the window, in frames.
    public var startLag: Int
    public var endLag: Int
    /// Whether the log-log slope reached 1 ± tolerance over at least three grid points.
    public var diffusive: Bool
    /// The smallest and largest local slope inside the window.
    public var slopeRange: ClosedRange<Double>
    /// The local slope at the last grid lag examined (long-time behaviour).
    public var finalSlope: Double

    /// Finds the window of `msd` (indexed by lag in frames, msd[0] = 0), an average over
    /// `particles` particles.
    public static func find(msd: [Double], particles: Int, tolerance: Double = 0.15) -> DiffusiveWindow {
        let maxLag = max(1, (msd.count - 1) / 2)
        let grid = logarithmicLags(maxLag: maxLag, perDecade: 10).filter { msd[$0] > 0 }
        guard grid.count >= 2 else {
            return DiffusiveWindow(
                startLag: 1, endLag: max(1, maxLag), diffusive: false, slopeRange: 0...0, finalSlope: 0)
        }
        let slopes = localSlopes(msd: msd, grid: grid)
        let allowed = allowances(grid: grid, frames: msd.count, particles: particles, tolerance: tolerance)
        let deviation = grid.indices.map { abs(slopes[$0] - 1) / allowed[$0] }
        let best = chooseRun(deviation: deviation, logLags: grid.map { log(Double($0)) })
        if let (s, e) = best {
            let inside = slopes[s...e]
            return DiffusiveWindow(
                startLag: grid[s], endLag: grid[e], diffusive: true,
                slopeRange: inside.min()!...inside.max()!, finalSlope: slopes.last!)
        }
        let start = max(1, maxLag * 2 / 3)
        let inside = zip(grid, slopes).filter { $0.0 >= start }.map(\.1)
        return DiffusiveWindow(
            startLag: start, endLag: maxLag, diffusive: false,
            slopeRange: (inside.min() ?? slopes.last!)...(inside.max() ?? slopes.last!),
            finalSlope: slopes.last!)
    }

    /// The window set by the user, with the slopes inside it for the record.
    public static func fixed(msd: [Double], particles: Int, startLag: Int, endLag: Int, tolerance: Double = 0.15)
        -> DiffusiveWindow
    {
        let grid = logarithmicLags(maxLag: msd.count - 1, perDecade: 10).filter { msd[$0] > 0 }
        let slopes = grid.count >= 2 ? localSlopes(msd: msd, grid: grid) : [0]
        let allowed = allowances(grid: grid, frames: msd.count, particles: particles, tolerance: tolerance)
        let inside = grid.indices.filter { grid[$0] >= startLag && grid[$0] <= endLag && $0 < slopes.count }
        let values = inside.map { slopes[$0] }
        return DiffusiveWindow(
            startLag: startLag, endLag: endLag,
            diffusive: !inside.isEmpty && inside.allSatisfy { abs(slopes[$0] - 1) <= allowed[$0] },
            slopeRange: (values.min() ?? 0)...(values.max() ?? 0), finalSlope: slopes.last ?? 0)
    }

    /// The window's run of grid points, from each point's |β − 1| over its allowance: runs of
    /// points ≤ 1, joined across gaps of at most two points ≤ 2 (a dip that noise or a shallow
    /// shoulder makes), at least three points long; the latest run whose span in log t is at
    /// least half the longest one's, so that the long-time regime wins over a short-time one
    /// (in-cage motion sampled too coarsely to show its ballistic start).
    static func chooseRun(deviation: [Double], logLags: [Double]) -> (Int, Int)? {
        var runs: [(Int, Int)] = []
        var runStart: Int?
        for k in 0...deviation.count {
            let inside = k < deviation.count && deviation[k] <= 1
            if inside, runStart == nil { runStart = k }
            if !inside, let s = runStart {
                runs.append((s, k - 1))
                runStart = nil
            }
        }
        var joined: [(Int, Int)] = []
        for run in runs {
            if let last = joined.last, run.0 - last.1 - 1 <= 2,
                deviation[(last.1 + 1)..<run.0].allSatisfy({ $0 <= 2 })
            {
                joined[joined.count - 1].1 = run.1
            } else {
                joined.append(run)
            }
        }
        let long = joined.filter { $0.1 - $0.0 >= 2 }
        guard let longest = long.map({ logLags[$0.1] - logLags[$0.0] }).max() else { return nil }
        return long.last { logLags[$0.1] - logLags[$0.0] >= 0.5 * longest }
    }

    /// The allowed |β − 1| at each grid lag: `tolerance`, or twice the standard deviation of β
    /// for a random walk of `particles` particles over `frames` frames where that is larger.
    static func allowances(grid: [Int], frames: Int, particles: Int, tolerance: Double) -> [Double] {
        guard grid.count >= 2 else { return grid.map { _ in tolerance } }
        return (0..<grid.count).map { k in
            let lo = grid[max(0, k - 1)], hi = grid[min(grid.count - 1, k + 1)]
            // Var(log M_hi − log M_lo) from the 2 × 2 random-walk covariance; mean M = 3·lag (s² = 1).
            let c = randomWalkMSDCovariance(lags: [lo, hi], frames: frames, dimensions: 3)
            let (a, b) = (3 * Double(lo), 3 * Double(hi))
            let variance = (c[0] / (a * a) + c[3] / (b * b) - 2 * c[1] / (a * b)) / Double(max(particles, 1))
            let sd = max(variance, 0).squareRoot() / log(Double(hi) / Double(lo))
            return max(tolerance, 2 * sd)
        }
    }

    /// d log MSD / d log lag at each grid lag: central differences inside, one-sided at the ends.
    static func localSlopes(msd: [Double], grid: [Int]) -> [Double] {
        (0..<grid.count).map { k in
            let lo = max(0, k - 1), hi = min(grid.count - 1, k + 1)
            return log(msd[grid[hi]] / msd[grid[lo]]) / log(Double(grid[hi]) / Double(grid[lo]))
        }
    }
}
