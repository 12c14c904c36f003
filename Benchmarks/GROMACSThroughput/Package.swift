// swift-tools-version: 6.0
// Throughput of IonScope's trajectory readers on a large file, apart from the library:
//   swift run -c release xtc-throughput /path/to/big.xtc [repeats]
import PackageDescription

let package = Package(
    name: "GROMACSThroughput",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "IonScope", path: "../..")],
    targets: [
        .executableTarget(name: "xtc-throughput", dependencies: [.product(name: "IonIO", package: "IonScope"),
                                                                 .product(name: "IonCore", package: "IonScope")]),
    ]
)
