// swift-tools-version: 6.0
// Benchmarks live apart from the library: `cd Benchmarks && swift run -c release read-throughput FILE…`.
import PackageDescription

/// An executable benchmark in Sources/`folder` using the IonScope libraries `modules` and the
/// shared BenchmarkSupport target.
func benchmark(_ name: String, _ folder: String, _ modules: [String]) -> Target {
    .executableTarget(
        name: name, dependencies: ["BenchmarkSupport"] + modules.map { .product(name: $0, package: "IonScope") },
        path: "Sources/\(folder)")
}

let package = Package(
    name: "IonScopeBenchmarks",
    dependencies: [.package(name: "IonScope", path: "..")],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: ["IonCore", "IonNumerics"].map { .product(name: $0, package: "IonScope") },
            path: "Sources/BenchmarkSupport"),
        benchmark("read-throughput", "ReadThroughput", ["IonIO", "IonCore"]),
        benchmark("frames-json", "FramesJSON", ["IonIO", "IonCore"]),
        benchmark("msd-throughput", "MSDThroughput", ["IonNumerics"]),
        benchmark("rdf-throughput", "RDFThroughput", ["IonAnalysis", "IonCore", "IonNumerics"]),
        benchmark("onsager-throughput", "OnsagerThroughput", ["IonAnalysis", "IonCore", "IonNumerics"]),
        benchmark("acf-throughput", "ACFThroughput", ["IonNumerics"]),
        benchmark("shells-throughput", "ShellsThroughput", ["IonAnalysis", "IonCore", "IonNumerics"]),
        benchmark("kinetics-throughput", "KineticsThroughput", ["IonAnalysis", "IonNumerics"]),
        benchmark("classifier-fits", "ClassifierFits", ["IonLearn", "IonCore", "IonNumerics"]),
        benchmark("network-training", "NetworkTraining", ["IonLearn", "IonNumerics"]),
        benchmark("graph-training", "GraphTraining", ["IonLearn", "IonCore", "IonNumerics"]),
    ]
)
