import IonAnalysis
import IonNumerics

/// Each replica's headline numbers and their combination: the mean over replicas with the
/// standard error of that mean from their spread (s/√n), the uncertainty a reader can trust when
/// runs are independent.
public struct ReplicaSummary: Sendable, Codable {
    public struct Combined: Sendable, Codable {
        public var label: String
        public var unit: String
        /// One value per replica, the first run first.
        public var values: [Double]
        public var mean: Double
        /// s/√n over the replicas.
        public var standardError: Double?
    }
    public var runs: Int
    public var framesPerRun: [Int]
    public var quantities: [Combined]

    /// Nil for a single run.
    init?(runs all: [JobResults]) {
        guard all.count >= 2, let first = all.first else { return nil }
        runs = all.count
        framesPerRun = all.map(\.summary.frames)
        quantities = []
        let length = UnitLabels(first.summary.units).length, time = UnitLabels(first.summary.units).time
        for (k, (label, msd)) in first.msd.enumerated() {
            let values = all.compactMap { $0.msd[k].result.diffusion.map { $0.coefficientSI ?? $0.coefficient.value } }
            guard values.count == all.count, let d = msd.diffusion else { continue }
            add("D(\(label)), Einstein", d.coefficientSI == nil ? d.unit : "m²/s", values)
        }
        for (k, (label, vacf)) in first.vacf.enumerated() {
            add("D(\(label)), Green–Kubo", (vacf.diffusionSI ?? vacf.diffusion).unit, all.map { ($0.vacf[k].result.diffusionSI ?? $0.vacf[k].result.diffusion).value })
        }
        if let c = first.conductivity {
            add("κ (Einstein), each run alone", c.units["conductivity"] ?? "S/m", all.compactMap { $0.conductivity?.conductivity.value })
        }
        if let g = first.greenKubo { add("κ, Green–Kubo", g.conductivity.unit, all.compactMap { $0.greenKubo?.conductivity.value }) }
        for (k, (label, _)) in first.rdf.enumerated() {
            let minima = all.compactMap { $0.rdf[k].result.firstMinimum }
            guard minima.count == all.count else { continue }
            add("r_min \(label)", length, minima.map(\.r))
            add("N(r_min) \(label)", "", minima.map(\.coordination))
        }
        for (k, (label, shells)) in first.shells.enumerated() {
            for (s, species) in shells.species.enumerated() {
                add("⟨n⟩ \(species.name) (\(label))", "", all.map { $0.shells[k].result.species[s].meanCoordination })
            }
        }
        for (k, (label, clusters)) in first.clusters.enumerated() {
            for (s, fractions) in clusters.fractions.enumerated() {
                add("free \(fractions.species) (\(label))", "", all.map { $0.clusters[k].result.fractions[s].free })
            }
        }
        for (k, (label, _)) in first.kinetics.enumerated() {
            add("pair lifetime \(label)", time, all.map { $0.kinetics[k].result.lifetimes.fits.lifetime })
            add("burstiness B \(label)", "", all.map { $0.kinetics[k].result.bursts.burstiness })
        }
        for (k, (label, rotation)) in first.rotation.enumerated() where rotation.p2Fit?.stretched != nil {
            let values = all.compactMap { $0.rotation[k].result.p2Fit?.stretched?.lifetime }
            if values.count == all.count { add("τ_R(P₂) \(label)", rotation.timeUnit, values) }
        }
    }

    private mutating func add(_ label: String, _ unit: String, _ values: [Double]) {
        guard !values.isEmpty else { return }
        let (mean, error) = meanAndStandardError(values)
        quantities.append(Combined(label: label, unit: unit, values: values, mean: mean, standardError: error))
    }
}
