import Foundation
import IonAnalysis
import IonCore
import IonLearn

/// The descriptor settings shared by the plug-ins that compute per-centre descriptors
/// (descriptors, softness): radial structure functions by default, `soap` for the SOAP power
/// spectrum, `angular` to add angular structure functions to the radial ones.
struct DescriptorChoice: Sendable {
    static let settings: [Setting] = RSFGrid.settings + AngularOptions.settings + SOAPOptions.settings
    let grid: RSFGrid
    let angular: AngularOptions
    let soap: SOAPOptions

    init(_ settings: SettingValues) {
        grid = RSFGrid(settings); angular = AngularOptions(settings); soap = SOAPOptions(settings)
    }

    /// The chosen descriptor of `selection` by `species`, in the run's units.
    /// - Throws: ``SettingError`` for SOAP and angular functions together, or a missing length.
    /// - Parameter threads: threads for one frame's centres where the descriptor splits them
    ///   (SOAP, angular functions); nil: every core.
    func descriptor(_ selection: Selection, species: [DescriptorSpecies], units: UnitSystem, threads: Int?) throws
        -> StructuralDescriptor
    {
        if soap.enabled {
            guard !angular.enabled else {
                throw SettingError("angular", "goes with radial structure functions, not SOAP")
            }
            var spectrum = try soap.spectrum(selection, species: species, units: units)
            spectrum.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
            return .soap(spectrum)
        }
        let radial = try grid.functions(selection, species: species, units: units)
        guard angular.enabled else { return .radial(radial) }
        do {
            var functions = try angular.functions(selection, species: species, units: units)
            functions.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
            return .radialAndAngular(try JoinedDescriptor(radial, functions))
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
    }
}

/// Angular structure functions' settings. IonScope's defaults for LAMMPS lj inputs: r_c = 2.5 σ
/// (past the second shell of a Lennard-Jones liquid), ξ = 1, 1.5, 2 σ, ζ = 1, 2, 4, λ = ±1;
/// inputs in Å give the cutoff and ξ.
struct AngularOptions: Sendable {
    static let settings: [Setting] = [
        .flag(
            "angular",
            help:
                "Add angular structure functions Ψ_XY(ξ, ζ, λ) (Behler's G⁴, as Cubuk et al. 2015 use them) after the radial ones."
        ),
        Setting(
            "asf_cutoff", .number(.positive), unit: "Å",
            help: "Cutoff r_c of the angular functions (default 2.5 σ for lj; required otherwise)."),
        Setting(
            "asf_xi", .numbers(.positive, count: nil), unit: "Å",
            help: "Gaussian widths ξ (η = 1/ξ²; default 1, 1.5, 2 σ for lj; required otherwise)."),
        Setting("asf_zeta", .numbers(.positive, count: nil), help: "Exponents ζ ≥ 1 (default 1, 2, 4)."),
        Setting("asf_lambda", .numbers(.any, count: nil), help: "Signs λ, each +1 or −1 (default −1, 1)."),
    ]
    let enabled: Bool
    let cutoff: Double?, xi: [Double]?
    let zeta: [Double], lambda: [Double]

    init(_ settings: SettingValues) {
        enabled = settings.bool("angular")
        cutoff = settings.number("asf_cutoff"); xi = settings.numbers("asf_xi")
        zeta = settings.numbers("asf_zeta") ?? [1, 2, 4]; lambda = settings.numbers("asf_lambda") ?? [-1, 1]
    }

    func functions(_ selection: Selection, species: [DescriptorSpecies], units: UnitSystem) throws
        -> AngularStructureFunctions
    {
        let reduced = units.isReduced
        guard let cutoff = cutoff ?? (reduced ? 2.5 : nil), let xi = xi ?? (reduced ? [1, 1.5, 2] : nil) else {
            throw SettingError(
                self.cutoff == nil ? "asf_cutoff" : "asf_xi",
                "is required for inputs in \(units.lengthUnit) (the defaults 2.5 σ and ξ = 1, 1.5, 2 σ are for LAMMPS lj)"
            )
        }
        do {
            return try AngularStructureFunctions(
                selection: selection, species: species, cutoff: cutoff, xi: xi, zeta: zeta, lambda: lambda)
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
    }
}

/// The SOAP settings of the descriptors plug-in: Jones et al. 2022's defaults (doi:10.48550/arXiv.2208.03182) (r_cut = 5 σ, n_max = 6,
/// l_max = 5, σ = 1) for LAMMPS lj inputs; inputs in Å give r_cut and σ.
struct SOAPOptions: Sendable {
    static let settings: [Setting] = [
        .flag("soap", help: "The SOAP power spectrum instead of radial structure functions."),
        Setting(
            "rcut", .number(.positive), unit: "Å", help: "SOAP cutoff r_cut (default 5 σ for lj; required otherwise)."),
        Setting(
            "nmax", .integer(minimum: 1, maximum: SOAPBasis.largestN), default: .integer(6),
            help: "SOAP radial functions n_max."),
        Setting(
            "lmax", .integer(minimum: 0, maximum: SOAPBasis.largestL), default: .integer(5),
            help: "SOAP angular order l_max."),
        Setting(
            "sigma", .number(.positive), unit: "Å",
            help: "SOAP Gaussian width σ (default 1 σ for lj; required otherwise)."),
        Setting(
            "convention", .choice(SOAPConvention.allCases.map(\.rawValue)), default: .text("ionscope"),
            help: "ionscope: neighbours within r_cut with a smooth cosine weight; dscribe: DScribe 2.x's values."),
    ]
    let enabled: Bool
    let cutoff: Double?, sigma: Double?
    let nMax: Int, lMax: Int
    let convention: SOAPConvention

    init(_ settings: SettingValues) {
        enabled = settings.bool("soap")
        cutoff = settings.number("rcut"); sigma = settings.number("sigma")
        nMax = settings.integer("nmax") ?? 6; lMax = settings.integer("lmax") ?? 5
        convention = settings.text("convention").flatMap(SOAPConvention.init(rawValue:)) ?? .ionscope
    }

    func spectrum(_ selection: Selection, species: [DescriptorSpecies], units: UnitSystem) throws -> SOAPPowerSpectrum {
        let reduced = units.isReduced
        guard let cutoff = cutoff ?? (reduced ? 5 : nil), let sigma = sigma ?? (reduced ? 1 : nil) else {
            throw SettingError(
                self.cutoff == nil ? "rcut" : "sigma",
                "is required for inputs in \(units.lengthUnit) (the defaults 5 σ and 1 σ are for LAMMPS lj)")
        }
        do {
            return try SOAPPowerSpectrum(
                selection: selection, species: species,
                basis: SOAPBasis(cutoff: cutoff, nMax: nMax, lMax: lMax, sigma: sigma), convention: convention)
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
    }
}

/// The μ grid and width of radial structure functions, as settings shared by the plug-ins that
/// use them: Schoenholz's defaults (μ = 0.4…5.0 σ step 0.1 σ, L = 0.1 σ) for LAMMPS lj inputs;
/// inputs in Å give the last μ and the step.
struct RSFGrid: Sendable {
    static let settings: [Setting] = [
        Setting("rsf_min", .number(.nonNegative), unit: "Å", help: "First μ (default: 0.4 σ for lj, else the step)."),
        Setting("rsf_max", .number(.positive), unit: "Å", help: "Last μ (default 5 σ for lj; required otherwise)."),
        Setting(
            "rsf_step", .number(.positive), unit: "Å", help: "Spacing of μ (default 0.1 σ for lj; required otherwise)."),
        Setting("rsf_width", .number(.positive), unit: "Å", help: "Gaussian width L (default: the step)."),
    ]
    /// Li⁺ of the demo by S and N beads on a coarse grid: the start of the plug-ins' example tables.
    static let demoTable =
        #"select = "type 1""# + "\n" + #"species = ["S=type 3", "N=type 2"]"# + "\nrsf_max = 8\nrsf_step = 0.5"
    let min: Double?, max: Double?, step: Double?, width: Double?

    init(_ settings: SettingValues) {
        min = settings.number("rsf_min"); max = settings.number("rsf_max")
        step = settings.number("rsf_step"); width = settings.number("rsf_width")
    }

    /// The functions of `selection` by `species` on this grid, in the run's units.
    func functions(
        _ selection: Selection, species: [DescriptorSpecies], units: UnitSystem
    ) throws -> RadialStructureFunctions {
        let reduced = units.isReduced
        guard let last = max ?? (reduced ? 5 : nil), let step = step ?? (reduced ? 0.1 : nil) else {
            throw SettingError(
                max == nil ? "rsf_max" : "rsf_step",
                "is required for inputs in \(units.lengthUnit) (the defaults 5 σ and 0.1 σ are for LAMMPS lj)")
        }
        do {
            return try RadialStructureFunctions(
                selection: selection, species: species,
                mu: RadialStructureFunctions.grid(from: min ?? (reduced ? 0.4 : step), to: last, step: step),
                width: width ?? step)
        } catch let error as InputError {
            throw SettingError(nil, error.message)
        }
    }
}
