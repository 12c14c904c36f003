import Foundation

/// A 2-D map of values on a regular grid (e.g. g(r, θ)), drawn as coloured cells with a colour
/// bar. `values[i][j]` is the cell at x[i], y[j] (bin centres).
public struct Heatmap: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var x: [Double]
    public var y: [Double]
    public var values: [[Double]]
    /// Diverging colours around 0 (for correlation maps) instead of a sequential scale from 0.
    public var diverging: Bool

    public init(
        title: String, x: [Double], xLabel: String, y: [Double], yLabel: String, values: [[Double]],
        diverging: Bool = false
    ) {
        self.title = title; self.x = x; self.xLabel = xLabel; self.y = y; self.yLabel = yLabel
        self.values = values; self.diverging = diverging
    }

    /// The map as an SVG element.
    public func svg(width: Double = 640, height: Double = 400) -> String {
        let left = 72.0, right = 86.0, top = 34.0, bottom = 52.0
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let high = diverging ? max(finite.map(abs).max() ?? 1, 1e-300) : max(finite.max() ?? 1, 1e-300)
        let low = diverging ? -high : min(0, finite.min() ?? 0)
        let xs = AxisScale(
            values: edges(x), logarithmic: false, fixed: (edges(x).first ?? 0)...(edges(x).last ?? 1),
            pixels: (left, width - right))
        let ys = AxisScale(
            values: edges(y), logarithmic: false, fixed: (edges(y).first ?? 0)...(edges(y).last ?? 1),
            pixels: (height - bottom, top))
        var out = [
            #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(SVGRenderer.n(width)) \#(SVGRenderer.n(height))" class="plot" role="img" aria-label="\#(escape(title))" font-family="Helvetica, Arial, sans-serif" font-size="12">"#,
            #"<rect width="\#(SVGRenderer.n(width))" height="\#(SVGRenderer.n(height))" fill="white"/>"#,
            #"<text x="\#(SVGRenderer.n(left))" y="20" font-size="14" font-weight="bold">\#(escape(title))</text>"#,
        ]
        let xe = edges(x), ye = edges(y)
        for i in x.indices {
            for j in y.indices where i < values.count && j < values[i].count {
                let v = values[i][j]
                guard v.isFinite else { continue }
                let x0 = xs.pixel(xe[i]), x1 = xs.pixel(xe[i + 1]), y0 = ys.pixel(ye[j + 1]), y1 = ys.pixel(ye[j])
                out.append(
                    #"<rect class="series" x="\#(SVGRenderer.n(x0))" y="\#(SVGRenderer.n(y0))" width="\#(SVGRenderer.n(x1 - x0 + 0.3))" height="\#(SVGRenderer.n(y1 - y0 + 0.3))" fill="\#(colour((v - low) / (high - low)))"/>"#
                )
            }
        }
        for tick in xs.ticks {
            out.append(
                #"<text x="\#(SVGRenderer.n(xs.pixel(tick.value)))" y="\#(SVGRenderer.n(height - bottom + 16))" text-anchor="middle">\#(escape(tick.label))</text>"#
            )
        }
        for tick in ys.ticks {
            out.append(
                #"<text x="\#(SVGRenderer.n(left - 6))" y="\#(SVGRenderer.n(ys.pixel(tick.value) + 4))" text-anchor="end">\#(escape(tick.label))</text>"#
            )
        }
        out.append(
            #"<rect x="\#(SVGRenderer.n(left))" y="\#(SVGRenderer.n(top))" width="\#(SVGRenderer.n(width - right - left))" height="\#(SVGRenderer.n(height - bottom - top))" fill="none" stroke="rgb(68,68,68)"/>"#
        )
        out.append(
            #"<text x="\#(SVGRenderer.n((left + width - right) / 2))" y="\#(SVGRenderer.n(height - 12))" text-anchor="middle">\#(escape(xLabel))</text>"#
        )
        out.append(
            #"<text transform="translate(16 \#(SVGRenderer.n((top + height - bottom) / 2))) rotate(-90)" text-anchor="middle">\#(escape(yLabel))</text>"#
        )
        // Colour bar.
        let barX = width - right + 14, barTop = top, barBottom = height - bottom
        for k in 0..<40 {
            let f0 = Double(k) / 40, f1 = Double(k + 1) / 40
            out.append(
                #"<rect x="\#(SVGRenderer.n(barX))" y="\#(SVGRenderer.n(barBottom - f1 * (barBottom - barTop)))" width="14" height="\#(SVGRenderer.n((f1 - f0) * (barBottom - barTop) + 0.5))" fill="\#(colour((f0 + f1) / 2))"/>"#
            )
        }
        for (fraction, value) in [(0.0, low), (0.5, (low + high) / 2), (1.0, high)] {
            out.append(
                #"<text x="\#(SVGRenderer.n(barX + 18))" y="\#(SVGRenderer.n(barBottom - fraction * (barBottom - barTop) + 4))" font-size="11">\#(escape(AxisScale.label(Double(String(format: "%.3g", value)) ?? value)))</text>"#
            )
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// Bin edges from centres (uniform spacing assumed at the ends).
    private func edges(_ centres: [Double]) -> [Double] {
        guard centres.count >= 2 else { return centres.isEmpty ? [0, 1] : [centres[0] - 0.5, centres[0] + 0.5] }
        var out = [centres[0] - (centres[1] - centres[0]) / 2]
        for k in 0..<(centres.count - 1) { out.append((centres[k] + centres[k + 1]) / 2) }
        out.append(centres[centres.count - 1] + (centres[centres.count - 1] - centres[centres.count - 2]) / 2)
        return out
    }

    /// Sequential: white → blue → dark; diverging: blue → white → red (fraction in 0…1).
    private func colour(_ fraction: Double) -> String {
        let f = min(1, max(0, fraction.isFinite ? fraction : 0))
        let stops: [(Double, (Double, Double, Double))] =
            diverging
            ? [(0, (33, 102, 172)), (0.5, (247, 247, 247)), (1, (178, 24, 43))]
            : [(0, (255, 255, 255)), (0.35, (158, 202, 225)), (0.7, (33, 113, 181)), (1, (8, 29, 88))]
        var k = 0
        while k < stops.count - 2 && f > stops[k + 1].0 { k += 1 }
        let (a, b) = (stops[k], stops[k + 1])
        let t = (f - a.0) / (b.0 - a.0)
        func mix(_ p: Double, _ q: Double) -> Int { Int((p + (q - p) * t).rounded()) }
        return "rgb(\(mix(a.1.0, b.1.0)),\(mix(a.1.1, b.1.1)),\(mix(a.1.2, b.1.2)))"
    }
}
