/// Finds the first peak and the first minimum after it in a noisy g(r).
///
/// 1. Smooth g with a centred moving average over `smoothing` Å (at least 3 bins).
/// 2. Skip the excluded core: start at the first bin where the smoothed g reaches half its
///    maximum, so scattered counts at small r (where g is essentially 0) cannot make a peak.
/// 3. The first peak is the first bin whose smoothed value is the largest within ± `window` Å
///    and above 1; the first minimum is the first bin after it that is the smallest within
///    ± `window` Å and is followed by a rise of at least max(0.05, 0.1·(g_peak − 1)) — shallower
///    dips are shoulders of the first shell, and the lowest point up to the next real rise is
///    taken.
/// 4. Move to the raw extremum within the smoothing window (a plateau of the smoothed curve
///    would otherwise pick its first bin), then refine by the vertex of a least-squares parabola through the raw g over ± 2 bins
///    (kept within that range; the bin centre when the parabola opens the wrong way).
enum RDFExtrema {
    struct Found { var peak: Double?; var minimum: Double? }

    static func find(r: [Double], g: [Double], smoothing: Double = 0.3, window: Double = 0.5) -> Found {
        let n = g.count
        guard n >= 5 else { return Found() }
        let width = r.count > 1 ? r[1] - r[0] : 1
        let half = max(1, Int((smoothing / width / 2).rounded()))
        var smooth = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let (lo, hi) = (max(0, k - half), min(n - 1, k + half))
            var sum = 0.0
            for q in lo...hi { sum += g[q] }
            smooth[k] = sum / Double(hi - lo + 1)
        }
        let reach = max(1, Int((window / width).rounded()))
        let top = smooth.max() ?? 0
        guard top > 0, let begin = smooth.firstIndex(where: { $0 >= top / 2 }) else { return Found() }
        func isExtremum(_ k: Int, _ better: (Double, Double) -> Bool) -> Bool {
            for q in max(0, k - reach)...min(n - 1, k + reach) where q != k && better(smooth[q], smooth[k]) {
                return false
            }
            return true
        }
        guard let peak = (begin..<n).first(where: { smooth[$0] > 1 && isExtremum($0, >) }) else { return Found() }
        // A minimum needs the full window on its right, so the curve's end cannot be one. A dip
        // followed by a bump smaller than the prominence threshold is a shoulder of the first
        // shell, not its end: the search goes on past it and keeps the lowest point.
        let threshold = max(0.05, 0.1 * (smooth[peak] - 1))
        let end = max(peak + 1, n - reach)
        var minimum: Int?
        var k = peak + 1
        while k < end, let dip = (k..<end).first(where: { isExtremum($0, <) }) {
            let bump = (dip + 1..<n).first(where: { isExtremum($0, >) })
            // The lowest point of the valley between this dip and the next bump.
            let lowest = (dip..<min(bump ?? end, end)).min { smooth[$0] < smooth[$1] } ?? dip
            if minimum == nil || smooth[lowest] < smooth[minimum!] { minimum = lowest }
            guard let bump, smooth[bump] - smooth[minimum!] < threshold else { break }
            k = bump + 1
        }
        // The raw extremum within the smoothing window, then the parabola around it.
        func raw(_ k: Int, _ better: (Double, Double) -> Bool) -> Int {
            var best = k
            for q in max(0, k - half)...min(n - 1, k + half) where better(g[q], g[best]) { best = q }
            return best
        }
        return Found(
            peak: refine(r, g, raw(peak, >), maximum: true),
            minimum: minimum.map { refine(r, g, raw($0, <), maximum: false) })
    }

    /// Vertex of the parabola fitted to (r, g) over ± 2 bins around k, clamped to that range;
    /// r[k] when the fit is flat or degenerate.
    static func refine(_ r: [Double], _ g: [Double], _ k: Int, maximum: Bool) -> Double {
        let lo = max(0, k - 2), hi = min(g.count - 1, k + 2)
        guard hi - lo >= 2 else { return r[k] }
        // Fit g = c0 + c1 x + c2 x² with x = r − r[k] by normal equations.
        var s = [Double](repeating: 0, count: 5), t = [Double](repeating: 0, count: 3)
        for q in lo...hi {
            let x = r[q] - r[k]
            var p = 1.0
            for e in 0..<5 { s[e] += p; if e < 3 { t[e] += p * g[q] }; p *= x }
        }
        let m = [[s[0], s[1], s[2]], [s[1], s[2], s[3]], [s[2], s[3], s[4]]]
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        guard abs(d) > 1e-300 else { return r[k] }
        func replaced(_ column: Int) -> [[Double]] {
            (0..<3).map { i in (0..<3).map { j in j == column ? t[i] : m[i][j] } }
        }
        let c1 = det(replaced(1)) / d, c2 = det(replaced(2)) / d
        guard maximum ? c2 < 0 : c2 > 0, c1.isFinite, c2.isFinite else { return r[k] }
        let vertex = r[k] - c1 / (2 * c2)
        return min(max(vertex, r[lo]), r[hi])
    }
}
