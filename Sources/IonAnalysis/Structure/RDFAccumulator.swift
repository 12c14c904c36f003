import Foundation
import IonCore

/// One frame of an RDF's two groups: positions (Å) in the order of ``RDFPointSets`` and the cell.
public struct RDFFrame: Sendable {
    public var a: [Vec3]
    /// Positions of B; ignored when the sets are identical.
    public var b: [Vec3]
    public var box: Box
    public init(a: [Vec3], b: [Vec3], box: Box) { self.a = a; self.b = b; self.box = box }
}

/// Accumulates g(r) over frames: prepare (init) → ``add(_:)`` per frame or ``add(batch:threads:)``
/// for frames in parallel → ``curves()``.
///
/// Each frame f contributes its ordered pair counts n_f(r) weighted by V_f / P (its own volume),
/// so a cell whose volume changes is normalised frame by frame:
///
///     g(r) = (1/F) Σ_f n_f(r) · V_f / (P · ΔV(r)),   ΔV(r) = 4π/3 (r₊³ − r₋³)
///
/// The standard errors of g(r) and N(r), both linear in the frames' weighted counts, come from
/// ``BlockSeries`` (block length chosen from the data, doubtful ones said); the extrema, which
/// are not linear in them, are located on each of `blocks` fixed blocks of consecutive frames
/// (``BlockSums``: at most 2·`blocks` blocks, so memory does not grow with the trajectory), their
/// standard error s/√B that of H. Flyvbjerg and H. G. Petersen, J. Chem. Phys. 91, 461 (1989),
/// doi:10.1063/1.457480, at that one block length.
///
/// A cell that narrows below 2·rMax in a later frame stops the accumulation with an error, or,
/// with `followCell` (for ranges chosen automatically from the first frame), limits that frame's
/// pairs to its own half width; the curves then end at the narrowest frame's half width
/// (``reach``), so that every bin they keep holds every frame.
///
/// - Complexity: per frame that of ``NeighborSearch``; memory O(bins · blocks + points).
public struct RDFAccumulator: Sendable {
    public let sets: RDFPointSets
    /// Largest distance, Å; also the neighbour-search cutoff.
    public let rMax: Double
    public let bins: Int
    /// Whether a narrower cell shortens the curves instead of stopping.
    public let followCell: Bool
    /// Half the smallest perpendicular width over the frames so far, when below rMax: the curves end there.
    public private(set) var reach: Double
    /// The first frame (counted from 0 in the frames added) with the narrowest cell, when it limits the reach.
    public private(set) var narrowestFrame: Int?
    /// Per block of frames, Σ_f n_f(r) · V_f / P.
    var blocks: BlockSums
    /// Per frame, n_f(r) · V_f / P for each bin, then its running sum over the bins (for N(r)).
    var series = BlockSeries()
    private var cumulative: [Double] = []
    public private(set) var frames = 0
    var inverseVolumeSum = 0.0
    var searches: [NeighborSearch] = [NeighborSearch()]
    var scratch: [[Double]] = []

    public init(sets: RDFPointSets, rMax: Double, bins: Int, blocks: Int = 5, followCell: Bool = false) throws {
        guard rMax > 0, rMax.isFinite else { throw InputError("rmax must be a positive distance; got \(rMax) Å") }
        guard bins >= 1 else { throw InputError("the RDF needs at least one bin; got \(bins)") }
        self.sets = sets; self.rMax = rMax; self.bins = bins; self.blocks = BlockSums(blocks: blocks)
        self.followCell = followCell; reach = rMax
    }

    /// Checks a frame's point counts against the sets and rMax against its cell; returns the
    /// frame's pair cutoff: rMax, or with `followCell` its half width when smaller.
    func check(_ frame: RDFFrame, index: Int) throws -> Double {
        guard frame.a.count == sets.countA, sets.identical || frame.b.count == sets.countB else {
            throw InputError(
                "an RDF frame has \(frame.a.count) and \(frame.b.count) points; its groups have \(sets.countA) and \(sets.countB)"
            )
        }
        let widths = frame.box.perpendicularWidths
        let half = 0.5 * min(widths.x, widths.y, widths.z)
        if followCell && half < rMax { return half }
        guard rMax <= half else {
            throw InputError(
                "frame \(index) of the range: rmax \(rMax) exceeds half the smallest perpendicular width of its cell, \(String(format: "%.6g", half)); give a smaller rmax, or none to end the RDF at the narrowest cell"
            )
        }
        return rMax
    }

    /// Adds one frame.
    /// - Throws: ``InputError`` when rMax exceeds half the smallest width of the frame's cell or
    ///   the point counts differ from the sets'.
    public mutating func add(_ frame: RDFFrame) throws {
        let cutoff = try check(frame, index: frames)
        if scratch.isEmpty { scratch = [[Double](repeating: 0, count: bins)] }
        for k in 0..<bins { scratch[0][k] = 0 }
        try sets.histogram(
            frame.a, sets.identical ? frame.a : frame.b, box: frame.box, rMax: rMax, cutoff: cutoff,
            search: &searches[0], into: &scratch[0])
        fold(scratch: 0, volume: frame.box.volume, cutoff: cutoff)
    }

    /// Adds frames, spread over `threads` threads (all cores when nil); the result equals adding
    /// them one by one in order.
    public mutating func add(batch: [RDFFrame], threads: Int? = nil) throws {
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, batch.count))
        if workers == 1 { for frame in batch { try add(frame) }; return }
        let cutoffs = try batch.enumerated().map { try check($1, index: frames + $0) }
        while searches.count < workers { searches.append(NeighborSearch()) }
        while scratch.count < batch.count { scratch.append([Double](repeating: 0, count: bins)) }
        let sets = self.sets, rMax = self.rMax, bins = self.bins
        searches.withUnsafeMutableBufferPointer { search in
            scratch.withUnsafeMutableBufferPointer { counts in
                let (search, counts) = (UnsafeTransfer(search), UnsafeTransfer(counts))
                let next = SharedCounter()
                // Each worker takes the next frame when done with one, so a slow core delays
                // only its own frame.
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    while let f = next.take(below: batch.count) {
                        for k in 0..<bins { counts.value[f][k] = 0 }
                        let frame = batch[f]
                        // Cannot throw: every frame was checked above.
                        try? sets.histogram(
                            frame.a, sets.identical ? frame.a : frame.b, box: frame.box, rMax: rMax,
                            cutoff: cutoffs[f], search: &search.value[w], into: &counts.value[f])
                    }
                }
            }
        }
        for (f, frame) in batch.enumerated() { fold(scratch: f, volume: frame.box.volume, cutoff: cutoffs[f]) }
    }

    /// Adds the counts of one frame, in `scratch[f]`, into the current block, weighted (in
    /// place) by the frame's volume V (Å³) over P; a cutoff below ``reach`` lowers it.
    mutating func fold(scratch f: Int, volume: Double, cutoff: Double) {
        if cutoff < reach { reach = cutoff; narrowestFrame = frames }
        let weight = volume / sets.pairCount
        for k in 0..<bins { scratch[f][k] *= weight }
        blocks.add(scratch[f])
        if cumulative.count != 2 * bins { cumulative = [Double](repeating: 0, count: 2 * bins) }
        var total = 0.0
        for k in 0..<bins {
            total += scratch[f][k]
            cumulative[k] = scratch[f][k]; cumulative[bins + k] = total
        }
        series.add(cumulative)
        frames += 1
        inverseVolumeSum += 1 / volume
    }

    /// What the frames so far left in the accumulator (its counts per block and level), to keep
    /// or to merge into another's.
    public struct Partial: Codable, Sendable {
        var rMax: Double, bins: Int
        var reach: Double, narrowestFrame: Int?
        var blocks: BlockSums, series: BlockSeries
        var frames: Int, inverseVolumeSum: Double
    }

    public var partial: Partial {
        Partial(
            rMax: rMax, bins: bins, reach: reach, narrowestFrame: narrowestFrame, blocks: blocks, series: series,
            frames: frames, inverseVolumeSum: inverseVolumeSum)
    }

    /// Appends the frames of `later`, an accumulator of the same sets, rMax and bins, as if they
    /// followed these.
    /// - Throws: ``InputError`` when rMax or the bins differ.
    public mutating func merge(_ later: Partial) throws {
        guard later.bins == bins, later.rMax == rMax else {
            throw InputError(
                "cannot merge an RDF of \(later.bins) bins to \(later.rMax) into one of \(bins) bins to \(rMax)")
        }
        if later.reach < reach { reach = later.reach; narrowestFrame = later.narrowestFrame.map { $0 + frames } }
        blocks.append(later.blocks)
        series.append(later.series)
        frames += later.frames
        inverseVolumeSum += later.inverseVolumeSum
    }
}
