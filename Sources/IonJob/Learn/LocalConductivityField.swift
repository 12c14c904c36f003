import Foundation
import IonAnalysis
import IonCore
import IonLearn
import IonNumerics

/// The positions of chosen atoms and the cell at every `every`-th frame (the snapshots whose
/// environments a descriptor keeps), for fields that need where the particles were.
public struct SnapshotPositions: FrameAnalysis {
    public let selection: Selection
    public let every: Int
    private var atoms: [Int] = []
    private var snapshots: [(positions: [Vec3], box: Box)] = []

    public init(selection: Selection, every: Int) { self.selection = selection; self.every = every }

    public mutating func prepare(_ context: AnalysisContext) throws {
        atoms = try selection.atomIndices(in: context.topology)
        snapshots = []
    }

    public mutating func accumulate(_ view: FrameView) throws {
        guard view.index % every == 0 else { return }
        guard let box = view.frame.box else {
            throw InputError("frame \(view.index) has no periodic cell; the local conductivity needs one")
        }
        snapshots.append((atoms.map { view.frame.positions[$0] }, box))
    }

    public mutating func finish(_ pass: PassRecord) throws -> [(positions: [Vec3], box: Box)] { snapshots }
}

/// The predicted local molar conductivity field k_i(t) of one system and what Jones et al. 2022
/// (doi:10.48550/arXiv.2208.03182) read from it: Λ = ⟨k⟩ with the ensemble's spread, Λ₊ and Λ₋
/// (eq. 9), the distribution (histogram, skewness, bimodality coefficient, the fraction below
/// zero), that fraction for ions with and without an unlike ion within the first shell (Fig. 4),
/// and the spatial correlation of k between like and unlike ions (eq. 3, Fig. 6).
public struct LocalConductivityField: Codable, Sendable {
    public var unit: String
    public var lengthUnit: String
    public var members: Int
    public var snapshots: Int
    public var cations: Int, anions: Int
    public var molarConductivity: Estimate
    public var cationConductivity: Estimate
    public var anionConductivity: Estimate
    /// Λ from the trajectory's own Onsager analysis (valences ±1), when a temperature was given.
    public var measured: Estimate?
    public var mean: Double
    public var standardDeviation: Double
    public var skewness: Double
    /// Sarle's bimodality coefficient b = (γ² + 1)/(κ + 3(n − 1)²/((n − 2)(n − 3))), γ the
    /// skewness and κ the excess kurtosis; above 5/9 ≈ 0.556 (the uniform distribution's) the
    /// distribution may be bimodal.
    public var bimodality: Double
    public var negativeFraction: Double
    /// Ions with an unlike ion within `shell`, and the fraction of them (and of the others) with k < 0.
    public var shell: Double
    public var paired: Int, unpaired: Int
    public var negativePaired: Double?
    public var negativeUnpaired: Double?
    /// Histogram of k: bin edges and the counts of paired and unpaired ions.
    public var edges: [Double]
    public var pairedCounts: [Int]
    public var unpairedCounts: [Int]
    /// C(r) of k: cation–cation, cation–anion, anion–anion.
    public var correlation: [SpatialCorrelation.Curve]
    public var warnings: [String]

    /// The field from the members' outputs for every ion of every snapshot (member-major,
    /// snapshot-major, ions in `isCation` order), and the snapshots' ion positions.
    public init(
        outputs: [[Double]], isCation: [Bool], snapshots: [(positions: [Vec3], box: Box)], shell: Double,
        correlationWidth: Double, unit: String, lengthUnit: String, measured: Estimate?
    ) throws {
        let ions = isCation.count
        guard ions > 0, !snapshots.isEmpty, outputs.allSatisfy({ $0.count == ions * snapshots.count }) else {
            throw InputError("the predictions do not cover every ion of every snapshot")
        }
        self.unit = unit; self.lengthUnit = lengthUnit; self.members = outputs.count
        self.snapshots = snapshots.count; self.shell = shell; self.measured = measured
        cations = isCation.filter { $0 }.count; anions = ions - cations
        let rows = ions * snapshots.count
        func perMember(_ keep: (Int) -> Bool) -> Estimate {
            let means = outputs.map { out -> Double in
                var sum = 0.0, n = 0
                for row in 0..<rows where keep(row % ions) { sum += out[row]; n += 1 }
                return n > 0 ? sum / Double(n) : .nan
            }
            let (m, s) = NetworkEnsemble<Float>.meanAndSpread(means.map { [$0] })
            return Estimate(m[0], outputs.count > 1 ? s[0] : nil)
        }
        molarConductivity = perMember { _ in true }
        cationConductivity = perMember { isCation[$0] }
        anionConductivity = perMember { !isCation[$0] }
        let k = NetworkEnsemble<Float>.meanAndSpread(outputs).mean
        let n = Double(k.count)
        mean = k.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for x in k {
            let d = x - mean
            m2 += d * d; m3 += d * d * d; m4 += d * d * d * d
        }
        m2 /= n; m3 /= n; m4 /= n
        standardDeviation = (m2 * n / max(1, n - 1)).squareRoot()
        skewness = m2 > 0 ? m3 / pow(m2, 1.5) : 0
        let excess = m2 > 0 ? m4 / (m2 * m2) - 3 : 0
        bimodality =
            k.count > 3 ? (skewness * skewness + 1) / (excess + 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3))) : 0
        negativeFraction = Double(k.filter { $0 < 0 }.count) / n
        // Whether each ion of each snapshot has an unlike ion within the shell.
        var hasUnlike = [Bool](repeating: false, count: rows)
        for (t, snapshot) in snapshots.enumerated() {
            let cutoff2 = shell * shell
            for i in 0..<ions {
                for j in 0..<ions where isCation[i] != isCation[j] {
                    let d = snapshot.box.minimumImage(snapshot.positions[j] - snapshot.positions[i])
                    if d.squaredLength < cutoff2 { hasUnlike[t * ions + i] = true; break }
                }
            }
        }
        let pairedRows = (0..<rows).filter { hasUnlike[$0] }, unpairedRows = (0..<rows).filter { !hasUnlike[$0] }
        paired = pairedRows.count; unpaired = unpairedRows.count
        negativePaired = paired > 0 ? Double(pairedRows.filter { k[$0] < 0 }.count) / Double(paired) : nil
        negativeUnpaired = unpaired > 0 ? Double(unpairedRows.filter { k[$0] < 0 }.count) / Double(unpaired) : nil
        let (low, high) = (k.min()!, k.max()!)
        let bins = 60
        let width = high > low ? (high - low) / Double(bins) : 1
        edges = (0...bins).map { low + Double($0) * width }
        func counts(_ chosen: [Int]) -> [Int] {
            var c = [Int](repeating: 0, count: bins)
            for row in chosen { c[min(bins - 1, Int((k[row] - low) / width))] += 1 }
            return c
        }
        pairedCounts = counts(pairedRows); unpairedCounts = counts(unpairedRows)
        var warnings: [String] = []
        let half = snapshots.map { s in
            let w = s.box.perpendicularWidths
            return min(w.x, w.y, w.z) / 2
        }.min()!
        let rMax = (min(half, 30 * correlationWidth) * 1e4).rounded(.down) / 1e4
        do {
            correlation = try SpatialCorrelation.compute(
                snapshots.enumerated().map { t, s in
                    SpatialCorrelation.Snapshot(
                        positions: s.positions, box: s.box, field: Array(k[(t * ions)..<((t + 1) * ions)]),
                        species: isCation.map { $0 ? 0 : 1 })
                }, rMax: rMax, width: correlationWidth, blocks: min(5, max(2, snapshots.count / 2)))
        } catch let error as InputError {
            correlation = []
            warnings.append("no spatial correlation of k: \(error.message)")
        }
        if snapshots.count < 4 {
            warnings.append("only \(snapshots.count) snapshots: the field's statistics rest on few configurations")
        }
        self.warnings = warnings
    }
}
