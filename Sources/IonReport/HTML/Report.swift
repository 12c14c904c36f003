/// A report as data: sections of text, tables and plots, then the provenance. ``HTMLReport``
/// renders it as one self-contained page.
public struct Report: Sendable {
    public var title: String
    public var subtitle: String
    /// Headline numbers first (D, κ, t⁺, ionicity …), each row with its uncertainty and unit.
    public var summary: [ReportTable]
    public var sections: [ReportSection]
    /// (key, value) pairs: version, inputs, hashes, timings.
    public var provenance: [(String, String)]
    public var warnings: [String]

    public init(
        title: String, subtitle: String = "", summary: [ReportTable] = [], sections: [ReportSection] = [],
        provenance: [(String, String)] = [], warnings: [String] = []
    ) {
        self.title = title; self.subtitle = subtitle; self.summary = summary; self.sections = sections
        self.provenance = provenance; self.warnings = warnings
    }
}

public struct ReportSection: Sendable {
    public var title: String
    /// Paragraphs of plain text (escaped when rendered).
    public var text: [String]
    public var plots: [Plot]
    /// 2-D maps, drawn after the plots.
    public var heatmaps: [Heatmap] = []
    public var tables: [ReportTable]
    /// Files of this section in the output directory (CSV, JSON), linked from the page.
    public var files: [String]

    public init(
        title: String, text: [String] = [], plots: [Plot] = [], tables: [ReportTable] = [], files: [String] = []
    ) {
        self.title = title; self.text = text; self.plots = plots; self.tables = tables; self.files = files
    }
}

public struct ReportTable: Sendable {
    public var caption: String
    public var columns: [String]
    public var rows: [[String]]
    public init(caption: String, columns: [String], rows: [[String]]) {
        self.caption = caption; self.columns = columns; self.rows = rows
    }
}
