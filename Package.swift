// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "IonScope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ionscope", targets: ["ionscope"]),
        .library(name: "IonCore", targets: ["IonCore"]),
        .library(name: "IonIO", targets: ["IonIO"]),
        .library(name: "IonNumerics", targets: ["IonNumerics"]),
        .library(name: "IonAnalysis", targets: ["IonAnalysis"]),
        .library(name: "IonLearn", targets: ["IonLearn"]),
        .library(name: "IonReport", targets: ["IonReport"]),
        .library(name: "IonJob", targets: ["IonJob"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .target(name: "IonCore"),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(name: "IonIO", dependencies: ["IonCore", "CZlib"]),
        .target(name: "IonNumerics"),
        .target(name: "IonAnalysis", dependencies: ["IonCore", "IonNumerics"]),
        .target(name: "CDenseKernels"),
        .target(name: "IonLearn", dependencies: ["IonCore", "IonNumerics", "IonAnalysis", "CDenseKernels"]),
        .target(name: "IonReport", dependencies: ["IonCore"]),
        .target(
            name: "IonJob", dependencies: ["IonCore", "IonIO", "IonNumerics", "IonAnalysis", "IonLearn", "IonReport"],
            resources: [.copy("Models")]),
        .executableTarget(
            name: "ionscope",
            dependencies: [
                "IonCore", "IonIO", "IonAnalysis", "IonReport", "IonJob",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("DemoData")]),
        .target(name: "IonTestSupport", dependencies: ["IonCore", "IonNumerics"], path: "Tests/IonTestSupport"),
        .testTarget(name: "IonCoreTests", dependencies: ["IonCore", "IonTestSupport"]),
        .testTarget(
            name: "IonIOTests", dependencies: ["IonIO", "IonCore", "IonTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "IonNumericsTests", dependencies: ["IonNumerics", "IonTestSupport"]),
        .testTarget(name: "IonAnalysisTests", dependencies: ["IonAnalysis", "IonIO", "IonCore", "IonTestSupport"]),
        .testTarget(
            name: "IonLearnTests", dependencies: ["IonLearn", "IonAnalysis", "IonIO", "IonCore", "IonTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "IonJobTests", dependencies: ["IonJob", "IonReport", "IonAnalysis", "IonCore", "IonIO", "IonLearn"]),
        .testTarget(name: "CLITests", dependencies: ["ionscope", "IonJob"]),
    ]
)
