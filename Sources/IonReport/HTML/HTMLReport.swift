/// Renders a ``Report`` as one HTML page with inline CSS and inline SVG: no scripts, no network,
/// readable offline and printable.
public enum HTMLReport {
    public static func render(_ report: Report) -> String {
        var html = [
            "<!DOCTYPE html>", #"<html lang="en"><head><meta charset="utf-8">"#,
            #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
            "<title>\(escape(report.title))</title>", "<style>\(style)</style></head><body>",
            "<header><h1>\(escape(report.title))</h1>",
        ]
        if !report.subtitle.isEmpty { html.append("<p class=\"subtitle\">\(escape(report.subtitle))</p>") }
        html.append("</header>")
        if !report.sections.isEmpty {
            html.append(
                "<nav><ul>"
                    + report.sections.enumerated().map {
                        ##"<li><a href="#s\##($0.offset)">\##(escape($0.element.title))</a></li>"##
                    }.joined() + "</ul></nav>")
        }
        if !report.warnings.isEmpty {
            html.append(
                #"<section class="warnings"><h2>Warnings</h2><ul>"#
                    + report.warnings.map { "<li>\(escape($0))</li>" }.joined() + "</ul></section>")
        }
        if !report.summary.isEmpty {
            html.append(#"<section class="summary"><h2>Summary</h2>"#)
            for table in report.summary { html.append(render(table)) }
            html.append("</section>")
        }
        for (k, section) in report.sections.enumerated() {
            html.append(#"<section id="s\#(k)"><h2>\#(escape(section.title))</h2>"#)
            for paragraph in section.text { html.append("<p>\(escape(paragraph))</p>") }
            if !section.plots.isEmpty || !section.heatmaps.isEmpty {
                html.append(#"<div class="plots">"#)
                for plot in section.plots { html.append("<figure>" + SVGRenderer.render(plot) + "</figure>") }
                for map in section.heatmaps { html.append("<figure>" + map.svg() + "</figure>") }
                html.append("</div>")
            }
            for table in section.tables { html.append(render(table)) }
            if !section.files.isEmpty {
                html.append(
                    #"<p class="files">Data: "#
                        + section.files.map { #"<a href="\#(escape($0))">\#(escape($0))</a>"# }.joined(separator: " · ")
                        + "</p>")
            }
            html.append("</section>")
        }
        if !report.provenance.isEmpty {
            html.append(#"<section class="provenance"><h2>Provenance</h2><table>"#)
            for (key, value) in report.provenance {
                html.append("<tr><th>\(escape(key))</th><td>\(escape(value))</td></tr>")
            }
            html.append("</table></section>")
        }
        html.append("</body></html>")
        return html.joined(separator: "\n")
    }

    static func render(_ table: ReportTable) -> String {
        var out = ["<table>"]
        if !table.caption.isEmpty { out.append("<caption>\(escape(table.caption))</caption>") }
        if table.columns.contains(where: { !$0.isEmpty }) {
            out.append("<thead><tr>" + table.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>")
        }
        out.append("<tbody>")
        for row in table.rows { out.append("<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>") }
        out.append("</tbody></table>")
        return out.joined(separator: "\n")
    }

    static let style = """
        body{font-family:Helvetica,Arial,sans-serif;max-width:1360px;margin:0 auto;padding:0 24px 48px;color:#222;line-height:1.45}
        header{border-bottom:2px solid #0072B2;margin-bottom:12px}h1{margin:18px 0 4px;font-size:26px}
        .subtitle{color:#555;margin:0 0 12px}h2{font-size:20px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
        nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 16px;font-size:14px}nav a{color:#0072B2}
        .plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
        figure{margin:0;border:1px solid #e3e3e3;border-radius:4px;padding:4px;background:#fff}svg.plot{width:100%;height:auto;display:block}
        table{border-collapse:collapse;margin:12px 0;font-size:14px}caption{text-align:left;font-weight:bold;padding:4px 0}
        th,td{border:1px solid #ddd;padding:4px 10px;text-align:left;vertical-align:top}thead th{background:#f3f6f9}
        td{font-variant-numeric:tabular-nums}.warnings{background:#fff6e5;border:1px solid #f0c36d;padding:0 12px;border-radius:4px}
        .files{font-size:13px;color:#555}.provenance td{font-family:monospace;font-size:12px;word-break:break-all}
        """
}
