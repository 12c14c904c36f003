import Foundation
import IonAnalysis
import IonCore
import IonIO
import IonLearn
import IonReport

/// How the ions of a system are described and its molar conductivity measured, for the local
/// molar conductivity of Jones, Fong, Persson & Lee 2022 (doi:10.48550/arXiv.2208.03182).
public struct ConductivitySettings: Codable, Sendable, Equatable {
    /// The cations and the anions (each ion one particle).
    public var cation: String
    public var anion: String
    /// SOAP of the ions only (solvent left out): r_cut, n_max, l_max, Gaussian width, in the
    /// input's length unit (the paper's 5 σ, 6, 5, 1 σ).
    public var rCut: Double
    public var nMax: Int
    public var lMax: Int
    public var sigma: Double
    /// Environments are taken every this many frames (snapshots spaced beyond the ion-pair
    /// lifetime in the paper).
    public var snapshotEvery: Int
    /// Blocks of the Onsager analysis, for Λ's uncertainty.
    public var blocks: Int

    public init(
        cation: String = "type 1", anion: String = "type 2", rCut: Double = 5, nMax: Int = 6, lMax: Int = 5,
        sigma: Double = 1, snapshotEvery: Int = 80, blocks: Int = 5
    ) {
        self.cation = cation; self.anion = anion; self.rCut = rCut; self.nMax = nMax; self.lMax = lMax
        self.sigma = sigma; self.snapshotEvery = snapshotEvery; self.blocks = blocks
    }

    /// The SOAP power spectrum of the ions, with the cations and anions as its two species.
    public func spectrum() throws -> SOAPPowerSpectrum {
        try SOAPPowerSpectrum(
            selection: Selection("(\(cation)) or (\(anion))"),
            species: [.init(name: "cation", selection: cation), .init(name: "anion", selection: anion)],
            basis: SOAPBasis(cutoff: rCut, nMax: nMax, lMax: lMax, sigma: sigma), convention: .ionscope)
    }
}

/// One system of a dataset: its measured transport and where its ions' environments are.
public struct ConductivitySystem: Codable, Sendable {
    public var name: String
    public var source: String
    public var cations: Int, anions: Int
    /// Frames whose environments were taken, and the rows they fill in the dataset's features
    /// (snapshot-major, the ions in atom order within a snapshot).
    public var snapshots: [Int]
    public var firstRow: Int
    public var rows: Int
    /// Per ion of a snapshot (atom order), whether it is a cation.
    public var isCation: [Bool]
    /// Salt concentration c (σ⁻³ for lj, mol/L otherwise).
    public var saltConcentration: Double
    /// Λ with valences ±1 (κ = Σ z_i z_j L^ij, whatever charges the simulation uses), and its
    /// uncertainty from the Onsager analysis' blocks.
    public var molarConductivity: Estimate
    /// L_self^{++}/c and L^{+−}/c (Figs. 7 and 8), in Λ's unit.
    public var selfCationOverC: Estimate
    public var crossOverC: Estimate
    /// The ions' charge magnitude in the simulation, which Λ was divided by squared.
    public var charge: Double
    public var temperature: Double
    public var frames: Int
    public var warnings: [String]
}

/// Systems and their ions' environments (features in `features.npy`, float32, rows × columns).
public struct ConductivityDataset: Codable, Sendable {
    public static let formatName = "ionscope-conductivity-dataset"
    public static let currentVersion = 1
    public var format = ConductivityDataset.formatName
    public var version = ConductivityDataset.currentVersion
    public var settings: ConductivitySettings
    public var units: String
    public var lengthUnit: String
    public var molarConductivityUnit: String
    public var columns: [String]
    public var descriptor: DescriptorParameters
    public var systems: [ConductivitySystem]

    /// The grouped dataset for training: one group per system, target Λ, variance its
    /// uncertainty squared (a floor of 10⁻⁶ Λ² keeps a lucky tiny error bar from dominating).
    public func grouped(_ features: [Float]) throws -> GroupedDataset<Float> {
        let width = columns.count
        return try GroupedDataset(
            x: features, width: width, groups: systems.map { $0.firstRow..<($0.firstRow + $0.rows) },
            targets: systems.map(\.molarConductivity.value),
            variances: systems.map { s in
                let sigma = s.molarConductivity.uncertainty ?? abs(s.molarConductivity.value)
                return max(sigma * sigma, 1e-6 * s.molarConductivity.value * s.molarConductivity.value, 1e-300)
            })
    }

    /// Writes `dataset.json` and `features.npy` through `files`.
    public func write(_ features: [Float], into files: inout FileSet) throws {
        try files.json("dataset.json", self)
        try files.data(
            "features.npy",
            NumPyArray.encode(shape: [features.count / columns.count, columns.count], float32: features))
    }

    /// Reads a dataset folder written by ``write(_:into:)``.
    public static func load(_ folder: String) throws -> (dataset: ConductivityDataset, features: [Float]) {
        let json = (folder as NSString).appendingPathComponent("dataset.json")
        let dataset: ConductivityDataset = try loadVersionedJSON(
            json, format: formatName, versions: currentVersion...currentVersion, what: "dataset")
        let npy = (folder as NSString).appendingPathComponent("features.npy")
        guard FileManager.default.fileExists(atPath: npy) else {
            throw InputError("\(npy) is missing: the dataset's features are remade by training on its manifest")
        }
        guard let data = FileManager.default.contents(atPath: npy), let (shape, values) = NumPyArray.decodeFloat32(data)
        else { throw InputError("\(npy): cannot read it as the float32 features of a dataset") }
        let rows = dataset.systems.map(\.rows).reduce(0, +)
        guard shape == [rows, dataset.columns.count] else {
            throw InputError("\(npy) holds \(shape) features; \(json) describes \(rows) × \(dataset.columns.count)")
        }
        return (dataset, values)
    }
}

/// Measures one system: its Onsager Λ (valences ±1) and the SOAP environments of its ions.
public enum ConductivityMeasurement {
    /// - Throws: ``InputError`` for ions without a single charge magnitude, too few frames, or
    ///   a trajectory the analyses refuse.
    public static func measure(
        _ trajectory: Trajectory, name: String, temperature: Double, settings: ConductivitySettings,
        threads: Int? = nil
    ) throws -> (system: ConductivitySystem, features: [Float], columns: [String], descriptor: DescriptorParameters) {
        let species = [
            OnsagerSpecies(name: "cation", selection: try Selection(settings.cation), byMolecule: false),
            OnsagerSpecies(name: "anion", selection: try Selection(settings.anion), byMolecule: false),
        ]
        var spectrum = try settings.spectrum()
        spectrum.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let pair = AnalysisPair(
            OnsagerSeriesCollector(species: species, acceptsReducedUnits: true),
            try DescriptorCollection(spectrum, every: settings.snapshotEvery))
        let collected = try AnalysisPass.run(trajectory, pair, threads: threads)
        guard let environments = collected.second else { throw InternalError("the descriptors have no result") }
        let onsager = try OnsagerAnalysis.compute(
            [collected.first], options: OnsagerOptions(temperature: temperature, blocks: settings.blocks))
        let (plus, minus) = (onsager.species[0].charge, onsager.species[1].charge)
        guard plus > 0, minus < 0, abs(plus + minus) <= 1e-6 * plus else {
            throw InputError(
                "\(name): the cations carry \(plus) e and the anions \(minus) e; Λ with valences ±1 needs charges ±q")
        }
        let q2 = plus * plus
        func scaled(_ e: Estimate, _ f: Double) -> Estimate { Estimate(e.value * f, e.uncertainty.map { $0 * f }) }
        let c = onsager.saltConcentration
        let topology = trajectory.topology
        let cations = Set(try species[0].selection.atomIndices(in: topology))
        let centres = environments.centreAtoms.map { $0 - 1 }
        let features = environments.features.map(Float.init)
        let system = ConductivitySystem(
            name: name, source: trajectory.input.trajectoryPaths.joined(separator: ", "),
            cations: onsager.species[0].count, anions: onsager.species[1].count, snapshots: environments.frames,
            firstRow: 0, rows: environments.frames.count * centres.count,
            isCation: centres.map { cations.contains($0) },
            saltConcentration: c, molarConductivity: scaled(onsager.molarConductivity, 1 / q2),
            selfCationOverC: scaled(onsager.selfCoefficients[0], 1 / (c * q2)),
            crossOverC: scaled(onsager.coefficients[0][1], 1 / (c * q2)), charge: plus, temperature: temperature,
            frames: onsager.framesPerReplica.first ?? 0, warnings: onsager.warnings)
        return (system, features, environments.columns, environments.parameters)
    }
}
