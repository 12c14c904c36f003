import IonCore
import IonNumerics

/// Mean squared displacement of a group of atoms, or of the centres of mass of the molecules
/// they belong to, over all time origins. Lengths in Å, times in ps (σ and τ for LAMMPS `lj`).
public struct MSDResult: Codable, Sendable {
    /// The selection the group came from.
    public var selection: String
    /// "atoms" or "molecules" (centres of mass of the selected atoms of each molecule).
    public var particles: String
    public var particleCount: Int
    /// How drift was treated (``DriftPolicy/description``).
    public var drift: String
    /// Lag in frames: every lag 0…T−1, or a logarithmic subset (``thinned(perDecade:)``).
    public var lags: [Int]
    /// Lag in ps, when frame times are known.
    public var times: [Double]?
    /// ⟨|r(t₀+t) − r(t₀)|²⟩ over particles and origins, Å².
    public var msd: [Double]
    /// Components ⟨Δx²⟩, ⟨Δy²⟩, ⟨Δz²⟩, Å².
    public var msdX: [Double]
    public var msdY: [Double]
    public var msdZ: [Double]
    /// Lags (frames) at which the non-Gaussian parameter was computed, logarithmically spaced.
    public var nonGaussianLags: [Int]
    /// α₂(t) = 3⟨Δr⁴⟩ / (5⟨Δr²⟩²) − 1 at ``nonGaussianLags`` (0 for Gaussian displacements).
    public var nonGaussian: [Double]
    /// Self-diffusion from the Einstein relation, when requested and frame times are known.
    public var diffusion: SelfDiffusionResult?
    /// Problems worth knowing (frames too far apart to unwrap reliably, a truncated file).
    public var warnings: [String]

    /// The same result at about `perDecade` logarithmically spaced lags per decade (lag 0 kept).
    public func thinned(perDecade: Int) -> MSDResult {
        guard let last = lags.last, last > 1 else { return self }
        let keep = [0] + logarithmicLags(maxLag: last, perDecade: perDecade)
        let index = Dictionary(uniqueKeysWithValues: lags.enumerated().map { ($1, $0) })
        let rows = keep.compactMap { index[$0] }
        var copy = self
        copy.lags = rows.map { lags[$0] }
        copy.times = times.map { t in rows.map { t[$0] } }
        copy.msd = rows.map { msd[$0] }
        copy.msdX = rows.map { msdX[$0] }; copy.msdY = rows.map { msdY[$0] }; copy.msdZ = rows.map { msdZ[$0] }
        return copy
    }
}

/// How to treat collective drift before displacements are measured. The reference's centre of
/// mass (mass-weighted, from unwrapped positions) is tracked from the first frame and its
/// displacement subtracted from every particle in every frame.
public enum DriftPolicy: Sendable, Equatable, CustomStringConvertible {
    /// Subtract the displacement of the centre of mass of all atoms (the default: thermostats and
    /// barostats can let the whole system drift).
    case removeSystemCenterOfMass
    /// Subtract the displacement of the centre of mass of a framework (e.g. a solid host or an
    /// electrode), so motion is measured relative to it.
    case removeCenterOfMass(of: Selection)
    /// Use displacements as they are.
    case keep

    public var description: String {
        switch self {
        case .removeSystemCenterOfMass: "system centre of mass removed"
        case .removeCenterOfMass(let framework): "centre of mass of '\(framework.text)' removed"
        case .keep: "none removed"
        }
    }
}

/// Continuous (unwrapped, drift-corrected) positions of P particles over T frames.
public struct ParticleSeries: Sendable {
    /// Positions, Å, frame-major: `positions[t * particleCount + p]`.
    public var positions: [Vec3]
    public var particleCount: Int
    public var frameCount: Int
    /// Frame times, ps, when known.
    public var times: [Double]?
    /// Mean cell volume, Å³, when the frames have a cell.
    public var meanVolume: Double?
    /// Whether the mean cell was orthorhombic with equal edges.
    public var isCubic: Bool
    public var warnings: [String]

    public init(
        positions: [Vec3], particleCount: Int, frameCount: Int, times: [Double]?,
        meanVolume: Double? = nil, isCubic: Bool = true, warnings: [String] = []
    ) {
        precondition(positions.count == particleCount * frameCount)
        self.positions = positions; self.particleCount = particleCount; self.frameCount = frameCount
        self.times = times; self.meanVolume = meanVolume; self.isCubic = isCubic; self.warnings = warnings
    }

    /// Frames `range` of the series.
    public func segment(_ range: Range<Int>) -> ParticleSeries {
        ParticleSeries(
            positions: Array(positions[range.lowerBound * particleCount..<range.upperBound * particleCount]),
            particleCount: particleCount, frameCount: range.count,
            times: times.map { Array($0[range]) }, meanVolume: meanVolume, isCubic: isCubic)
    }
}

public enum MeanSquaredDisplacement {
    /// Computes the MSD of `selection` over the frames of `trajectory`; see ``collect(_:selection:byMolecule:drift:)``
    /// and ``compute(_:selection:particles:drift:)``.
    public static func compute(
        _ trajectory: some FrameSource, selection: Selection, byMolecule: Bool,
        drift: DriftPolicy = .removeSystemCenterOfMass
    ) throws -> MSDResult {
        let series = try collect(trajectory, selection: selection, byMolecule: byMolecule, drift: drift)
        return compute(
            series, selection: selection.text, particles: byMolecule ? "molecules" : "atoms",
            drift: drift.description)
    }

    /// Reads the continuous positions of the particles of `selection` in one pass
    /// (``ParticleSeriesCollector``). Memory: 24 bytes × particles × frames.
    public static func collect(
        _ trajectory: some FrameSource, selection: Selection, byMolecule: Bool,
        drift: DriftPolicy = .removeSystemCenterOfMass
    ) throws -> ParticleSeries {
        try AnalysisPass.run(
            trajectory, ParticleSeriesCollector(selection: selection, byMolecule: byMolecule, drift: drift))
    }

    /// The MSD of `series` at every lag 0…T−1, per component, and α₂ at logarithmic lags.
    /// - Complexity: O(P · T log T) for the MSD; O(P · T · L) for α₂ at L ≈ 10 lags per decade
    ///   (direct sums over all origins: ⟨Δr⁴⟩ has no cheap FFT form across components).
    public static func compute(_ series: ParticleSeries, selection: String, particles: String, drift: String)
        -> MSDResult
    {
        let frames = series.frameCount
        let components = msdComponents(series.positions, particles: series.particleCount, frames: frames)
        let p = Double(series.particleCount)
        let alphaLags = logarithmicLags(maxLag: frames - 1, perDecade: 10)
        return MSDResult(
            selection: selection, particles: particles, particleCount: series.particleCount,
            drift: drift, lags: Array(0..<frames),
            times: series.times,
            msd: (0..<frames).map { (components[0][$0] + components[1][$0] + components[2][$0]) / p },
            msdX: components[0].map { $0 / p }, msdY: components[1].map { $0 / p }, msdZ: components[2].map { $0 / p },
            nonGaussianLags: alphaLags, nonGaussian: nonGaussianParameter(series, lags: alphaLags),
            diffusion: nil, warnings: series.warnings)
    }

    /// α₂(m) = 3⟨Δr⁴⟩ / (5⟨Δr²⟩²) − 1 over all origins and particles, at each lag in `lags`
    /// (Rahman, Phys. Rev. 136, A405 (1964), doi:10.1103/PhysRev.136.A405). Zero for Gaussian
    /// displacements in 3D.
    /// - Complexity: O(P · T) per lag.
    public static func nonGaussianParameter(_ series: ParticleSeries, lags: [Int]) -> [Double] {
        let p = series.particleCount, frames = series.frameCount
        return series.positions.withUnsafeBufferPointer { r in
            lags.map { m in
                guard m > 0, m < frames else { return 0 }
                var second = 0.0, fourth = 0.0
                for t in 0..<(frames - m) {
                    let a = t * p, b = (t + m) * p
                    for i in 0..<p {
                        let d = r[b + i] - r[a + i]
                        let d2 = d.dot(d)
                        second += d2; fourth += d2 * d2
                    }
                }
                let count = Double((frames - m) * p)
                second /= count; fourth /= count
                return second > 0 ? 3 * fourth / (5 * second * second) - 1 : 0
            }
        }
    }

    /// Per-component MSD sums over particles, by FFT, two particles per complex transform.
    public static func msdComponents(_ series: [Vec3], particles: Int, frames: Int) -> [[Double]] {
        (0..<3).map { axis in
            var accumulator = MSDAccumulator(length: frames)
            var a = [Double](repeating: 0, count: frames), b = a
            var p = 0
            while p < particles {
                for t in 0..<frames { a[t] = series[t * particles + p][axis] }
                if p + 1 < particles {
                    for t in 0..<frames { b[t] = series[t * particles + p + 1][axis] }
                    accumulator.add(a, b)
                } else {
                    accumulator.add(a)
                }
                p += 2
            }
            return accumulator.result()
        }
    }
}
