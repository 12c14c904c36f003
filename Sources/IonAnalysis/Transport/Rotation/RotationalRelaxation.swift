import Foundation
import IonCore
import IonNumerics

/// Rotational relaxation of a molecular axis: the unit vector u from atom A to atom B of each
/// molecule (one of each per molecule; the minimum image, so molecules may straddle the cell),
/// its Legendre autocorrelations over all time origins,
///
///     P₁(t) = ⟨u(0)·u(t)⟩,   P₂(t) = ⟨(3 (u(0)·u(t))² − 1)/2⟩
///
/// (P₂ by FFT from the six products u_a u_b, ⟨(u·u')²⟩ = Σ_ab ⟨u_a u_b u'_a u'_b⟩), and the
/// relaxation time τᵣ = ∫₀^∞ P_l dt from fitted functions: a stretched exponential (KWW)
/// exp(−(t/τ)^β), τᵣ = τ Γ(1/β)/β, and a single exponential, τᵣ = τ (τᵣ as in
/// Shayestehpour & Zahn 2024, doi:10.1063/5.0232631; Williams & Watts, Trans. Faraday Soc. 66,
/// 80 (1970), doi:10.1039/TF9706600080). Fits use
/// ``fitStretchedExponential(t:c:betaRange:)`` and ``fitSingleExponential(t:c:)`` over the lags
/// until P_l first drops below 0.05 (within the window).
/// For isotropic rotational diffusion P_l = exp(−l(l+1) D_r t). Times in ps (τ for `lj`).
/// - Complexity: O(molecules) per frame; O(M · T log T) at the end. Memory: 24 bytes × molecules × frames.
public struct RotationalRelaxation: FrameAnalysis {
    public var tail: Selection
    public var head: Selection
    /// Longest lag, ps; nil for half the run.
    public var window: Double?
    private var pairs: [(Int, Int)] = []
    private var vectors: [Vec3] = []
    private var times: [Double] = []
    private var units = UnitSystem.real

    public init(tail: Selection, head: Selection, window: Double? = nil) {
        self.tail = tail; self.head = head; self.window = window
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        units = context.units
        let moleculeOf = context.molecules.moleculeOfAtom
        func byMolecule(_ selection: Selection) throws -> [Int32: Int] {
            var map: [Int32: Int] = [:]
            for a in try selection.atomIndices(in: context.topology) {
                guard map.updateValue(a, forKey: moleculeOf[a]) == nil else {
                    throw InputError(
                        "'\(selection.text)' matches more than one atom in molecule \(moleculeOf[a] + 1); the axis needs one atom A and one atom B per molecule"
                    )
                }
            }
            return map
        }
        let a = try byMolecule(tail), b = try byMolecule(head)
        guard !a.isEmpty else { throw InputError("'\(tail.text)' matches no atoms") }
        pairs = try a.keys.sorted().map { m in
            guard let j = b[m] else {
                throw InputError("molecule \(m + 1) has an atom of '\(tail.text)' but none of '\(head.text)'")
            }
            guard j != a[m]! else { throw InputError("atoms A and B of molecule \(m + 1) are the same atom") }
            return (a[m]!, j)
        }
    }

    public mutating func accumulate(_ view: FrameView) throws {
        let (frame, index) = (view.frame, view.index)
        guard let time = frame.time else { throw InputError("frame \(index) has no time; give --timestep or --dt") }
        for (i, j) in pairs {
            let d =
                frame.box.map { $0.minimumImage(frame.positions[j] - frame.positions[i]) }
                ?? (frame.positions[j] - frame.positions[i])
            let length = d.length
            guard length > 0 else { throw InputError("atoms \(i) and \(j) coincide at frame \(index): no axis") }
            vectors.append(d / length)
        }
        times.append(time)
    }

    public mutating func finish(_ pass: PassRecord) throws -> RotationResult {
        let frames = times.count
        let dt = try pass.timing.evenInterval(for: "rotational relaxation", minimumFrames: 4)
        let lags = min(frames, window.map { Int(($0 / dt + 1e-9).rounded(.down)) + 1 } ?? frames / 2)
        let m = pairs.count
        var first = CorrelationAccumulator(length: frames), second = CorrelationAccumulator(length: frames)
        var series = [[Double]](repeating: [Double](repeating: 0, count: frames), count: 9)
        for p in 0..<m {
            for t in 0..<frames {
                let u = vectors[t * m + p]
                series[0][t] = u.x; series[1][t] = u.y; series[2][t] = u.z
                series[3][t] = u.x * u.x; series[4][t] = u.y * u.y; series[5][t] = u.z * u.z
                series[6][t] = 2.0.squareRoot() * u.x * u.y; series[7][t] = 2.0.squareRoot() * u.x * u.z
                series[8][t] = 2.0.squareRoot() * u.y * u.z
            }
            first.add(series[0], series[1]); first.add(series[2])
            second.add(series[3], series[4]); second.add(series[5], series[6]); second.add(series[7], series[8])
        }
        let p1 = first.result().prefix(lags).map { $0 / Double(m) }
        let p2 = second.result().prefix(lags).map { 1.5 * $0 / Double(m) - 0.5 }
        let t = (0..<lags).map { Double($0) * dt }
        return RotationResult(
            tail: tail.text, head: head.text, molecules: m, frames: frames, frameInterval: dt, times: t,
            p1: p1, p2: p2, p1Fit: RelaxationFits(p1, times: t), p2Fit: RelaxationFits(p2, times: t),
            timeUnit: units.timeUnit, warnings: pass.warnings)
    }
}
