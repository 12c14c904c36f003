import Foundation

/// A number with `digits` significant figures: fixed notation for 1e-3 ≤ |x| < 1e6, else
/// scientific.
public func formatNumber(_ value: Double, _ digits: Int = 4) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e6 {
        let decimals = max(0, digits - 1 - Int(floor(log10(magnitude))))
        return String(format: "%.\(decimals)f", value)
    }
    return String(format: "%.\(digits - 1)e", value)
}

/// "value ± error" with the error to two significant figures and the value to the same
/// decimal place, sharing one power of ten: "(9.04 ± 0.53)e-10", "0.67 ± 0.26".
public func formatEstimate(_ value: Double, _ error: Double?) -> String {
    guard let error, error.isFinite, error > 1e-9 * abs(value), value.isFinite else { return formatNumber(value) }
    let exponent = value == 0 ? Int(floor(log10(error))) : Int(floor(log10(max(abs(value), error))))
    let shared = (-2...3).contains(exponent) ? 0 : exponent
    let scale = pow(10, Double(shared))
    let (v, e) = (value / scale, error / scale)
    let decimals = max(0, 1 - Int(floor(log10(e))))
    let body = String(format: "%.\(decimals)f ± %.\(decimals)f", v, e)
    return shared == 0 ? body : "(\(body))e\(shared)"
}
