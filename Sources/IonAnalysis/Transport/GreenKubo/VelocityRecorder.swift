import IonCore
import IonNumerics

/// Velocities of particles — single atoms, or mass-weighted centres of groups of atoms — kept
/// frame by frame for correlation functions.
///
/// v_p = Σ_{a∈p} w_a v_a / Σ_{a∈p} w_a with w the atom masses (centre-of-mass velocity), or with
/// `weights` given (e.g. charges, unnormalised) v_p = Σ_{a∈p} w_a v_a. Velocities in Å/ps
/// (σ/τ for LAMMPS `lj`). Memory: 24 bytes × particles × frames.
struct VelocityRecorder {
    let groups: [[Int]]
    private let weights: [Double]
    private let normalize: Bool
    /// Where the frames come from, for error messages.
    private let source: String
    /// Velocities, frame-major: `series[t * groups.count + p]`.
    private(set) var series: [Vec3] = []
    /// Sum of the cell volumes seen, Å³, and how many frames had a cell.
    private(set) var volumeSum = 0.0
    private(set) var cells = 0

    /// - Parameters:
    ///   - weights: per-atom weights; `normalize` true divides by their sum over each group.
    init(groups: [[Int]], weights: [Double], normalize: Bool, source: String) {
        self.groups = groups; self.weights = weights; self.normalize = normalize; self.source = source
    }

    var frameCount: Int { groups.isEmpty ? 0 : series.count / groups.count }

    mutating func append(_ frame: Frame, index: Int) throws {
        guard let velocities = frame.velocities else {
            throw InputError(
                "\(source): frame \(index) has no velocities; velocity correlations and Green–Kubo integrals need them (LAMMPS dump columns vx vy vz, GROMACS .trr or .gro with velocities, extended XYZ vel)"
            )
        }
        for members in groups {
            var sum = Vec3.zero, weight = 0.0
            for a in members { sum += weights[a] * velocities[a]; weight += weights[a] }
            series.append(normalize ? sum / weight : sum)
        }
        if let box = frame.box { volumeSum += box.volume; cells += 1 }
    }

    /// Component `axis` of particle `p` over frames `range`.
    func component(_ p: Int, _ axis: Int, frames range: Range<Int>, into buffer: inout [Double]) {
        let count = groups.count
        for (t, frame) in range.enumerated() { buffer[t] = series[frame * count + p][axis] }
    }

    /// Σ_p ⟨v_p(0)·v_p(t)⟩ over frames `range`, lags 0…window−1 (velocities² units).
    func selfCorrelation(frames range: Range<Int>, window: Int, particles: Range<Int>? = nil) -> [Double] {
        var accumulator = CorrelationAccumulator(length: range.count)
        var a = [Double](repeating: 0, count: range.count), b = a
        let chosen = particles ?? 0..<groups.count
        let flat = chosen.flatMap { p in (0..<3).map { (p, $0) } }
        var k = 0
        while k < flat.count {
            component(flat[k].0, flat[k].1, frames: range, into: &a)
            if k + 1 < flat.count {
                component(flat[k + 1].0, flat[k + 1].1, frames: range, into: &b)
                accumulator.add(a, b)
            } else {
                accumulator.add(a)
            }
            k += 2
        }
        return Array(accumulator.result().prefix(window))
    }
}
