import Foundation
import IonAnalysis
import IonCore
import IonNumerics

/// Which atoms make a centre's SOAP environment, and with what weight.
public enum SOAPConvention: String, Codable, Sendable, CaseIterable {
    /// Neighbours within r_cut, each weighted by ½(1 + cos(π r / r_cut)): the features are
    /// continuous as atoms cross the cutoff (Behler's cutoff function, Behler, J. Chem. Phys. 134,
    /// 074106 (2011), doi:10.1063/1.3553717).
    case ionscope
    /// DScribe 2.x `SOAP(rbf="gto", periodic=True)`: every neighbour within r_cut + σ√(2 ln 10³)
    /// at full weight, so a Gaussian cut at the boundary has decayed to 10⁻³ at r_cut.
    case dscribe

    /// The neighbourhood's radius for the cutoff `cutoff` and width `sigma`.
    public func reach(cutoff: Double, sigma: Double) -> Double {
        switch self {
        case .ionscope: return cutoff
        case .dscribe: return cutoff + sigma * (2 * log(1e3)).squareRoot()
        }
    }

    var rule: String {
        switch self {
        case .ionscope: return "neighbours within r_cut, weighted by ½(1 + cos(π r/r_cut))"
        case .dscribe: return "neighbours within r_cut + σ√(2 ln 10³) at weight 1 (DScribe 2.x)"
        }
    }
}

/// The SOAP settings of a result: the basis, the convention and its neighbourhood rule.
public struct SOAPSettings: Codable, Sendable, Equatable {
    public var rCut: Double
    public var nMax: Int, lMax: Int
    public var sigma: Double
    public var convention: SOAPConvention
    public var neighbourhood: String
    /// How the columns are ordered.
    public var columnOrder: String
}

/// The SOAP power spectrum of every centre (Bartók, Kondor and Csányi, Phys. Rev. B 87, 184115
/// (2013), doi:10.1103/PhysRevB.87.184115), with the GTO radial basis of ``SOAPBasis``:
///
///     p^{ZZ'}_{nn'l} = π √(8/(2l+1)) Σ_m c^Z_{nlm} c^{Z'}_{n'lm},
///
/// c^Z the expansion of species Z's smeared density around the centre (the centre itself
/// included when it belongs to Z; atoms of no species are left out, as Jones et al. 2022 (doi:10.48550/arXiv.2208.03182) leave out the
/// solvent). Columns follow DScribe: species pairs Z ≤ Z' in the order given, then l, then n
/// and n' (n' ≥ n when Z = Z'): (S n_max)(S n_max + 1)/2 · (l_max + 1) features for S species.
/// Neighbours are found among all periodic images, so the neighbourhood may exceed half the cell.
/// - Complexity: per frame, per neighbour n_max (l_max + 1) exponentials and n_max (l_max + 1)²
///   multiply-adds; per centre S² n_max² (l_max + 1)² for the spectrum.
public struct SOAPPowerSpectrum: PerCentreDescriptor, Sendable {
    public let selection: Selection
    public let species: [DescriptorSpecies]
    public let basis: SOAPBasis
    public let convention: SOAPConvention
    let harmonics: SolidHarmonics

    var units = UnitSystem.real
    public private(set) var centres: [Int] = []
    var members: [[Int]] = []
    /// Threads for the centres of one frame (1: the frame's thread alone). While frames already
    /// run on every thread, libdispatch runs these inline, so the cores are not oversubscribed.
    public var threads = 1

    /// - Throws: ``InputError`` without species.
    public init(selection: Selection, species: [DescriptorSpecies], basis: SOAPBasis, convention: SOAPConvention)
        throws
    {
        guard !species.isEmpty else { throw InputError("the SOAP power spectrum needs at least one species") }
        self.selection = selection; self.species = species; self.basis = basis; self.convention = convention
        harmonics = SolidHarmonics(lMax: basis.lMax)
    }

    /// Neighbours are found within this distance.
    public var reach: Double { convention.reach(cutoff: basis.cutoff, sigma: basis.sigma) }
    /// Coefficients per centre and species: n_max × (l_max + 1)².
    var coefficientCount: Int { basis.nMax * harmonics.count }

    public var featureCount: Int {
        let sn = species.count * basis.nMax
        return sn * (sn + 1) / 2 * (basis.lMax + 1)
    }

    public var speciesAtoms: [Int] { members.map(\.count) }

    public var parameters: DescriptorParameters {
        DescriptorParameters(
            kind: "SOAP power spectrum", reach: reach,
            soap: SOAPSettings(
                rCut: basis.cutoff, nMax: basis.nMax, lMax: basis.lMax, sigma: basis.sigma, convention: convention,
                neighbourhood: convention.rule,
                columnOrder: "species pairs Z ≤ Z' (order given), then l, then n, n' (n' ≥ n when Z = Z'), as DScribe"))
    }

    public var columns: [String] {
        var names: [String] = []
        names.reserveCapacity(featureCount)
        forEachFeature { z1, z2, l, n1, n2 in
            names.append("p(\(species[z1].name),\(species[z2].name);l=\(l),n=\(n1),n'=\(n2))")
        }
        return names
    }

    /// Visits the features in column order: (species Z, species Z', l, n, n').
    func forEachFeature(_ body: (Int, Int, Int, Int, Int) -> Void) {
        let s = species.count, nMax = basis.nMax
        for z1 in 0..<s {
            for z2 in z1..<s {
                for l in 0...basis.lMax {
                    for n1 in 0..<nMax { for n2 in (z1 == z2 ? n1 : 0)..<nMax { body(z1, z2, l, n1, n2) } }
                }
            }
        }
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        units = context.units
        centres = try selection.atomIndices(in: context.topology)
        guard !centres.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        members = try speciesMembers(context.topology)
    }

    public struct Worker: Sendable {
        var search = NeighborSearch()
        var centrePoints: [Vec3] = [], points: [Vec3] = []
        /// Σ over neighbours of e^{−α r²/(1+α/η)} w R_lm, [centre][species][l][k][lm of l].
        var primitive: [Double] = []
    }

    public func makeWorker() -> Worker { Worker() }

    public func features(_ view: FrameView, worker: inout Worker) throws -> [Double] {
        try splittingCentres(centres.count, threads: threads, worker: &worker, makeWorker: Worker.init) {
            try features(view, centres: $0, worker: &$1)
        }
    }

    /// The features of the centres `range` (indices into ``centres``) of the view's frame.
    func features(_ view: FrameView, centres range: Range<Int>, worker: inout Worker) throws -> [Double] {
        let frame = view.frame
        guard let box = frame.box else {
            throw InputError("frame \(view.index) has no periodic cell; the SOAP power spectrum needs one")
        }
        let perSpecies = coefficientCount, perCentre = species.count * perSpecies
        worker.primitive = [Double](repeating: 0, count: range.count * perCentre)
        worker.centrePoints = centres[range].map { frame.positions[$0] }
        let reach = self.reach, cutoff = basis.cutoff, smooth = convention == .ionscope
        let lMax = basis.lMax, nMax = basis.nMax, ylm = harmonics.count
        // Per pair: the solid harmonics, then the (l_max + 1) n_max exponentials in blocks of 8.
        let exponentials = (lMax + 1) * nMax, padded = (exponentials + 7) / 8 * 8
        var scratch = [Double](repeating: 0, count: ylm + harmonics.scratchCount + 2 * padded)
        var exponents = basis.exponents
        exponents += [Double](repeating: 0, count: padded - exponentials)
        for (s, atoms) in members.enumerated() {
            worker.points = atoms.map { frame.positions[$0] }
            try worker.primitive.withUnsafeMutableBufferPointer { q in
                try exponents.withUnsafeBufferPointer { exponents in
                    try harmonics.table.withUnsafeBufferPointer { table in
                        try scratch.withUnsafeMutableBufferPointer { scratch in
                            let r = scratch.baseAddress!, legendre = r + ylm
                            let argument = legendre + harmonics.scratchCount, e = argument + padded
                            let table = table.baseAddress!, exponents = exponents.baseAddress!
                            try worker.search.forEachImagePair(
                                worker.centrePoints, worker.points, box: box, cutoff: reach
                            ) { c, _, d, r2 in
                                SolidHarmonics.evaluate(
                                    d.x, d.y, d.z, lMax: lMax, table: table, into: r, legendre: legendre)
                                for k in 0..<padded { argument[k] = max(exponents[k] * r2, -708) }
                                var weight = 1.0
                                if smooth { weight = 0.5 * (1 + cos(Double.pi * r2.squareRoot() / cutoff)) }
                                let rawArgument = UnsafeRawPointer(argument), rawE = UnsafeMutableRawPointer(e)
                                for b in stride(from: 0, to: padded, by: 8) {
                                    let x = rawArgument.loadUnaligned(fromByteOffset: b * 8, as: SIMD8<Double>.self)
                                    rawE.storeBytes(of: exp8(x) * weight, toByteOffset: b * 8, as: SIMD8<Double>.self)
                                }
                                let base = c * perCentre + s * perSpecies
                                // Block of l: nMax × (2l + 1) values from base + nMax · l².
                                for l in 0...lMax {
                                    let width = 2 * l + 1, first = l * l
                                    var slot = base + nMax * first
                                    for k in 0..<nMax {
                                        let ek = e[l * nMax + k]
                                        for m in 0..<width { q[slot + m] += ek * r[first + m] }
                                        slot += width
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return spectrum(worker.primitive)
    }

    /// The power spectra of the centres whose primitive sums `primitive` holds.
    func spectrum(_ primitive: [Double]) -> [Double] {
        let nMax = basis.nMax, lMax = basis.lMax, s = species.count
        let perSpecies = coefficientCount, perCentre = s * perSpecies, stride = featureCount
        let count = primitive.count / perCentre
        var out = [Double](repeating: 0, count: count * stride)
        var scratch = [Double](repeating: 0, count: perCentre)
        let prefactor = (0...lMax).map { Double.pi * (8 / (2 * Double($0) + 1)).squareRoot() }
        primitive.withUnsafeBufferPointer { q in
            basis.radialWeights.withUnsafeBufferPointer { w in
                scratch.withUnsafeMutableBufferPointer { c in
                    out.withUnsafeMutableBufferPointer { out in
                        for centre in 0..<count {
                            // c[z][l-block: n × (2l+1)] = Σ_k W[l][n][k] q[z][l-block: k × (2l+1)].
                            for z in 0..<s {
                                for l in 0...lMax {
                                    let width = 2 * l + 1
                                    let block = z * perSpecies + nMax * l * l
                                    let source = centre * perCentre + block
                                    for n in 0..<nMax {
                                        for m in 0..<width { c[block + n * width + m] = 0 }
                                        for k in 0..<nMax {
                                            let wk = w[(l * nMax + n) * nMax + k]
                                            for m in 0..<width {
                                                c[block + n * width + m] += wk * q[source + k * width + m]
                                            }
                                        }
                                    }
                                }
                            }
                            var f = centre * stride
                            for z1 in 0..<s {
                                for z2 in z1..<s {
                                    for l in 0...lMax {
                                        let width = 2 * l + 1
                                        let b1 = z1 * perSpecies + nMax * l * l, b2 = z2 * perSpecies + nMax * l * l
                                        for n1 in 0..<nMax {
                                            for n2 in (z1 == z2 ? n1 : 0)..<nMax {
                                                var sum = 0.0
                                                for m in 0..<width {
                                                    sum += c[b1 + n1 * width + m] * c[b2 + n2 * width + m]
                                                }
                                                out[f] = prefactor[l] * sum
                                                f += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
