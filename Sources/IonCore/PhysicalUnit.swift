import Foundation

/// The unit a number is stated in: how it is written, and the factor that takes a value in it to
/// SI base units (nil where there is none: the reduced Lennard-Jones units IonScope keeps as they
/// are, and counts such as frames).
///
/// Results carry their units as values of this type, set from the ``UnitSystem`` of the input
/// when the analysis is prepared, and derived units are built from them (`lengthUnit.squared / timeUnit`),
/// never typed in as text. In JSON a unit is its symbol, e.g. `"Å²/ps"`.
public struct PhysicalUnit: Sendable, Hashable, CustomStringConvertible {
    public let symbol: String
    /// Multiply a value in this unit by this to get it in SI base units.
    public let toSI: Double?

    public init(_ symbol: String, toSI: Double?) { self.symbol = symbol; self.toSI = toSI }

    public var description: String { symbol }

    /// The unit squared (Å → Å²).
    public var squared: PhysicalUnit { PhysicalUnit(symbol + "²", toSI: toSI.map { $0 * $0 }) }
    /// The unit cubed (Å → Å³).
    public var cubed: PhysicalUnit { PhysicalUnit(symbol + "³", toSI: toSI.map { $0 * $0 * $0 }) }
    /// One over the unit (ps → 1/ps).
    public var inverse: PhysicalUnit { .one / self }

    /// The quotient (Å² / ps → Å²/ps); a compound denominator is bracketed.
    public static func / (a: PhysicalUnit, b: PhysicalUnit) -> PhysicalUnit {
        let denominator = b.symbol.contains(where: { "/·".contains($0) }) ? "(\(b.symbol))" : b.symbol
        return PhysicalUnit("\(a.symbol)/\(denominator)", toSI: a.toSI.flatMap { x in b.toSI.map { x / $0 } })
    }

    /// The product (S · m² → S·m²).
    public static func * (a: PhysicalUnit, b: PhysicalUnit) -> PhysicalUnit {
        PhysicalUnit("\(a.symbol)·\(b.symbol)", toSI: a.toSI.flatMap { x in b.toSI.map { x * $0 } })
    }

    /// A value in this unit, in SI; nil where the unit has no SI factor.
    public func inSI(_ value: Double) -> Double? { toSI.map { value * $0 } }
}

extension PhysicalUnit {
    /// Pure numbers (ratios, fractions, counts of particles), written without a unit.
    public static let dimensionless = PhysicalUnit("", toSI: 1)
    /// The numerator of reciprocal units (1/ps).
    public static let one = PhysicalUnit("1", toSI: 1)
    /// Counts of frames (lags, windows given in frames).
    public static let frames = PhysicalUnit("frames", toSI: nil)

    public static let angstrom = PhysicalUnit("Å", toSI: 1e-10)
    public static let picosecond = PhysicalUnit("ps", toSI: 1e-12)
    public static let gramPerMole = PhysicalUnit("g/mol", toSI: 1e-3)
    public static let elementaryCharge = PhysicalUnit("e", toSI: 1.602_176_634e-19)
    public static let kelvin = PhysicalUnit("K", toSI: 1)
    public static let degree = PhysicalUnit("degree", toSI: Double.pi / 180)
    public static let volt = PhysicalUnit("V", toSI: 1)

    /// The reduced Lennard-Jones units of LAMMPS `lj`: length σ, time τ, mass m, charge q*.
    public static let sigma = PhysicalUnit("σ", toSI: nil)
    public static let tau = PhysicalUnit("τ", toSI: nil)
    public static let reducedMass = PhysicalUnit("m", toSI: nil)
    public static let reducedCharge = PhysicalUnit("q", toSI: nil)

    /// The SI units transport results are reported in.
    public static let squareMetrePerSecond = PhysicalUnit("m²/s", toSI: 1)
    public static let siemensPerMetre = PhysicalUnit("S/m", toSI: 1)
    public static let molarConductivity = PhysicalUnit("S·m²/mol", toSI: 1)
    public static let molePerLitre = PhysicalUnit("mol/L", toSI: 1e3)
    public static let pascalSecond = PhysicalUnit("Pa·s", toSI: 1)
    /// Molar Onsager coefficients, mol²/(J·m·s).
    public static let molarOnsager = PhysicalUnit("mol²/(J·m·s)", toSI: 1)
    /// Reduced conductivity of lj inputs, q²/(σ·τ·ε) (k_B = 1).
    public static let reducedConductivity = PhysicalUnit("q²/(σ·τ·ε)", toSI: nil)

    /// Units whose symbols JSON readers map back to their SI factors.
    static let known: [PhysicalUnit] = [
        .dimensionless, .one, .frames, .angstrom, .picosecond, .gramPerMole, .elementaryCharge, .kelvin, .degree, .volt,
        .sigma, .tau,
        .reducedMass, .reducedCharge, .squareMetrePerSecond, .siemensPerMetre, .molarConductivity, .molePerLitre,
        .pascalSecond, .molarOnsager, .reducedConductivity, angstrom.squared, angstrom.cubed,
        angstrom.squared / picosecond, angstrom.squared / picosecond.squared, picosecond.inverse,
    ]
}

extension PhysicalUnit: Codable {
    public init(from decoder: any Decoder) throws {
        let symbol = try decoder.singleValueContainer().decode(String.self)
        self = Self.known.first { $0.symbol == symbol } ?? PhysicalUnit(symbol, toSI: nil)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(symbol)
    }
}

extension UnitSystem {
    /// The units IonScope states results in for inputs in this system: Å, ps, g/mol and e (files
    /// in other units are converted on reading), or σ, τ, m and q for LAMMPS lj, kept reduced.
    public var lengthUnit: PhysicalUnit { isReduced ? .sigma : .angstrom }
    public var timeUnit: PhysicalUnit { isReduced ? .tau : .picosecond }
    public var massUnit: PhysicalUnit { isReduced ? .reducedMass : .gramPerMole }
    public var chargeUnit: PhysicalUnit { isReduced ? .reducedCharge : .elementaryCharge }
    /// Diffusion coefficients as computed: Å²/ps, or σ²/τ.
    public var diffusionUnit: PhysicalUnit { lengthUnit.squared / timeUnit }
}
