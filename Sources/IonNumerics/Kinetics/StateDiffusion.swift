import Foundation

/// Diffusion coefficient of the soft state from the total and the hard-state one, assuming the
/// two contribute independently: D_total = r_soft·D_soft + (1 − r_soft)·D_hard (Lee et al. 2023,
/// doi:10.1140/epje/s10189-023-00365-9, §3), so
/// D_soft = [D_total − (1 − r)·D_hard]/r, with first-order error propagation for independent
/// errors: ∂/∂D_total = 1/r, ∂/∂D_hard = −(1 − r)/r, ∂/∂r = (D_hard − D_total)/r².
/// Any diffusion unit (the result has the same); r dimensionless.
/// - Returns: (D_soft, its standard error); NaN when r ≤ 0.
public func softStateDiffusion(
    total: Double, totalError: Double, hard: Double, hardError: Double,
    softFraction r: Double, softFractionError: Double
) -> (value: Double, error: Double) {
    guard r > 0 else { return (.nan, .nan) }
    let value = (total - (1 - r) * hard) / r
    let a = totalError / r, b = (1 - r) / r * hardError, c = (hard - total) / (r * r) * softFractionError
    return (value, (a * a + b * b + c * c).squareRoot())
}

/// Arrhenius fit k(T) = A·exp[−E_a/(R T)] of rates at several temperatures, by weighted least squares
/// of ln k on 1/T (weights 1/σ²_{ln k} with σ_{ln k} = σ_k/k; unweighted when errors are absent).
public struct ArrheniusFit: Sendable, Codable, Equatable {
    /// Activation energy, kJ/mol, and its standard error.
    public var activationEnergy: Double
    public var activationEnergyError: Double
    /// Prefactor A, in the unit of the rates, and the standard error of ln A.
    public var prefactor: Double
    public var logPrefactorError: Double

    /// - Parameters: temperatures in K (≥ 2 distinct), positive rates (any unit), optional errors.
    /// nil when the fit is undefined.
    public init?(temperatures: [Double], rates: [Double], errors: [Double]? = nil) {
        guard temperatures.count == rates.count, temperatures.count >= 2,
            rates.allSatisfy({ $0 > 0 }), temperatures.allSatisfy({ $0 > 0 })
        else { return nil }
        let x = temperatures.map { 1 / $0 }, y = rates.map { log($0) }
        let line: LineFit?
        if let errors, errors.count == rates.count, errors.allSatisfy({ $0 > 0 }) {
            var covariance = [Double](repeating: 0, count: x.count * x.count)
            for k in x.indices { covariance[k * x.count + k] = pow(errors[k] / rates[k], 2) }
            line = generalizedLeastSquaresLine(x: x, y: y, covariance: covariance)
        } else {
            line = ordinaryLeastSquaresLine(x: x, y: y)
        }
        guard let line else { return nil }
        let gasConstant = 8.314462618e-3  // kJ/(mol·K)
        activationEnergy = -line.slope * gasConstant
        activationEnergyError = line.slopeVariance.squareRoot() * gasConstant
        prefactor = exp(line.intercept); logPrefactorError = line.interceptVariance.squareRoot()
    }
}
