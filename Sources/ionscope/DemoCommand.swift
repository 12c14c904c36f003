import ArgumentParser
import Foundation
import IonAnalysis
import IonCore
import IonIO

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse the bundled LAMMPS trajectory of a lithium salt in a coarse-grained ionic liquid.")

    /// The ions of the bundled model, as selections of its LAMMPS atom types.
    static let species: [(name: String, selection: String, byMolecule: Bool)] = [
        ("Li⁺", "type 1", false),
        ("TFSI⁻ (centre of mass)", "type 2 3", true),
        ("PYR13⁺ (centre of mass)", "type 4 5 6", true),
    ]

    func run() throws {
        try reportingErrors {
            guard let folder = Bundle.module.url(forResource: "DemoData", withExtension: nil),
                  FileManager.default.fileExists(atPath: folder.appendingPathComponent("demo.data").path) else {
                throw InputError("the bundled demo trajectory is missing from this build")
            }
            let info = try DemoInfo(folder.appendingPathComponent("demo.json"))
            let input = TrajectoryInput(topologyPath: folder.appendingPathComponent("demo.data").path,
                                        trajectoryPaths: [folder.appendingPathComponent("demo.lammpstrj.gz").path],
                                        units: .real, timestep: info.timestepFemtoseconds / 1000)
            print("IonScope demo: \(info.description)\n")
            let trajectory = try Trajectory(input)
            print(renderSummary(try TrajectorySummary(trajectory)))
            print("\nMean squared displacement over all time origins, system centre-of-mass drift removed (Å²):")
            var results: [MSDResult] = []
            for species in Self.species {
                let selection = try Selection(species.selection)
                let series = try MeanSquaredDisplacement.collect(trajectory, selection: selection, byMolecule: species.byMolecule,
                                                                 drift: .removeSystemCenterOfMass)
                var result = MeanSquaredDisplacement.compute(series, selection: selection.text,
                                                             particles: species.byMolecule ? "molecules" : "atoms",
                                                             drift: DriftPolicy.removeSystemCenterOfMass.description)
                result.diffusion = SelfDiffusion.estimate(series, msd: result, options: SelfDiffusionOptions())
                results.append(result)
            }
            print(renderMSDTable(results, names: Self.species.map(\.name)))
            print("\nSelf-diffusion coefficients (Einstein relation, fit window chosen from the diffusive regime):")
            for (species, result) in zip(Self.species, results) {
                guard let d = result.diffusion else { continue }
                print("\n\(species.name):\n" + renderDiffusion(d, units: trajectory.units))
            }
            print("\nLi⁺ – TFSI⁻ radial distribution (centres of mass; the first minimum bounds the solvation shell):")
            let rdf = try RadialDistribution.compute(trajectory, selection: try Selection("type 1"), with: try Selection("type 2 3"),
                                                     options: RDFOptions(rMax: 12, bins: 120, byMolecule: true))
            print(renderRDF(rdf, rows: 12))
            print("\nOnsager coefficients and conductivity at \(format(info.temperature, 4)) K (ions as molecular centres of mass):")
            let species = try Self.species.map { OnsagerSpecies(name: $0.name, selection: try Selection($0.selection)) }
            print(renderOnsager(try OnsagerAnalysis.compute([trajectory], species: species,
                                                            options: OnsagerOptions(temperature: info.temperature))))
        }
    }
}

/// What demo.json says about the bundled run.
struct DemoInfo {
    var description: String
    var timestepFemtoseconds: Double
    /// Temperature of the run, K.
    var temperature: Double

    init(_ url: URL) throws {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let timestep = object["timestep_fs"] as? Double,
              let temperature = object["temperature_K"] as? Double else {
            throw FileError(path: url.path, "expected a JSON object with 'timestep_fs' and 'temperature_K'")
        }
        self.temperature = temperature
        description = object["description"] as? String ?? "bundled LAMMPS trajectory"
        timestepFemtoseconds = timestep
    }
}

/// Several MSDs side by side at logarithmically spaced lags up to half the run.
func renderMSDTable(_ results: [MSDResult], names: [String], rows: Int = 12) -> String {
    guard let first = results.first, let times = first.times else { return "" }
    // Beyond half the run too few time origins remain for a steady average.
    let last = (first.lags.count - 1) / 2
    let lags = Set((0...rows).map { Int(pow(Double(last), Double($0) / Double(rows)).rounded()) }).sorted().filter { $0 > 0 }
    let width = max(12, names.map(\.count).max() ?? 0)
    var out = ["lag (ps)".leftPadded(10) + names.map { "  " + $0.leftPadded(width) }.joined()]
    out.append("particles".leftPadded(10) + results.map { "  " + "\($0.particleCount) \($0.particles)".leftPadded(width) }.joined())
    for m in lags {
        out.append(format(times[m], 4).leftPadded(10) + results.map { "  " + format($0.msd[m]).leftPadded(width) }.joined())
    }
    return out.joined(separator: "\n")
}
