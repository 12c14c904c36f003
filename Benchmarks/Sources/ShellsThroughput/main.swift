// Solvation shells and ion clusters over F frames of N uniform random points in a cubic
// periodic box (seeded), half of them type 1 ("cations", charge +1) and half type 2 ("anions",
// −1), every atom its own molecule.
//   shells:   ShellFinder, centres type 1, partners type 2 counted by atom, r ≤ --shell Å:
//             every centre's partner list per frame (ShellContacts rows). Checksum: pairs found.
//   clusters: ClusterAnalysis, cation–anion contacts by centre of mass within --cluster Å,
//             union–find per frame, fractions free / pairs / aggregates. Checksum: the cation
//             fractions averaged over frames.
// Shells are timed on one thread; clusters through the pass driver on 1 thread and on every core
// (per-frame shells on the driver's threads, added in order), the points already in Frames.
// Usage: shells-throughput [--atoms 40000] [--frames 100] [--density 0.05] [--shell 5]
//                          [--cluster 2.5] [--repeat 2] [--write FILE]
// --write stores the frames as float64 (F × N × 3) plus FILE.json, for scripts/freud_shells.py.
import BenchmarkSupport
import Foundation
import IonAnalysis
import IonCore
import IonNumerics

let arguments = BenchmarkArguments()
let atoms = Int(arguments.option("--atoms", "40000"))!
let frameCount = Int(arguments.option("--frames", "100"))!
let density = Double(arguments.option("--density", "0.05"))!
let shellCutoff = Double(arguments.option("--shell", "5"))!
let clusterCutoff = Double(arguments.option("--cluster", "2.5"))!
let repeats = Int(arguments.option("--repeat", "2"))!
let side = pow(Double(atoms) / density, 1.0 / 3)
let box = Box(lx: side, ly: side, lz: side)!
let half = atoms / 2

var random = SplitMix64(seed: 4242)
let frames = (0..<frameCount).map { f in
    Frame(positions: uniformPoints(atoms, side: side, using: &random), box: box, step: f, time: Double(f))
}
if let path = arguments.option("--write") {
    try writeFrames(
        frames.map(\.positions),
        meta:
            "{\"atoms\": \(atoms), \"frames\": \(frameCount), \"side\": \(side), \"shell\": \(shellCutoff), \"cluster\": \(clusterCutoff)}",
        to: path)
}

var topology = Topology(atomCount: atoms)
topology.types = (0..<atoms).map { $0 < half ? "1" : "2" }
topology.masses = [Double](repeating: 1, count: atoms)
topology.charges = (0..<atoms).map { $0 < half ? 1 : -1 }
topology.given = [.types, .masses, .charges]
let context = AnalysisContext(topology: topology, units: .real)

print(
    String(
        format: "%d atoms (%d centres, %d partners) × %d frames, box %.2f Å, density %.3f Å⁻³",
        atoms, half, atoms - half, frameCount, side, density))
let clock = ContinuousClock()
for run in 1...repeats {
    var pairs = 0, idSum = 0
    let elapsed = try clock.measure {
        var finder = try ShellFinder(
            definition: ShellDefinition(centres: "type 1", partners: "type 2", cutoff: shellCutoff, counting: .atoms),
            context: context)
        var contacts = ShellContacts()
        for frame in frames {
            try finder.find(in: frame, into: &contacts)
            pairs += contacts.partners.count
            for id in contacts.partners { idSum += Int(id) }
            blackHole(contacts)
        }
    }
    print(
        String(
            format:
                "shells run %d: ShellFinder r ≤ %.2f Å, 1 thread: %.3f s (%.1f frames/s); pairs %ld (%.3f per centre), Σ partner ids %ld",
            run, shellCutoff, seconds(elapsed), Double(frameCount) / seconds(elapsed), pairs,
            Double(pairs) / Double(half * frameCount), idSum))
}
let cores = ProcessInfo.processInfo.activeProcessorCount
for run in 1...repeats {
    for threads in Set([1, cores]).sorted() {
        var result: ClusterResult?
        let elapsed = try clock.measure {
            let analysis = try ClusterAnalysis(
                cations: [.init(name: "C", selection: "type 1")], anions: [.init(name: "A", selection: "type 2")],
                rules: [ContactRule(cation: "C", anion: "A", cutoff: clusterCutoff)])
            result = try AnalysisPass.run(analysis, topology: topology, units: .real, frames: frames, threads: threads)
        }
        blackHole(result)
        let f = result!.fractions[0]
        print(
            String(
                format:
                    "clusters run %d: ClusterAnalysis r ≤ %.2f Å through the pass driver, %d thread(s): %.3f s (%.1f frames/s); cation fractions free %.6f pairs %.6f aggregates %.6f",
                run, clusterCutoff, threads, seconds(elapsed), Double(frameCount) / seconds(elapsed), f.free, f.pairs,
                f.aggregates))
    }
}
