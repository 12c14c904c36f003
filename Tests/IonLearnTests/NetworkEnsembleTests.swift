import Foundation
import IonCore
import IonNumerics
import XCTest

@testable import IonLearn

/// The ensemble of Jones et al. 2022: split, folds × seeds, trained on group means only, must
/// recover a planted per-sample function, predict held-out groups, and be the same on any number
/// of threads and after save → load.
final class NetworkEnsembleTests: XCTestCase {
    func uniform(_ count: Int, _ random: inout SplitMix64, scale: Double = 1) -> [Double] {
        (0..<count).map { _ in (Double(random.next() >> 11) * 0x1p-53 * 2 - 1) * scale }
    }

    /// 40 groups of 30 samples around their own centres; each group's target is the mean of
    /// g(x) = x₁ − x₂² over its samples.
    func planted(groups: Int = 40, perGroup: Int = 30, seed: UInt64 = 5) throws -> GroupedDataset<Float> {
        var random = SplitMix64(seed: seed)
        var x: [Float] = [], ranges: [Range<Int>] = [], targets: [Double] = []
        for k in 0..<groups {
            let centre = uniform(2, &random, scale: 0.8)
            var sum = 0.0
            for _ in 0..<perGroup {
                let p = uniform(2, &random, scale: 0.6)
                let a = centre[0] + p[0], b = centre[1] + p[1]
                x += [Float(a), Float(b)]
                sum += a - b * b
            }
            ranges.append((k * perGroup)..<((k + 1) * perGroup))
            targets.append(sum / Double(perGroup))
        }
        return try GroupedDataset(
            x: x, width: 2, groups: ranges, targets: targets, variances: [Double](repeating: 0.01, count: groups))
    }

    var smallOptions: EnsembleOptions {
        EnsembleOptions(
            testFraction: 0.1, folds: 3, seedsPerFold: 2, hidden: [12, 12], activation: .tanh,
            training: TrainingOptions(epochs: 80, learningRate: 5e-3, batchGroups: 4, patience: 25, seed: 3))
    }

    func testSplitHoldsOutATenthAndFoldsTheRest() throws {
        let options = EnsembleOptions()
        let (test, folds) = try NetworkEnsemble<Float>.split(groups: 108, options: options)
        XCTAssertEqual(test.count, 11, "10 % of the paper's 108 systems")
        XCTAssertEqual(folds.count, 5)
        XCTAssertEqual(Set(test + folds.flatMap { $0 }), Set(0..<108), "every group once")
        XCTAssertEqual(test.count + folds.map(\.count).reduce(0, +), 108)
        XCTAssertTrue(folds.allSatisfy { (19...20).contains($0.count) })
        XCTAssertEqual(try NetworkEnsemble<Float>.split(groups: 9, options: options).test, [], "too few to hold out")
        XCTAssertThrowsError(try NetworkEnsemble<Float>.split(groups: 4, options: options))
    }

    func testRecoversThePlantedFunctionAndPredictsHeldOutGroups() throws {
        let data = try planted()
        let ensemble = try NetworkEnsemble<Float>.trained(on: data, options: smallOptions, threads: 2)
        XCTAssertEqual(ensemble.members.count, 6)
        XCTAssertEqual(ensemble.testGroups.count, 4)
        var random = SplitMix64(seed: 99)
        let fresh = uniform(2 * 400, &random, scale: 1.2)
        let (mean, spread) = ensemble.predict(fresh.map(Float.init), rows: 400)
        let truth = (0..<400).map { (i: Int) -> Double in
            let a = fresh[2 * i], b = fresh[2 * i + 1]
            return a - b * b
        }
        XCTAssertGreaterThan(pearson(mean, truth), 0.9, "the per-sample function, learnt from group means")
        XCTAssertTrue(spread.allSatisfy { $0 > 0 && $0.isFinite }, "members differ")
        let groups = ensemble.groupPredictions(data)
        let held = ensemble.testGroups
        let r2 = try XCTUnwrap(coefficientOfDetermination(held.map { data.targets[$0] }, held.map { groups.mean[$0] }))
        XCTAssertGreaterThan(r2, 0.9, "R² on the held-out groups")
    }

    func testSameMembersOnAnyThreadsAndAfterSaveAndLoad() throws {
        let data = try planted(groups: 20, perGroup: 10)
        var options = smallOptions
        options.training.epochs = 6
        let one = try NetworkEnsemble<Float>.trained(on: data, options: options, threads: 1)
        let two = try NetworkEnsemble<Float>.trained(on: data, options: options, threads: 2)
        XCTAssertEqual(one.members, two.members)
        XCTAssertNotEqual(one.members[0], one.members[1], "different seeds")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ens-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = EnsembleModel(
            one, columns: ["a", "b"], descriptor: nil, lengthUnit: "σ", target: "g", targetUnit: "1",
            groups: (0..<20).map { "g\($0)" })
        try model.save(path)
        XCTAssertThrowsError(try model.save(path), "no overwrite without force")
        let loaded = try EnsembleModel.load(path).ensemble(Float.self)
        XCTAssertEqual(loaded.members, one.members)
        let x: [Float] = [0.3, -0.2, 0.9, 0.1]
        XCTAssertEqual(loaded.predict(x, rows: 2).mean, one.predict(x, rows: 2).mean)
        var damaged = model
        damaged.members[1] = String(damaged.members[1].dropLast(8))
        XCTAssertThrowsError(try damaged.ensemble(Float.self)) { XCTAssertTrue("\($0)".contains("member 1"), "\($0)") }
        XCTAssertThrowsError(try model.ensemble(Double.self))
    }

    func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (p, q) in zip(a, b) { sab += (p - ma) * (q - mb); saa += (p - ma) * (p - ma); sbb += (q - mb) * (q - mb) }
        return sab / (saa * sbb).squareRoot()
    }
}
