/// Cross mean squared displacements of several vector series, for every pair, over all time
/// origins, by FFT: the MSD algorithm of ``MSDAccumulator`` generalised to two series.
///
/// For series x and y of T frames with D components,
///
///     C_xy(m) = 1/(T−m) Σ_{k=0}^{T−1−m} (x(k+m) − x(k)) · (y(k+m) − y(k))
///             = 1/(T−m) [ Σ_{k=0}^{T−1−m} (p(k) + p(k+m)) − Σ_k (x(k)·y(k+m) + y(k)·x(k+m)) ]
///
/// with p(k) = x(k)·y(k). The first sum is a running sum of p; the second is the symmetrised
/// cross-correlation, the inverse transform of 2 Re(X̄_k Y_k) with zero padding to ≥ 2T (no
/// wrap-around). C_xx is the ordinary MSD. Used for the collective displacements of the Onsager
/// coefficients.
///
/// Each series is shifted by its mean before transforming (the result is unchanged; rounding
/// error is smaller for sums of many positions).
///
/// - Parameter series: `series[s][c][t]`: series s, component c, frame t; every series with the
///   same number of components and frames.
/// - Returns: `result[i][j][m]` = C_ij(m) for lags m = 0…T−1, symmetric in i and j.
/// - Complexity: O(S·D·T log T + S²·T log T) time, O(S·D·T) memory for S series.
public func crossMeanSquaredDisplacements(_ series: [[[Double]]]) -> [[[Double]]] {
    guard let first = series.first, let frames = first.first?.count, frames > 0 else {
        return series.map { _ in series.map { _ in [] } }
    }
    let components = first.count
    precondition(
        series.allSatisfy { $0.count == components && $0.allSatisfy { $0.count == frames } },
        "every series needs the same components and frames")
    let plan = FFTPlan(count: FFTPlan.paddedLength(2 * frames))
    let n = plan.count
    // Centred series and their spectra.
    var centred = series
    var spectra: [[(re: [Double], im: [Double])]] = []
    for s in series.indices {
        var row: [(re: [Double], im: [Double])] = []
        for c in 0..<components {
            let mean = centred[s][c].reduce(0, +) / Double(frames)
            for t in 0..<frames { centred[s][c][t] -= mean }
            var re = [Double](repeating: 0, count: n), im = re
            for t in 0..<frames { re[t] = centred[s][c][t] }
            plan.forward(real: &re, imaginary: &im)
            row.append((re, im))
        }
        spectra.append(row)
    }
    var result = [[[Double]]](repeating: [[Double]](repeating: [], count: series.count), count: series.count)
    for i in series.indices {
        for j in i..<series.count {
            // Σ_c Re(X̄_k Y_k) → inverse → (c_xy(m) + c_yx(m)) / 2.
            var re = [Double](repeating: 0, count: n), im = re
            for c in 0..<components {
                let x = spectra[i][c], y = spectra[j][c]
                for k in 0..<n { re[k] += x.re[k] * y.re[k] + x.im[k] * y.im[k] }
            }
            plan.inverse(real: &re, imaginary: &im)
            // Prefix sums of p(k) = x(k)·y(k).
            var prefix = [Double](repeating: 0, count: frames + 1)
            for t in 0..<frames {
                var p = 0.0
                for c in 0..<components { p += centred[i][c][t] * centred[j][c][t] }
                prefix[t + 1] = prefix[t] + p
            }
            var value = [Double](repeating: 0, count: frames)
            for m in 1..<max(frames, 1) {
                let early = prefix[frames - m]  // Σ_{k=0}^{T−1−m} p(k)
                let late = prefix[frames] - prefix[m]  // Σ_{k=m}^{T−1} p(k)
                value[m] = (early + late - 2 * re[m]) / Double(frames - m)
            }
            result[i][j] = value
            result[j][i] = value
        }
    }
    return result
}
