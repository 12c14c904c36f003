import Foundation
import IonCore
import IonNumerics

/// One temperature of an Arrhenius fit: a rate, diffusion coefficient or conductivity k (any
/// positive unit, the same for every point) with its standard error.
public struct ArrheniusPoint: Codable, Sendable, Equatable {
    /// K.
    public var temperature: Double
    public var value: Double
    /// Standard error of ``value``, same unit; nil when unknown.
    public var error: Double?
    /// Where the point came from (a file, a table row).
    public var source: String

    public init(temperature: Double, value: Double, error: Double? = nil, source: String = "") {
        self.temperature = temperature; self.value = value; self.error = error; self.source = source
    }
}

/// An Arrhenius analysis of values at several temperatures (Chen et al. 2023,
/// doi:10.1021/acsenergylett.3c00237, Fig. 2A; Lee et al. 2023, doi:10.1140/epje/s10189-023-00365-9,
/// Table A1):
/// the fit ln k = ln A − E_a/(R T) of ``ArrheniusFit`` (least squares of ln k on 1/T, weighted with
/// σ(ln k) = σ_k/k when every point has an error, else unweighted with errors from the residuals),
/// reported in kJ/mol, eV and E_a/k_B, with the goodness of fit χ²/ν and the E_a error scaled by
/// √(χ²/ν) when the points scatter more than their errors say (Birge ratio; Bevington & Robinson,
/// *Data Reduction and Error Analysis*, 3rd ed. (2003), §6.3).
public struct ArrheniusAnalysis: Codable, Sendable {
    public var points: [ArrheniusPoint]
    /// E_a, kJ/mol, and its standard error (from the given errors, or the residuals).
    public var activationEnergy: Double
    public var activationEnergyError: Double
    /// The error × max(1, √χ²_ν) for weighted fits.
    public var activationEnergyScaledError: Double
    /// E_a in eV per particle, and its standard error.
    public var activationEnergyEV: Double
    public var activationEnergyEVError: Double
    /// E_a/k_B = −d ln k / d(1/T), in the unit of T: K, or for reduced (LAMMPS `lj`) temperatures
    /// k_B T/ε the reduced activation energy E_a/ε. With its standard error.
    public var activationTemperature: Double
    public var activationTemperatureError: Double
    /// ln A (A in the unit of k) and its standard error.
    public var logPrefactor: Double
    public var logPrefactorError: Double
    /// χ²/(n − 2) of the fit of ln k (≈ 1 when the errors are right); NaN with 2 points or no errors.
    public var reducedChiSquared: Double
    /// "weighted by the given errors" or "unweighted; errors from the residuals".
    public var weighting: String

    /// Molar gas constant R, kJ/(mol·K) (the value ``ArrheniusFit`` uses).
    public static let gasConstant = 8.314462618e-3
    /// Faraday constant / 1000: kJ/mol per eV.
    public static let kilojoulesPerMolePerEV = TransportUnits.faraday / 1000

    /// Fits `points`.
    /// - Throws: ``InputError`` for a non-positive temperature or value, fewer than 2 temperatures
    ///   (3 without errors), or errors given for only some points.
    /// - Complexity: O(n³) (``ArrheniusFit``'s generalised least squares), n the points.
    public init(_ points: [ArrheniusPoint]) throws {
        for p in points {
            guard p.temperature > 0, p.value > 0, p.value.isFinite else {
                throw InputError(
                    "Arrhenius fits need positive temperatures and values; got T = \(p.temperature) K, k = \(p.value)\(p.source.isEmpty ? "" : " (\(p.source))")"
                )
            }
            if let e = p.error, !(e > 0) {
                throw InputError("the error of k at T = \(p.temperature) K must be positive; got \(e)")
            }
        }
        let withErrors = points.filter { $0.error != nil }.count
        guard withErrors == 0 || withErrors == points.count else {
            throw InputError(
                "\(withErrors) of \(points.count) points have errors: give an error for every point or for none")
        }
        let weighted = withErrors > 0
        let temperatures = points.map(\.temperature), values = points.map(\.value)
        guard Set(temperatures).count >= (weighted ? 2 : 3),
            let fit = ArrheniusFit(
                temperatures: temperatures, rates: values, errors: weighted ? points.map { $0.error! } : nil)
        else {
            throw InputError(
                "an Arrhenius fit needs at least \(weighted ? 2 : 3) different temperatures (3 without errors); got \(Set(temperatures).count)"
            )
        }
        self.points = points
        let slope = -fit.activationEnergy / Self.gasConstant, intercept = log(fit.prefactor)
        var chiSquared = 0.0
        for p in points {
            let r = (log(p.value) - intercept - slope / p.temperature) / (weighted ? p.error! / p.value : 1)
            chiSquared += r * r
        }
        reducedChiSquared = weighted && points.count > 2 ? chiSquared / Double(points.count - 2) : .nan
        activationEnergy = fit.activationEnergy
        activationEnergyError = fit.activationEnergyError
        activationEnergyScaledError =
            fit.activationEnergyError * (reducedChiSquared > 1 ? reducedChiSquared.squareRoot() : 1)
        activationEnergyEV = fit.activationEnergy / Self.kilojoulesPerMolePerEV
        activationEnergyEVError = fit.activationEnergyError / Self.kilojoulesPerMolePerEV
        activationTemperature = fit.activationEnergy / Self.gasConstant
        activationTemperatureError = fit.activationEnergyError / Self.gasConstant
        logPrefactor = intercept
        logPrefactorError = fit.logPrefactorError
        weighting =
            weighted ? "weighted by the given errors (σ(ln k) = σ_k/k)" : "unweighted; errors from the residuals"
    }

    /// k(T) = A e^{−E_a/(RT)} of the fit, in the unit of the points.
    public func value(at temperature: Double) -> Double {
        exp(logPrefactor - activationEnergy / (Self.gasConstant * temperature))
    }
}
