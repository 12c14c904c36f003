import Foundation

/// Draws a ``Plot`` as a self-contained SVG element (no scripts, no external fonts), sized by
/// its viewBox so it scales with the page.
public enum SVGRenderer {
    /// Colours for successive series, distinguishable for common colour-vision deficiencies
    /// (Okabe–Ito).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    public static func render(_ plot: Plot, width: Double = 640, height: Double = 400) -> String {
        let left = 72.0, right = 16.0, top = 34.0, bottom = 52.0
        let legendRows = plot.series.count > 1 ? plot.series.count : 0
        let plotBottom = height - bottom
        let drawable = plot.series.map { s in zip(s.x, s.y).filter { plot.isDrawable($0, $1) } }
        var xs = drawable.flatMap { $0.map(\.0) }, ys = drawable.flatMap { $0.map(\.1) }
        for s in plot.series {
            if let band = s.band {
                ys += (band.lower + band.upper).filter { $0.isFinite && (!plot.yAxis.logarithmic || $0 > 0) }
            }
        }
        for m in plot.markers { xs.append(m.from); if let to = m.to { xs.append(to) } }
        if let h = plot.horizontalLine, !plot.yAxis.logarithmic || h > 0 { ys.append(h) }
        let clipID = stableID(plot.title + plot.xAxis.label + plot.yAxis.label)
        let xScale = AxisScale(
            values: xs, logarithmic: plot.xAxis.logarithmic, fixed: plot.xAxis.range, pixels: (left, width - right))
        let yScale = AxisScale(
            values: ys, logarithmic: plot.yAxis.logarithmic, fixed: plot.yAxis.range, pixels: (plotBottom, top))
        var svg = [
            #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(n(width)) \#(n(height))" class="plot" role="img" aria-label="\#(escape(plot.title))" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
        ]
        svg.append(#"<rect x="0" y="0" width="\#(n(width))" height="\#(n(height))" fill="rgb(255,255,255)"/>"#)
        svg.append(#"<text x="\#(n(left))" y="20" font-size="14" font-weight="bold">\#(escape(plot.title))</text>"#)
        svg.append(
            #"<clipPath id="clip\#(clipID)"><rect x="\#(n(left))" y="\#(n(top))" width="\#(n(width - right - left))" height="\#(n(plotBottom - top))"/></clipPath>"#
        )
        // Grid and ticks.
        for tick in xScale.ticks {
            let x = xScale.pixel(tick.value)
            svg.append(
                #"<line x1="\#(n(x))" y1="\#(n(top))" x2="\#(n(x))" y2="\#(n(plotBottom))" stroke="rgb(229,229,229)"/>"#
            )
            svg.append(
                #"<text x="\#(n(x))" y="\#(n(plotBottom + 16))" text-anchor="middle">\#(escape(tick.label))</text>"#)
        }
        for tick in yScale.ticks {
            let y = yScale.pixel(tick.value)
            svg.append(
                #"<line x1="\#(n(left))" y1="\#(n(y))" x2="\#(n(width - right))" y2="\#(n(y))" stroke="rgb(229,229,229)"/>"#
            )
            svg.append(#"<text x="\#(n(left - 6))" y="\#(n(y + 4))" text-anchor="end">\#(escape(tick.label))</text>"#)
        }
        svg.append(
            #"<rect x="\#(n(left))" y="\#(n(top))" width="\#(n(width - right - left))" height="\#(n(plotBottom - top))" fill="none" stroke="rgb(68,68,68)"/>"#
        )
        svg.append(
            #"<text x="\#(n((left + width - right) / 2))" y="\#(n(height - 12))" text-anchor="middle">\#(escape(plot.xAxis.label))</text>"#
        )
        svg.append(
            #"<text transform="translate(16 \#(n((top + plotBottom) / 2))) rotate(-90)" text-anchor="middle">\#(escape(plot.yAxis.label))</text>"#
        )
        let clip = #"clip-path="url(#clip\#(clipID))""#
        // Markers.
        for (k, marker) in plot.markers.enumerated() {
            let x0 = xScale.pixel(marker.from)
            if let to = marker.to {
                let x1 = xScale.pixel(to)
                svg.append(
                    #"<rect x="\#(n(min(x0, x1)))" y="\#(n(top))" width="\#(n(abs(x1 - x0)))" height="\#(n(plotBottom - top))" fill="rgb(153,153,153)" fill-opacity="0.15" \#(clip)><title>\#(escape(marker.label))</title></rect>"#
                )
            } else {
                svg.append(
                    #"<line x1="\#(n(x0))" y1="\#(n(top))" x2="\#(n(x0))" y2="\#(n(plotBottom))" stroke="rgb(119,119,119)" stroke-dasharray="4 3" \#(clip)/>"#
                )
            }
            svg.append(
                #"<text x="\#(n(x0 + 4))" y="\#(n(top + 14 + 13 * Double(k)))" fill="rgb(85,85,85)" font-size="11">\#(escape(marker.label))</text>"#
            )
        }
        if let h = plot.horizontalLine, !plot.yAxis.logarithmic || h > 0 {
            let y = yScale.pixel(h)
            svg.append(
                #"<line x1="\#(n(left))" y1="\#(n(y))" x2="\#(n(width - right))" y2="\#(n(y))" stroke="rgb(136,136,136)" stroke-dasharray="2 3"/>"#
            )
        }
        // Series: bands first, then lines and points.
        for (k, s) in plot.series.enumerated() {
            let colour = palette[k % palette.count]
            if let band = s.band {
                let upper = zip(s.x, band.upper).filter { plot.isDrawable($0, $1) }
                let lower = zip(s.x, band.lower).filter { plot.isDrawable($0, $1) }.reversed()
                let points = (upper + lower).map { "\(n(xScale.pixel($0.0))),\(n(yScale.pixel($0.1)))" }
                if !points.isEmpty {
                    svg.append(
                        #"<polygon points="\#(points.joined(separator: " "))" fill="\#(colour)" fill-opacity="0.3" stroke="\#(colour)" stroke-opacity="0.45" stroke-width="0.8" \#(clip)/>"#
                    )
                }
            }
            let points = drawable[k].map { (xScale.pixel($0.0), yScale.pixel($0.1)) }
            switch s.style {
            case .line, .dashed:
                let path = points.enumerated().map {
                    "\($0.offset == 0 ? "M" : "L")\(n($0.element.0)) \(n($0.element.1))"
                }.joined()
                if !path.isEmpty {
                    let dash = s.style == .dashed ? #" stroke-dasharray="6 4""# : ""
                    svg.append(
                        #"<path class="series" d="\#(path)" fill="none" stroke="\#(colour)" stroke-width="1.8"\#(dash) \#(clip)/>"#
                    )
                }
            case .steps:
                // A histogram outline: each value held flat over its bin (bins centred on x).
                guard points.count >= 1 else { break }
                let width = points.count > 1 ? points[1].0 - points[0].0 : 12
                var path = "M\(n(points[0].0 - width / 2)) \(n(yScale.pixel(max(yScale.low, 0))))"
                for p in points { path += "L\(n(p.0 - width / 2)) \(n(p.1))L\(n(p.0 + width / 2)) \(n(p.1))" }
                path += "L\(n(points.last!.0 + width / 2)) \(n(yScale.pixel(max(yScale.low, 0))))"
                svg.append(
                    #"<path class="series" d="\#(path)" fill="\#(colour)" fill-opacity="0.25" stroke="\#(colour)" stroke-width="1.5" \#(clip)/>"#
                )
            case .points:
                for p in points {
                    svg.append(
                        #"<circle class="series" cx="\#(n(p.0))" cy="\#(n(p.1))" r="2.6" fill="\#(colour)" \#(clip)/>"#)
                }
            }
        }
        // Legend inside the frame, in the corner that covers the fewest drawn points.
        if legendRows > 0 {
            let widest = plot.series.map(\.label.count).max() ?? 0
            let boxWidth = Double(widest) * 6.6 + 34, boxHeight = Double(legendRows) * 16 + 8
            let corners = [
                (width - right - boxWidth - 8, top + 6), (left + 8, top + 6),
                (width - right - boxWidth - 8, plotBottom - boxHeight - 6), (left + 8, plotBottom - boxHeight - 6),
            ]
            let pixels = drawable.flatMap { $0.map { (xScale.pixel($0.0), yScale.pixel($0.1)) } }
            let covered = corners.map { corner in
                pixels.filter {
                    $0.0 >= corner.0 && $0.0 <= corner.0 + boxWidth && $0.1 >= corner.1 && $0.1 <= corner.1 + boxHeight
                }.count
            }
            let best = covered.indices.min { covered[$0] < covered[$1] }!
            let (x, boxTop) = corners[best]
            svg.append(
                #"<rect x="\#(n(x))" y="\#(n(boxTop))" width="\#(n(boxWidth))" height="\#(n(boxHeight))" fill="rgb(255,255,255)" fill-opacity="0.85" stroke="rgb(204,204,204)"/>"#
            )
            for (k, s) in plot.series.enumerated() {
                let y = boxTop + 12 + Double(k) * 16, colour = palette[k % palette.count]
                svg.append(
                    #"<line x1="\#(n(x + 6))" y1="\#(n(y - 4))" x2="\#(n(x + 24))" y2="\#(n(y - 4))" stroke="\#(colour)" stroke-width="2.5"\#(s.style == .dashed ? #" stroke-dasharray="5 3""# : "")/>"#
                )
                svg.append(#"<text x="\#(n(x + 29))" y="\#(n(y))">\#(escape(s.label))</text>"#)
            }
        }
        if !plot.hasDrawablePoints {
            svg.append(
                #"<text x="\#(n(width / 2))" y="\#(n(height / 2))" text-anchor="middle" fill="rgb(170,0,0)">no data to draw</text>"#
            )
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    /// A number for an SVG attribute: two decimals, no exponent.
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return String(format: "%.2f", value)
    }
}

/// A short id that is the same in every run (FNV-1a of the text), for element ids.
func stableID(_ text: String) -> String {
    var hash: UInt64 = 0xcbf29ce484222325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
    return String(hash & 0xffffffffff, radix: 36)
}

/// Escapes text for XML and HTML content and attributes.
public func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}
