import IonAnalysis
import IonCore

/// The nonaffine squared displacement D²min of Falk and Langer (Phys. Rev. E 57, 7192 (1998),
/// doi:10.1103/PhysRevE.57.7192) for every centre, over consecutive non-overlapping windows of W
/// frames, and its cumulative form D_cum over increments of δ frames (Chen et al. 2023,
/// doi:10.1021/acsenergylett.3c00237): the label of "mobile" and "immobile" ions for softness.
///
/// For centre i with the neighbours j (atoms of the neighbour selection, i itself left out)
/// within r_c of it at the start of an interval, d⁰ⱼ the minimum-image vector from i to j then
/// and dⱼ the vector from i to j at its end — followed through the interval by the unwrapped
/// displacements, d⁰ⱼ + Δuⱼ − Δuᵢ, then set onto the current cell's lattice of images, so it
/// stays right when neighbours drift apart and when the cell changes shape (an affine
/// deformation of the cell and its contents gives D²min = 0) —
///
///     D²min(i) = min over X of Σⱼ |dⱼ − X d⁰ⱼ|²,   X = Y Z⁻¹,  Y = Σⱼ dⱼ d⁰ⱼᵀ,  Z = Σⱼ d⁰ⱼ d⁰ⱼᵀ,
///
/// in length² (Å², σ² for lj), summed over neighbours and not divided by their number (the
/// convention of OVITO's atomic strain). D_cum sums D²min over the W/δ increments of a window,
/// each with the neighbours at its own start; with δ = W it is D²min. D²min is undefined (nil,
/// counted in the warnings) for a centre whose neighbours do not span three dimensions (fewer
/// than 3, or coplanar: det Z < 10⁻⁹ (tr Z/3)³). In each window the `fraction` of centres with the
/// largest D_cum are labelled mobile and as many with the smallest immobile. With `hopWindow`, the
/// hop indicator p_hop (``HopIndicator``) of every centre at every frame is computed too, its
/// largest value in each window reported, and with `labelBy: .hop` the labels follow it instead.
///
/// - Complexity: O(N) per frame (unwrapping) plus a neighbour search and O(neighbour pairs) at
///   each increment; memory O(N + neighbour pairs) plus the per-window values it reports.
public struct NonaffineDisplacement: FrameAnalysis, Sendable {
    public let selection: Selection, neighbours: Selection
    /// r_c, in the input's length unit.
    public let cutoff: Double
    /// W and δ, frames.
    public let window: Int, increment: Int
    /// Share of centres labelled mobile (and as many immobile) in each window.
    public let fraction: Double
    /// The window W_hop of p_hop (even, frames), when asked for; and what the labels follow.
    public let hopWindow: Int?
    public let labelBy: LabelBy

    /// What tells mobile from immobile centres in a window: D_cum, or the largest p_hop of its frames.
    public enum LabelBy: String, Codable, Sendable, CaseIterable {
        case cumulative = "d_cum"
        case hop = "p_hop"
    }

    var units = UnitSystem.real
    var centres: [Int] = [], neighbourAtoms: [Int] = []
    var unwrapper = Unwrapper()
    var frames = 0
    var search = NeighborSearch()
    /// The open window's and increment's start.
    var windowStart: Interval?, incrementStart: Interval?
    var cumulative: [Double?] = []
    var origins: [Int] = []
    var windows: [NonaffineWindow] = []
    var pointScratch: (centres: [Vec3], neighbours: [Vec3]) = ([], [])
    var hop: HopIndicator?
    /// The largest p_hop of each centre over each window's frames so far.
    var hopMaxima: [[Double?]] = []

    /// - Throws: ``InputError`` for a cutoff that is not a positive distance, a window or
    ///   increment below one frame, an increment that does not divide the window, or a fraction
    ///   outside (0, 0.5].
    public init(
        selection: Selection, neighbours: Selection, cutoff: Double, window: Int, increment: Int? = nil,
        fraction: Double = 0.1, hopWindow: Int? = nil, labelBy: LabelBy = .cumulative
    ) throws {
        guard cutoff > 0, cutoff.isFinite else { throw InputError("the D²min cutoff must be a positive distance") }
        guard window >= 1 else { throw InputError("the D²min window must be at least one frame; got \(window)") }
        let increment = increment ?? window
        guard increment >= 1, window % increment == 0 else {
            throw InputError("the D_cum increment (\(increment) frames) must divide the window (\(window) frames)")
        }
        guard fraction > 0, fraction <= 0.5 else {
            throw InputError("the labelled fraction must be in (0, 0.5]; got \(fraction)")
        }
        if let hopWindow, hopWindow < 2 || hopWindow % 2 != 0 {
            throw InputError("the p_hop window must be an even number of frames ≥ 2; got \(hopWindow)")
        }
        guard labelBy == .cumulative || hopWindow != nil else {
            throw InputError("labels by p_hop need its window (phop_window)")
        }
        self.hopWindow = hopWindow; self.labelBy = labelBy
        hop = hopWindow.map { HopIndicator(window: $0) }
        self.selection = selection; self.neighbours = neighbours; self.cutoff = cutoff
        self.window = window; self.increment = increment; self.fraction = fraction
    }

    public mutating func prepare(_ context: AnalysisContext) throws {
        units = context.units
        centres = try selection.atomIndices(in: context.topology)
        neighbourAtoms = try neighbours.atomIndices(in: context.topology)
        guard !centres.isEmpty else { throw InputError("the selection '\(selection.text)' matches no atoms") }
        guard !neighbourAtoms.isEmpty else { throw InputError("the selection '\(neighbours.text)' matches no atoms") }
    }

    public mutating func accumulate(_ view: FrameView) throws {
        let frame = view.frame
        guard let box = frame.box else {
            throw InputError("frame \(view.index) has no periodic cell; D²min needs one for its neighbours")
        }
        let u = unwrapper.unwrap(frame)
        if hop != nil, let (m, values) = hop!.add(centres.map { u[$0] }) {
            let w = m / window
            while hopMaxima.count <= w { hopMaxima.append([Double?](repeating: nil, count: centres.count)) }
            for c in values.indices { hopMaxima[w][c] = max(hopMaxima[w][c] ?? 0, values[c]) }
        }
        if frames % increment == 0 {
            if increment < window, let start = incrementStart {
                let values = start.nonaffine(to: u, positions: frame.positions, box: box)
                for c in cumulative.indices { cumulative[c] = cumulative[c].flatMap { a in values[c].map { a + $0 } } }
            }
            if frames % window == 0 {
                if let start = windowStart { close(start, end: u, positions: frame.positions, box: box) }
                windowStart = try interval(frame, box: box, unwrapped: u)
                origins.append(view.index)
                cumulative = [Double?](repeating: 0, count: centres.count)
            }
            incrementStart = increment == window ? windowStart : try interval(frame, box: box, unwrapped: u)
        }
        frames += 1
    }

    /// Ends the window that started at `start`.
    mutating func close(_ start: Interval, end u: [Vec3], positions: [Vec3], box: Box) {
        let d2 = start.nonaffine(to: u, positions: positions, box: box)
        windows.append(
            NonaffineWindow(
                origin: origins.last!, d2min: d2, cumulative: increment == window ? d2 : cumulative,
                neighbours: start.neighbourCounts, fraction: fraction))
    }

    /// The neighbours of every centre at this frame, the start of an interval.
    mutating func interval(_ frame: Frame, box: Box, unwrapped u: [Vec3]) throws -> Interval {
        pointScratch.centres = centres.map { frame.positions[$0] }
        pointScratch.neighbours = neighbourAtoms.map { frame.positions[$0] }
        var pairs: [(centre: Int32, neighbour: Int32, d: Vec3)] = []
        let (centres, neighbourAtoms) = (self.centres, self.neighbourAtoms)
        try search.forEachPair(pointScratch.centres, pointScratch.neighbours, box: box, cutoff: cutoff) { c, k, d, _ in
            if centres[c] != neighbourAtoms[k] { pairs.append((Int32(c), Int32(k), d)) }
        }
        var offsets = [Int](repeating: 0, count: centres.count + 1)
        for p in pairs { offsets[Int(p.centre) + 1] += 1 }
        for c in 0..<centres.count { offsets[c + 1] += offsets[c] }
        var fill = offsets
        var atom = [Int32](repeating: 0, count: pairs.count), d0 = [Vec3](repeating: .zero, count: pairs.count)
        for p in pairs {
            let c = Int(p.centre)
            atom[fill[c]] = Int32(neighbourAtoms[Int(p.neighbour)]); d0[fill[c]] = p.d; fill[c] += 1
        }
        return Interval(centres: centres, offsets: offsets, neighbourAtoms: atom, d0: d0, start: u)
    }

    public mutating func finish(_ pass: PassRecord) throws -> NonaffineDisplacementResult {
        var warnings = pass.warnings
        guard !windows.isEmpty else {
            throw InputError(
                "D²min over windows of \(window) frames needs at least \(window + 1) frames; the range holds \(frames)")
        }
        let left = frames - 1 - windows.count * window
        if left > 0 {
            warnings.append(
                "the last \(left) frame(s) do not fill a window of \(window) frames and are left out")
        }
        let undefined = windows.reduce(0) { $0 + $1.d2min.filter { $0 == nil }.count }
        if undefined > 0 {
            warnings.append(
                "D²min is undefined for \(undefined) of \(windows.count * centres.count) centre-windows: fewer than 3 neighbours, or neighbours in a plane, within \(cutoff) \(units.lengthUnit) (raise the cutoff)"
            )
        }
        if unwrapper.largeJumps > 0 {
            warnings.append(
                "\(unwrapper.largeJumps) atom step(s) between frames exceeded a quarter of the cell: frames may be too far apart to unwrap, and D²min to be meaningful"
            )
        }
        if hopWindow != nil {
            for w in windows.indices {
                windows[w].hop = w < hopMaxima.count ? hopMaxima[w] : [Double?](repeating: nil, count: centres.count)
                if labelBy == .hop { windows[w].label(by: windows[w].hop!, fraction: fraction) }
            }
        }
        let interval = pass.timing.meanInterval
        return NonaffineDisplacementResult(
            lengthUnit: units.lengthUnit, squaredLengthUnit: units.lengthUnit.squared, timeUnit: units.timeUnit,
            selection: selection.text, neighbours: neighbours.text, cutoff: cutoff, window: window,
            increment: increment, windowTime: interval.map { $0 * Double(window) }, fraction: fraction,
            hopWindow: hopWindow, labelBy: labelBy,
            centreAtoms: centres.map { $0 + 1 }, windows: windows, warnings: warnings)
    }
}

/// The start of an interval: each centre's neighbours then (compressed rows), their
/// minimum-image vectors from the centre, and every atom's unwrapped position.
struct Interval: Sendable {
    let centres: [Int]
    let offsets: [Int]
    let neighbourAtoms: [Int32]
    let d0: [Vec3]
    let start: [Vec3]

    var neighbourCounts: [Int] { (0..<centres.count).map { offsets[$0 + 1] - offsets[$0] } }

    /// D²min of every centre from this start to the unwrapped positions `u` (wrapped `x` in
    /// `box`); nil where Z is singular.
    func nonaffine(to u: [Vec3], positions x: [Vec3], box: Box) -> [Double?] {
        centres.indices.map { c in
            let i = centres[c]
            let move = u[i] - start[i]
            // The vector from i to neighbour k now (two passes over the neighbours: no buffer per centre).
            func current(_ k: Int) -> Vec3 {
                let j = Int(neighbourAtoms[k])
                let b = d0[k] + (u[j] - start[j]) - move
                return b + box.minimumImage(x[j] - x[i] - b)
            }
            var z = (Vec3.zero, Vec3.zero, Vec3.zero), y = z
            for k in offsets[c]..<offsets[c + 1] {
                let a = d0[k], b = current(k)
                z.0 += a.x * a; z.1 += a.y * a; z.2 += a.z * a
                y.0 += b.x * a; y.1 += b.y * a; y.2 += b.z * a
            }
            guard let inverse = Self.inverse(z) else { return nil }
            // X = Y Z⁻¹ (Z symmetric): row r of X is Z⁻¹ applied to row r of Y.
            let x = (apply(inverse, y.0), apply(inverse, y.1), apply(inverse, y.2))
            var d2 = 0.0
            for k in offsets[c]..<offsets[c + 1] {
                let a = d0[k]
                d2 += (current(k) - Vec3(x.0.dot(a), x.1.dot(a), x.2.dot(a))).squaredLength
            }
            return d2
        }
    }

    private func apply(_ m: (Vec3, Vec3, Vec3), _ v: Vec3) -> Vec3 { Vec3(m.0.dot(v), m.1.dot(v), m.2.dot(v)) }

    /// The inverse of a symmetric 3×3 matrix given by rows; nil when it is (nearly) singular.
    static func inverse(_ m: (Vec3, Vec3, Vec3)) -> (Vec3, Vec3, Vec3)? {
        let c0 = m.1.cross(m.2), c1 = m.2.cross(m.0), c2 = m.0.cross(m.1)
        let det = m.0.dot(c0)
        let trace = (m.0.x + m.1.y + m.2.z) / 3
        guard det > 1e-9 * trace * trace * trace, det.isFinite else { return nil }
        // For a symmetric matrix the cofactor rows are the columns of the inverse, and vice versa.
        return (c0 / det, c1 / det, c2 / det)
    }
}

/// One window's values, centre by centre (in the order of ``NonaffineDisplacementResult/centreAtoms``).
public struct NonaffineWindow: Codable, Sendable, Equatable {
    /// The frame (counted over the files) the window starts at.
    public var origin: Int
    /// D²min from the window's start to its end; nil where undefined.
    public var d2min: [Double?]
    /// D_cum over the window's increments; nil where any increment's D²min is undefined.
    public var cumulative: [Double?]
    /// Neighbours within the cutoff at the window's start.
    public var neighbours: [Int]
    /// The largest p_hop of each centre over the window's frames (where its window fits in the run).
    public var hop: [Double?]?
    /// Centres (indices into the centre list) labelled mobile (largest D_cum, or p_hop) and immobile (smallest).
    public var mobile: [Int] = [], immobile: [Int] = []

    init(origin: Int, d2min: [Double?], cumulative: [Double?], neighbours: [Int], fraction: Double) {
        self.origin = origin; self.d2min = d2min; self.cumulative = cumulative; self.neighbours = neighbours
        label(by: cumulative, fraction: fraction)
    }

    /// Labels the `fraction` with the largest `values` mobile and as many with the smallest immobile.
    mutating func label(by values: [Double?], fraction: Double) {
        let defined = values.indices.filter { values[$0] != nil }.sorted { (values[$0]!, $0) < (values[$1]!, $1) }
        let n = Int((fraction * Double(defined.count)).rounded())
        immobile = Array(defined.prefix(n)).sorted(); mobile = Array(defined.suffix(n)).sorted()
    }
}

/// D²min and D_cum of every centre in every window, with the mobile and immobile labels.
public struct NonaffineDisplacementResult: Codable, Sendable, CarriesWarnings {
    public var lengthUnit: PhysicalUnit
    /// Unit of D²min and D_cum.
    public var squaredLengthUnit: PhysicalUnit
    public var timeUnit: PhysicalUnit
    public var selection: String, neighbours: String
    public var cutoff: Double
    /// W and δ, frames; W in time when the frames are evenly timed.
    public var window: Int, increment: Int
    public var windowTime: Double?
    public var fraction: Double
    /// W_hop (frames) when p_hop was computed, and what the labels follow.
    public var hopWindow: Int?
    public var labelBy: NonaffineDisplacement.LabelBy
    /// Atom numbers (from 1, in topology order) of the centres.
    public var centreAtoms: [Int]
    public var windows: [NonaffineWindow]
    public var warnings: [String]

    /// Every defined D²min over all windows, ascending.
    public var allD2min: [Double] { windows.flatMap { $0.d2min.compactMap { $0 } }.sorted() }

    /// The `q` quantile (0…1) of the defined D²min values (linear between order statistics).
    public func quantile(_ q: Double) -> Double? {
        let values = allD2min
        guard !values.isEmpty else { return nil }
        let position = q * Double(values.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(values.count - 1, lower + 1)
        return values[lower] + (position - Double(lower)) * (values[upper] - values[lower])
    }
}
