import IonNumerics

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The range of lags over which an MSD is diffusive: the local slope of log MSD against log t,
/// β(t) = d log MSD / d log t, lies within 1 ± tolerance.
///
/// β is taken by central differences on a grid of 10 logarithmic lags per decade, from lag 1 to
/// half the series (the longest lags average over few origins and are left out). The window is
/// the longest contiguous run of grid points (measured in log t) with |β − 1| ≤ tolerance; the
/// ballistic start (β ≈ 2) and a sub-diffusive cage regime (β < 1) fall outside it by
/// construction. When no run of at least three grid points exists the MSD is not diffusive: the
/// window falls back to the last third of the usable lags and ``diffusive`` is false.
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

    /// Finds the window of `msd` (indexed by lag in frames, msd[0] = 0).
    public static func find(msd: [Double], tolerance: Double = 0.15) -> DiffusiveWindow {
        let maxLag = max(1, (msd.count - 1) / 2)
        let grid = logarithmicLags(maxLag: maxLag, perDecade: 10).filter { msd[$0] > 0 }
        guard grid.count >= 2 else {
            return DiffusiveWindow(
                startLag: 1, endLag: max(1, maxLag), diffusive: false, slopeRange: 0...0, finalSlope: 0)
        }
        let slopes = localSlopes(msd: msd, grid: grid)
        // Longest run, in log t, with |β − 1| ≤ tolerance.
        var best: (Int, Int)?
        var runStart: Int?
        for k in 0...grid.count {
            let inside = k < grid.count && abs(slopes[k] - 1) <= tolerance
            if inside, runStart == nil { runStart = k }
            if !inside, let s = runStart {
                let e = k - 1
                if e - s >= 2 {
                    let span = log(Double(grid[e]) / Double(grid[s]))
                    if best == nil || span > log(Double(grid[best!.1]) / Double(grid[best!.0])) { best = (s, e) }
                }
                runStart = nil
            }
        }
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
    public static func fixed(msd: [Double], startLag: Int, endLag: Int, tolerance: Double = 0.15) -> DiffusiveWindow {
        let grid = logarithmicLags(maxLag: msd.count - 1, perDecade: 10).filter { msd[$0] > 0 }
        let slopes = grid.count >= 2 ? localSlopes(msd: msd, grid: grid) : [0]
        let inside = zip(grid, slopes).filter { $0.0 >= startLag && $0.0 <= endLag }.map(\.1)
        let range = (inside.min() ?? 0)...(inside.max() ?? 0)
        return DiffusiveWindow(
            startLag: startLag, endLag: endLag,
            diffusive: !inside.isEmpty && abs(range.lowerBound - 1) <= tolerance
                && abs(range.upperBound - 1) <= tolerance,
            slopeRange: range, finalSlope: slopes.last ?? 0)
    }

    /// d log MSD / d log lag at each grid lag: central differences inside, one-sided at the ends.
    static func localSlopes(msd: [Double], grid: [Int]) -> [Double] {
        (0..<grid.count).map { k in
            let lo = max(0, k - 1), hi = min(grid.count - 1, k + 1)
            return log(msd[grid[hi]] / msd[grid[lo]]) / log(Double(grid[hi]) / Double(grid[lo]))
        }
    }
}
