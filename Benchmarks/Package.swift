// swift-tools-version: 6.0
// Benchmarks live apart from the library: `cd Benchmarks && swift run -c release read-throughput FILE…`.
import PackageDescription

let package = Package(
    name: "IonScopeBenchmarks",
    dependencies: [.package(name: "IonScope", path: "..")],
    targets: [
        .executableTarget(
            name: "read-throughput",
            dependencies: [.product(name: "IonIO", package: "IonScope"), .product(name: "IonCore", package: "IonScope")],
            path: "Sources/ReadThroughput"),
        .executableTarget(
            name: "frames-json",
            dependencies: [.product(name: "IonIO", package: "IonScope"), .product(name: "IonCore", package: "IonScope")],
            path: "Sources/FramesJSON"),
        .executableTarget(
            name: "msd-throughput",
            dependencies: [.product(name: "IonNumerics", package: "IonScope")],
            path: "Sources/MSDThroughput"),
        .executableTarget(
            name: "rdf-throughput",
            dependencies: [.product(name: "IonAnalysis", package: "IonScope"), .product(name: "IonCore", package: "IonScope")],
            path: "Sources/RDFThroughput"),
    ]
)
