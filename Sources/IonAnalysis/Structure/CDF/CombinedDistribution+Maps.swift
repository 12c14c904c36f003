import Foundation
import IonCore

extension CombinedDistribution {
    /// The angle (at the middle point) or the absolute dihedral of points (1, 2, 3[, 4]), radians
    /// in [0, π], from minimum-image bond vectors.
    static func angle(_ p: [Vec3], box: Box) -> Double {
        let b1 = box.minimumImage(p[1] - p[0]), b2 = box.minimumImage(p[2] - p[1])
        if p.count == 3 { return atan2((-b1).cross(b2).length, (-b1).dot(b2)) }
        let b3 = box.minimumImage(p[3] - p[2])
        let n1 = b1.cross(b2), n2 = b2.cross(b3)
        return abs(atan2(b2.length * b1.dot(n2), n1.dot(n2)))
    }

    /// Probability of angle bin j for isotropic orientations: (cos θ₋ − cos θ₊)/2 for an angle,
    /// 1/bins for a dihedral.
    func isotropicWeight(_ j: Int) -> Double {
        let width = Double.pi / Double(angleBins)
        if isDihedral { return 1 / Double(angleBins) }
        return (cos(Double(j) * width) - cos(Double(j + 1) * width)) / 2
    }

    /// The angle bin of every partner molecule in this frame.
    func angleBins(_ positions: [Vec3], box: Box, molecules: Int) -> [Int] {
        let n = points.count
        var angleBin: [Int] = []
        angleBin.reserveCapacity(molecules)
        var p = [Vec3](repeating: .zero, count: n)
        for m in 0..<molecules {
            for k in 0..<n { p[k] = positions[Int(pointAtoms[m * n + k])] }
            let theta = Self.angle(p, box: box)
            angleBin.append(theta.isFinite ? min(angleBins - 1, Int(theta / .pi * Double(angleBins))) : 0)
        }
        return angleBin
    }

    public mutating func finish(_ pass: PassRecord) throws -> CombinedDistributionResult {
        try finishResult(warnings: pass.warnings)
    }

    mutating func finishResult(warnings: [String]) throws -> CombinedDistributionResult {
        let (nr, na) = (distanceBins, angleBins)
        let width = rMax / Double(nr), angleWidth = 180 / Double(na)
        let shell = (0..<nr).map { 4 * Double.pi / 3 * (pow(Double($0 + 1) * width, 3) - pow(Double($0) * width, 3)) }
        let w = (0..<na).map(isotropicWeight)
        let norm = 1 / (Double(max(frames, 1)) * pairCount)
        let g = (0..<nr).map { i in (0..<na).map { j in counts[i * na + j] * norm / (shell[i] * w[j]) } }
        // Probabilities from volume-weighted counts (equal to raw counts for a fixed cell).
        let total = counts.reduce(0, +)
        let p = (0..<nr).map { i in (0..<na).map { j in total > 0 ? counts[i * na + j] / total : 0 } }
        let pr = p.map { $0.reduce(0, +) }
        let pa = (0..<na).map { j in p.reduce(0) { $0 + $1[j] } }
        let finder = self.finder
        return CombinedDistributionResult(
            distanceUnit: lengthUnit, centres: centres, centreParticles: centresByMolecule ? "molecules" : "atoms",
            partners: partners,
            points: points,
            kind: isDihedral ? "dihedral" : "angle", centreCount: finder?.centreCount ?? 0,
            partnerCount: finder?.partnerCount ?? 0,
            pairCount: pairCount, frames: frames, rMax: rMax, r: (0..<nr).map { (Double($0) + 0.5) * width },
            angle: (0..<na).map { (Double($0) + 0.5) * angleWidth }, g: g,
            gR: (0..<nr).map { i in g[i].indices.reduce(0) { $0 + g[i][$1] * w[$1] } },
            angleDistribution: (0..<na).map { j in pa[j] / w[j] },
            correlation: (0..<nr).map { i in (0..<na).map { j in p[i][j] - pr[i] * pa[j] } },
            pairsCounted: pairsCounted, warnings: warnings)
    }
}
