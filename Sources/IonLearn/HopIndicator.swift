import IonCore

/// The hop indicator of Candelier, Dauchot and Biroli (Phys. Rev. Lett. 105, 135702 (2010),
/// doi:10.1103/PhysRevLett.105.135702) for every particle at every frame m with a full window:
///
///     p_hop(i, m) = √( ⟨(r_i − ⟨r_i⟩_B)²⟩_A · ⟨(r_i − ⟨r_i⟩_A)²⟩_B ),
///
/// A the frames m − h … m and B the frames m … m + h (h = W/2, both including m), r unwrapped
/// positions. A particle that stays in its cage gives the cage's squared size; one that hops
/// between frames of A and of B gives about the hop's length squared.
/// - Complexity: O(particles · W) per frame; memory (W + 1) frames of positions.
struct HopIndicator: Sendable {
    /// h, frames: half the window.
    let half: Int
    private var ring: [[Vec3]] = []
    private var next = 0, frames = 0

    init(window: Int) { half = window / 2 }

    /// Takes the next frame's unwrapped positions; returns, once 2h + 1 frames are in, the frame
    /// (counted from 0 in calls) whose p_hop this completes, and p_hop of every particle.
    mutating func add(_ positions: [Vec3]) -> (frame: Int, values: [Double])? {
        let size = 2 * half + 1
        if ring.count < size { ring.append(positions) } else { ring[next] = positions }
        next = (next + 1) % size
        frames += 1
        guard frames >= size else { return nil }
        // Oldest first: A is the first h + 1 frames, B the last h + 1.
        let ordered = (0..<size).map { ring[(next + $0) % size] }
        let count = positions.count, n = Double(half + 1)
        var values = [Double](repeating: 0, count: count)
        for i in 0..<count {
            var meanA = Vec3.zero, meanB = Vec3.zero
            for k in 0...half { meanA += ordered[k][i]; meanB += ordered[half + k][i] }
            meanA = meanA / n; meanB = meanB / n
            var a = 0.0, b = 0.0
            for k in 0...half {
                a += (ordered[k][i] - meanB).squaredLength
                b += (ordered[half + k][i] - meanA).squaredLength
            }
            values[i] = (a / n * (b / n)).squareRoot()
        }
        return (frames - 1 - half, values)
    }
}
