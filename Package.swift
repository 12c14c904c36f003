// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "IonScope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ionscope", targets: ["ionscope"]),
        .library(name: "IonCore", targets: ["IonCore"]),
        .library(name: "IonIO", targets: ["IonIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "IonCore"),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(name: "IonIO", dependencies: ["IonCore", "CZlib"]),
        .executableTarget(
            name: "ionscope",
            dependencies: [
                "IonCore", "IonIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("DemoData")]),
        .target(name: "IonTestSupport", dependencies: ["IonCore"], path: "Tests/IonTestSupport"),
        .testTarget(name: "IonCoreTests", dependencies: ["IonCore", "IonTestSupport"]),
        .testTarget(
            name: "IonIOTests", dependencies: ["IonIO", "IonCore", "IonTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["ionscope"]),
    ]
)
