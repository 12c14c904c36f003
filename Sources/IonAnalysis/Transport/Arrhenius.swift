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

/// An Arrhenius fit ln k = ln A − E_a/(R T) (seed 004 Fig. 2A; seed 000 Table A1): weighted least
/// squares of ln k against 1/T with σ(ln k) = σ_k / k when every point has an error, else
/// unweighted with errors from the residuals (``WeightedLinearFit``).
public struct ArrheniusFit: Codable, Sendable {
    public var points: [ArrheniusPoint]
    /// E_a, kJ/mol, and its standard error (from the given errors; see ``activationEnergyScaledError``).
    public var activationEnergy: Double
    public var activationEnergyError: Double
    /// The error × max(1, √χ²_ν): when the points scatter more than their errors say.
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
    /// χ²/(n − 2) of the weighted fit (≈ 1 when the errors are right); NaN with 2 points.
    public var reducedChiSquared: Double
    /// "weighted by the given errors" or "unweighted; errors from the residuals".
    public var weighting: String

    /// Molar gas constant R = k_B N_A, kJ/(mol·K).
    public static let gasConstant = TransportUnits.boltzmann * TransportUnits.avogadro / 1000
    /// Boltzmann constant, eV/K.
    public static let boltzmannEV = TransportUnits.boltzmann / TransportUnits.elementaryCharge

    /// Fits `points`.
    /// - Throws: ``InputError`` for a non-positive temperature or value, fewer than 2 temperatures
    ///   (3 without errors), or errors given for only some points.
    /// - Complexity: O(n).
    public init(_ points: [ArrheniusPoint]) throws {
        for p in points {
            guard p.temperature > 0, p.value > 0, p.value.isFinite else {
                throw InputError("Arrhenius fits need positive temperatures and values; got T = \(p.temperature) K, k = \(p.value)\(p.source.isEmpty ? "" : " (\(p.source))")")
            }
            if let e = p.error, !(e > 0) { throw InputError("the error of k at T = \(p.temperature) K must be positive; got \(e)") }
        }
        let withErrors = points.filter { $0.error != nil }.count
        guard withErrors == 0 || withErrors == points.count else {
            throw InputError("\(withErrors) of \(points.count) points have errors: give an error for every point or for none")
        }
        let x = points.map { 1 / $0.temperature }, y = points.map { log($0.value) }
        let sigma = withErrors > 0 ? points.map { $0.error! / $0.value } : nil
        guard let fit = WeightedLinearFit(x: x, y: y, sigma: sigma) else {
            throw InputError("an Arrhenius fit needs at least \(sigma == nil ? 3 : 2) points at different temperatures (3 without errors); got \(points.count)")
        }
        self.points = points
        activationEnergy = -fit.slope * Self.gasConstant
        activationEnergyError = fit.slopeError * Self.gasConstant
        activationEnergyScaledError = fit.scaledSlopeError * Self.gasConstant
        activationEnergyEV = -fit.slope * Self.boltzmannEV
        activationEnergyEVError = fit.slopeError * Self.boltzmannEV
        activationTemperature = -fit.slope
        activationTemperatureError = fit.slopeError
        logPrefactor = fit.intercept
        logPrefactorError = fit.interceptError
        reducedChiSquared = fit.reducedChiSquared
        weighting = sigma == nil ? "unweighted; errors from the residuals" : "weighted by the given errors (σ(ln k) = σ_k/k)"
    }

    /// k(T) = A e^{−E_a/(RT)} of the fit, in the unit of the points.
    public func value(at temperature: Double) -> Double {
        exp(logPrefactor - activationEnergy / (Self.gasConstant * temperature))
    }
}
