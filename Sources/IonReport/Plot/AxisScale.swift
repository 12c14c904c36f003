import Foundation

/// Maps data values on one axis to pixels, and picks the ticks: 1–2–5 steps on linear axes,
/// decades (with 2 and 5 when few decades) on logarithmic ones.
struct AxisScale {
    let low: Double
    let high: Double
    let logarithmic: Bool
    let pixelLow: Double
    let pixelHigh: Double

    /// A scale covering `values` (padded 4 % on linear axes), or the fixed range.
    init(values: [Double], logarithmic: Bool, fixed: ClosedRange<Double>?, pixels: (Double, Double)) {
        self.logarithmic = logarithmic
        pixelLow = pixels.0; pixelHigh = pixels.1
        var lo = fixed?.lowerBound ?? values.min() ?? 0
        var hi = fixed?.upperBound ?? values.max() ?? 1
        if logarithmic {
            lo = log10(max(lo, 1e-300)); hi = log10(max(hi, 1e-300))
            if fixed == nil { lo = floor(lo); hi = ceil(hi) }
        }
        if hi <= lo { let pad = lo == 0 ? 1 : abs(lo) * 0.1; lo -= pad; hi += pad }
        if !logarithmic && fixed == nil {
            let pad = 0.04 * (hi - lo)
            // Keep a zero baseline when the data start at zero.
            lo = lo == 0 ? 0 : lo - pad; hi += pad
        }
        low = lo; high = hi
    }

    func pixel(_ value: Double) -> Double {
        let v = logarithmic ? log10(value) : value
        return pixelLow + (v - low) / (high - low) * (pixelHigh - pixelLow)
    }

    /// Tick positions (data values) and their labels.
    var ticks: [(value: Double, label: String)] {
        if logarithmic {
            let decades = Int(floor(low))...Int(ceil(high))
            let mantissas: [Double] = decades.count <= 3 ? [1, 2, 5] : [1]
            let step = max(1, decades.count / 7)
            return decades.filter { ($0 - decades.lowerBound) % step == 0 }.flatMap { d in
                mantissas.compactMap { m -> (Double, String)? in
                    let exponent = Double(d) + log10(m)
                    guard exponent >= low - 1e-9, exponent <= high + 1e-9 else { return nil }
                    return (pow(10, exponent), Self.label(m * pow(10, Double(d))))
                }
            }
        }
        let raw = (high - low) / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [(Double, String)] = []
        var value = ceil(low / step) * step
        while value <= high + step * 1e-9 {
            ticks.append((abs(value) < step * 1e-9 ? 0 : value, Self.label(value)))
            value += step
        }
        return ticks
    }

    /// A short label: plain decimals for moderate magnitudes, otherwise 1e-5 style.
    static func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e5 {
            var text = String(format: "%.4g", value)
            if text.contains("e") { text = String(format: "%.0f", value) }
            return text
        }
        let exponent = Int(floor(log10(magnitude)))
        let mantissa = value / pow(10, Double(exponent))
        return abs(mantissa - 1) < 1e-9 ? "1e\(exponent)" : String(format: "%.3ge%d", mantissa, exponent)
    }
}
