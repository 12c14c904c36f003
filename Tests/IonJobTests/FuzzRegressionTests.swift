import Foundation
import IonCore
import IonIO
import XCTest

@testable import IonJob

/// Every input the fuzzers found that once crashed, hung or allocated without bound
/// (`Fuzz/regressions/TARGET/`) goes through the same code path as its fuzz target
/// (`Fuzz/Sources/FuzzSupport`) and must be answered: read, or refused with an error.
final class FuzzRegressionTests: XCTestCase {
    static let regressions = PluginRegistryTests.root.appendingPathComponent("Fuzz/regressions")
    static let extensions = [
        "lammps-dump": "lammpstrj", "gro": "gro", "pdb": "pdb", "xyz": "xyz", "xtc": "xtc", "trr": "trr",
        "dcd": "dcd", "gsd": "gsd", "lammps-data": "data",
    ]

    func inputs(_ target: String) throws -> [URL] {
        let folder = Self.regressions.appendingPathComponent(target)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    func testEveryFixedFindingIsAnswered() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-regressions-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var answered = 0
        for (target, format) in Self.extensions {
            for input in try inputs(target) {
                let path = scratch.appendingPathComponent("input.\(format)").path
                try FileManager.default.removeItemIfPresent(atPath: path)
                try FileManager.default.copyItem(atPath: input.path, toPath: path)
                Formats.readThrough(path)
                answered += 1
            }
        }
        for input in try inputs("selection") {
            let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
            _ = try? Selection(text)
            answered += 1
        }
        for input in try inputs("toml") + inputs("job") {
            let text = String(decoding: try Data(contentsOf: input), as: UTF8.self)
            _ = try? TOMLParser.parse(text)
            _ = try? JobConfig.parse(text, path: scratch.appendingPathComponent("job.toml").path)
            answered += 1
        }
        XCTAssertEqual(
            answered,
            try Self.extensions.keys.map { try inputs($0).count }.reduce(0, +)
                + inputs("selection").count + inputs("toml").count + inputs("job").count)
    }
}

extension FileManager {
    fileprivate func removeItemIfPresent(atPath path: String) throws {
        if fileExists(atPath: path) { try removeItem(atPath: path) }
    }
}
