/// A 2-D plot described as data: series of (x, y) points with optional error bands, axes that
/// may be logarithmic, and marked x ranges or positions. ``SVGRenderer`` draws it.
public struct Plot: Sendable {
    public struct Series: Sendable {
        public enum Style: Sendable { case line, points, dashed, steps }
        public var label: String
        public var x: [Double]
        public var y: [Double]
        /// Lower and upper edge of a shaded band (e.g. ±σ), same length as `x`.
        public var band: (lower: [Double], upper: [Double])?
        public var style: Style
        public init(
            _ label: String, x: [Double], y: [Double], band: (lower: [Double], upper: [Double])? = nil,
            style: Style = .line
        ) {
            self.label = label; self.x = x; self.y = y; self.band = band; self.style = style
        }
    }

    /// A labelled vertical line or shaded x range (a fit window, an RDF minimum).
    public struct Marker: Sendable {
        public var label: String
        public var from: Double
        public var to: Double?
        public init(_ label: String, at x: Double) { self.label = label; from = x; to = nil }
        public init(_ label: String, from: Double, to: Double) { self.label = label; self.from = from; self.to = to }
    }

    public struct Axis: Sendable {
        public var label: String
        public var logarithmic: Bool
        /// Fixed range; nil to fit the data.
        public var range: ClosedRange<Double>?
        public init(_ label: String, logarithmic: Bool = false, range: ClosedRange<Double>? = nil) {
            self.label = label; self.logarithmic = logarithmic; self.range = range
        }
    }

    public var title: String
    public var xAxis: Axis
    public var yAxis: Axis
    public var series: [Series]
    public var markers: [Marker]
    /// A horizontal reference line (e.g. g = 1, C(t) = 0).
    public var horizontalLine: Double?

    public init(
        title: String, x: Axis, y: Axis, series: [Series], markers: [Marker] = [], horizontalLine: Double? = nil
    ) {
        self.title = title; xAxis = x; yAxis = y; self.series = series; self.markers = markers
        self.horizontalLine = horizontalLine
    }

    /// Whether any point can be drawn (finite, and positive on logarithmic axes).
    public var hasDrawablePoints: Bool {
        series.contains { s in zip(s.x, s.y).contains { isDrawable($0, $1) } }
    }

    func isDrawable(_ x: Double, _ y: Double) -> Bool {
        x.isFinite && y.isFinite && (!xAxis.logarithmic || x > 0) && (!yAxis.logarithmic || y > 0)
    }
}
