import IonCore
import IonNumerics

/// Lags fitted for a slope, ps.
struct FitWindow {
    var start: Double
    var end: Double

    /// Least-squares slope of `curve` (sampled every `dt` ps from lag 0) over the window, per ps.
    func slope(_ curve: [Double], dt: Double) throws -> Double {
        let first = Int((start / dt - 1e-9).rounded(.up)),
            last = min(curve.count - 1, Int((end / dt + 1e-9).rounded(.down)))
        guard last - first >= 1 else {
            throw InputError(
                "the fit window [\(start), \(end)] ps holds fewer than 2 lags of \(dt) ps in a run or block of \(curve.count) frames"
            )
        }
        let lags = Array(first...last)
        return LinearFit(x: lags.map { Double($0) * dt }, y: lags.map { curve[$0] })!.slope
    }
}

/// Collective and self displacement curves of one stretch of frames, Å².
struct Curves {
    var dt: Double
    /// ⟨Σ_α Δr_α(t) · Σ_β Δr_β(t)⟩ for species i, j.
    var collective: [[[Double]]]
    /// Σ_α ⟨Δr_α(t)²⟩ for species i.
    var selfParts: [[Double]]

    init(_ series: OnsagerSeries, frames: Range<Int>) {
        dt = series.frameInterval
        let length = frames.count
        var sums: [[[Double]]] = []
        selfParts = []
        for item in series.species {
            let p = item.particleCount
            var collective = [[Double]](repeating: [Double](repeating: 0, count: length), count: 3)
            var accumulator = MSDAccumulator(length: length)
            var a = [Double](repeating: 0, count: length), b = a
            for axis in 0..<3 {
                for (t, frame) in frames.enumerated() {
                    var sum = 0.0
                    for q in 0..<p { sum += item.positions[frame * p + q][axis] }
                    collective[axis][t] = sum
                }
                var q = 0
                while q < p {
                    for (t, frame) in frames.enumerated() { a[t] = item.positions[frame * p + q][axis] }
                    if q + 1 < p {
                        for (t, frame) in frames.enumerated() { b[t] = item.positions[frame * p + q + 1][axis] }
                        accumulator.add(a, b)
                    } else {
                        accumulator.add(a)
                    }
                    q += 2
                }
            }
            sums.append(collective)
            selfParts.append(accumulator.result())
        }
        collective = crossMeanSquaredDisplacements(sums)
    }

    /// The mean of curves of equal length (else the first), thinned to at most ~400 lags up to
    /// half the run, with their times in ps.
    static func mean(_ curves: [Curves]) -> (times: [Double], collective: [[[Double]]], selfParts: [[Double]]) {
        guard let first = curves.first, let length = first.selfParts.first?.count else { return ([], [], []) }
        let used = curves.allSatisfy({ $0.selfParts.first?.count == length }) ? curves : [first]
        let half = max(1, length / 2)
        let step = max(1, half / 400)
        let lags = Array(stride(from: 0, through: half, by: step))
        let n = Double(used.count)
        let s = first.selfParts.count
        let collective = (0..<s).map { i in
            (0..<s).map { j in lags.map { m in used.reduce(0) { $0 + $1.collective[i][j][m] } / n } }
        }
        let selfParts = (0..<s).map { i in lags.map { m in used.reduce(0) { $0 + $1.selfParts[i][m] } / n } }
        return (lags.map { Double($0) * first.dt }, collective, selfParts)
    }
}

/// The fitted primary quantities of one sample (a run or a block), SI.
struct Sample {
    /// L^ij, mol²/(J·m·s).
    var coefficients: [[Double]]
    /// L_self^ii, mol²/(J·m·s).
    var selfCoefficients: [Double]
    /// D_i, m²/s.
    var diffusion: [Double]

    init(coefficients: [[Double]], selfCoefficients: [Double], diffusion: [Double]) {
        self.coefficients = coefficients; self.selfCoefficients = selfCoefficients; self.diffusion = diffusion
    }

    init(_ curves: Curves, window: FitWindow, series: OnsagerSeries, temperature: Double) throws {
        func molar(_ slope: Double) -> Double {
            TransportUnits.molarCoefficient(
                particleCoefficient:
                    TransportUnits.particleCoefficient(slope: slope, temperature: temperature, volume: series.volume))
        }
        coefficients = try curves.collective.map { row in try row.map { molar(try window.slope($0, dt: curves.dt)) } }
        let selfSlopes = try curves.selfParts.map { try window.slope($0, dt: curves.dt) }
        selfCoefficients = selfSlopes.map(molar)
        diffusion = zip(selfSlopes, series.species).map {
            $0 / (6 * Double($1.particleCount)) * TransportUnits.squareAngstromPerPicosecond
        }
    }

    static func mean(_ samples: [Sample]) -> Sample {
        let n = Double(samples.count)
        let first = samples[0]
        return Sample(
            coefficients: first.coefficients.indices.map { i in
                first.coefficients[i].indices.map { j in samples.reduce(0) { $0 + $1.coefficients[i][j] } / n }
            },
            selfCoefficients: first.selfCoefficients.indices.map { i in
                samples.reduce(0) { $0 + $1.selfCoefficients[i] } / n
            },
            diffusion: first.diffusion.indices.map { i in samples.reduce(0) { $0 + $1.diffusion[i] } / n })
    }
}

/// Where each quantity sits in the flat vector of ``Context/quantities(_:)``.
struct Layout {
    let species: Int
    var coefficients: Int { 0 }
    var selfCoefficients: Int { species * species }
    var distinct: Int { selfCoefficients + species }
    var diffusion: Int { distinct + species * species }
    var conductivity: Int { diffusion + species }
    var nernstEinstein: Int { conductivity + 1 }
    var ionicity: Int { conductivity + 2 }
    var molar: Int { conductivity + 3 }
    var transferenceNE: Int { conductivity + 4 }
    var transferenceOnsager: Int { transferenceNE + species }
    var cationNE: Int { transferenceOnsager + species }
    var cationOnsager: Int { cationNE + 1 }
    var binary: Int { cationNE + 2 }
    var count: Int { binary + 1 }

    func vector<T>(_ offset: Int, _ make: (Int) -> T) -> [T] { (0..<species).map { make(offset + $0) } }
    func matrix<T>(_ offset: Int, _ make: (Int) -> T) -> [[T]] {
        (0..<species).map { i in (0..<species).map { j in make(offset + i * species + j) } }
    }
}

/// What the derived quantities need besides the fitted sample.
struct Context {
    var charges: [Double]
    var counts: [Double]
    var temperature: Double
    /// Å³.
    var volume: Double
    var cations: [Int]
    var anions: [Int]
    /// mol/L.
    var saltConcentration: Double
    var saltSource: String

    init(series: OnsagerSeries, temperature: Double, volume: Double, saltConcentration: Double?) {
        let charges = series.species.map(\.charge)
        let counts = series.species.map { Double($0.particleCount) }
        let cations = charges.indices.filter { charges[$0] > 0 }
        let anions = charges.indices.filter { charges[$0] < 0 }
        self.charges = charges
        self.counts = counts
        self.temperature = temperature
        self.volume = volume
        self.cations = cations
        self.anions = anions
        if let saltConcentration {
            self.saltConcentration = saltConcentration
            saltSource = "given"
        } else {
            let pairs = min(cations.reduce(0) { $0 + counts[$1] }, anions.reduce(0) { $0 + counts[$1] })
            self.saltConcentration = pairs / volume * TransportUnits.particlesPerCubicAngstrom / 1000
            saltSource = "ion pairs: min(cations, anions) = \(Int(pairs)) per cell"
        }
    }

    /// Every reported quantity of `sample`, laid out as ``Layout`` says.
    func quantities(_ sample: Sample) -> [Double] {
        let s = charges.count
        let layout = Layout(species: s)
        var out = [Double](repeating: .nan, count: layout.count)
        let f2 = TransportUnits.faraday * TransportUnits.faraday
        var kappa = 0.0, sigmaNE = 0.0
        for i in 0..<s {
            for j in 0..<s {
                out[layout.coefficients + i * s + j] = sample.coefficients[i][j]
                out[layout.distinct + i * s + j] = sample.coefficients[i][j] - (i == j ? sample.selfCoefficients[i] : 0)
                kappa += f2 * charges[i] * charges[j] * sample.coefficients[i][j]
            }
            out[layout.selfCoefficients + i] = sample.selfCoefficients[i]
            out[layout.diffusion + i] = sample.diffusion[i]
            sigmaNE += f2 * charges[i] * charges[i] * sample.selfCoefficients[i]
        }
        out[layout.conductivity] = kappa
        out[layout.nernstEinstein] = sigmaNE
        out[layout.ionicity] = kappa / sigmaNE
        out[layout.molar] = kappa / (saltConcentration * 1000)
        let weights = (0..<s).map { counts[$0] * charges[$0] * charges[$0] * sample.diffusion[$0] }
        let weightSum = weights.reduce(0, +)
        for i in 0..<s {
            out[layout.transferenceNE + i] = weights[i] / weightSum
            let row = (0..<s).reduce(0) { $0 + charges[$1] * sample.coefficients[i][$1] }
            out[layout.transferenceOnsager + i] = f2 * charges[i] * row / kappa
        }
        out[layout.cationNE] = cations.reduce(0) { $0 + out[layout.transferenceNE + $1] }
        out[layout.cationOnsager] = cations.reduce(0) { $0 + out[layout.transferenceOnsager + $1] }
        if cations.count == 1, anions.count == 1 {
            out[layout.binary] =
                sample.diffusion[cations[0]] / (sample.diffusion[cations[0]] + sample.diffusion[anions[0]])
        }
        return out
    }
}
