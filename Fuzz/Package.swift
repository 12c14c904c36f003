// swift-tools-version: 6.0
// libFuzzer targets for every reader and parser, apart from the library:
//   cd Fuzz && swift build -c release --sanitize fuzzer --sanitize address \
//       -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp   (see README.md)
//   .build/release/fuzz-gro corpus/gro -max_len=65536 -rss_limit_mb=2048
// See README.md; `run.sh` runs a short smoke or a long campaign over every target.
import PackageDescription

/// One libFuzzer target: `fuzz-NAME`, whose entry point is in Sources/FuzzTargets/NAME.swift.
func fuzzTarget(_ name: String, _ modules: [String]) -> Target {
    .executableTarget(
        name: "fuzz-\(name)",
        dependencies: ["FuzzSupport"] + modules.map { .product(name: $0, package: "IonScope") },
        path: "Sources/FuzzTargets", sources: ["\(name).swift"],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])])
}

let readers = ["lammps-dump", "lammps-data", "gro", "pdb", "xyz", "xtc", "trr", "dcd", "gsd"]

let package = Package(
    name: "IonScopeFuzz",
    dependencies: [.package(name: "IonScope", path: "..")],
    targets: [
        .target(
            name: "FuzzSupport", dependencies: ["IonCore", "IonIO"].map { .product(name: $0, package: "IonScope") },
            path: "Sources/FuzzSupport")
    ] + readers.map { fuzzTarget($0, ["IonIO", "IonCore"]) } + [
        fuzzTarget("selection", ["IonCore"]),
        fuzzTarget("toml", ["IonJob"]),
        fuzzTarget("job", ["IonJob"]),
    ]
)
