import Foundation
import TertialCore

/// A document the committee decides on, publishes or archives, independent of its file format:
/// a cover, a table of contents, sections (numbered or not, as the template says) holding text,
/// tables and charts. Builders make it from a plan (`PlanDocumentBuilder`) or a follow-up
/// (`FollowUpReportBuilder`); renderers write it as HTML, DOCX, XLSX or CSV (`DocumentFormat`).
public struct Document: Hashable, Sendable {
    public struct Cover: Hashable, Sendable {
        public var municipality: String
        public var committee: String
        public var title: String
        /// "2024–2025", "Tertial 1 2024".
        public var period: String
        /// "Fastställd", "Utkast".
        public var status: String
        /// "Social- och omsorgsnämnden § 196, Dnr SON 2020-34", when decided.
        public var decision: String?
        /// Which plan version the document was built from, always stated.
        public var source: String

        public init(municipality: String, committee: String, title: String, period: String, status: String, decision: String?, source: String) {
            self.municipality = municipality; self.committee = committee; self.title = title; self.period = period
            self.status = status; self.decision = decision; self.source = source
        }
    }

    public var cover: Cover
    /// Whether headings carry numbers ("4.1 …"); Mark numbers its sections, Linköping does not.
    public var numbered: Bool
    public var sections: [Section]

    public init(cover: Cover, numbered: Bool, sections: [Section]) {
        self.cover = cover; self.numbered = numbered; self.sections = sections
    }

    /// A document that is only tables, one section each: an Excel export of a page's tables.
    public static func tables(_ tables: [Table], title: String, municipality: String, committee: String, source: String) -> Document {
        Document(cover: Cover(municipality: municipality, committee: committee, title: title, period: "", status: "", decision: nil, source: source),
                 numbered: false, sections: tables.map { Section($0.name, blocks: [.table($0)]) })
    }

    /// Every section with its number ("4.1") and depth (1…), in reading order.
    public func outline() -> [(number: String?, depth: Int, section: Section)] {
        var result: [(String?, Int, Section)] = []
        func walk(_ sections: [Section], prefix: String, depth: Int) {
            for (index, section) in sections.enumerated() {
                let number = prefix.isEmpty ? "\(index + 1)" : "\(prefix).\(index + 1)"
                result.append((numbered ? number : nil, depth, section))
                walk(section.children, prefix: number, depth: depth + 1)
            }
        }
        walk(sections, prefix: "", depth: 1)
        return result
    }

    /// Every table, in reading order (XLSX sheets and CSV files are made from these).
    public var tables: [Table] {
        outline().flatMap { $0.section.blocks.compactMap { block -> Table? in
            switch block {
            case .table(let t): t
            case .figure(let f): f.table
            default: nil
            }
        } }
    }
}

public struct Section: Hashable, Sendable {
    public var title: String
    public var blocks: [Block]
    public var children: [Section]

    public init(_ title: String, blocks: [Block] = [], children: [Section] = []) {
        self.title = title; self.blocks = blocks; self.children = children
    }
}

public enum Block: Hashable, Sendable {
    case paragraph(String)
    /// A paragraph of formatted text: runs of plain, strong and emphasised text (see `FormattedText`).
    case formatted([FormattedText.Inline])
    /// A small heading inside a section that is not part of the outline ("Nämndens mål: …").
    case subheading(String)
    /// Text that is not the plan's own words: a note that a section is not held in Tertial, an explanation.
    case note(String)
    case bullets([String])
    case numbered([String])
    case table(Table)
    case chart(Chart)
    /// A drawing that is not a chart of figures (the risk matrix): SVG where the format can show it
    /// (HTML, PDF), the same content as a table in Word.
    case figure(Figure)
    /// A goal's status as symbol and words ("● Uppfyllt"), with an optional reason line.
    case status(Attainment, String)
}

public struct Table: Hashable, Sendable {
    /// A short name for a sheet or a CSV file ("4.1 Bästa barnkommun").
    public var name: String
    public var caption: String
    public var header: [String]
    /// Which columns hold figures (right-aligned).
    public var numericColumns: Set<Int>
    public var rows: [Row]
    /// Whether the caption is printed above the table. A goal's indicator table stands right under the
    /// goal's heading, which names it: its caption is then only for screen readers (HTML) and Word's
    /// table title, so the goal is printed once.
    public var captionShown: Bool

    public init(name: String, caption: String, header: [String], numericColumns: Set<Int>, rows: [Row], captionShown: Bool = true) {
        self.name = name; self.caption = caption; self.header = header; self.numericColumns = numericColumns; self.rows = rows
        self.captionShown = captionShown
    }

    /// The table without the columns in `optional` that no row fills: a plan without any follow-up
    /// prints no status column, a list where nobody is named no *Ansvarig* column.
    public func droppingEmptyColumns(_ optional: Set<Int>) -> Table {
        let dropped = optional.filter { column in rows.allSatisfy { column >= $0.cells.count || $0.cells[column].text.isEmpty } }
        guard !dropped.isEmpty else { return self }
        let kept = header.indices.filter { !dropped.contains($0) }
        var table = self
        table.header = kept.map { header[$0] }
        table.numericColumns = Set(kept.enumerated().compactMap { numericColumns.contains($0.element) ? $0.offset : nil })
        table.rows = rows.map { row in
            var row = row
            row.cells = kept.compactMap { $0 < row.cells.count ? row.cells[$0] : nil }
            return row
        }
        return table
    }
}

public struct Row: Hashable, Sendable {
    public var cells: [Cell]
    /// A breakdown row under the row before it ("Kvinnor", "Män").
    public var isSubRow: Bool
    /// A computed total ("Summa för nämnden"): printed in bold.
    public var isTotal: Bool

    public init(_ cells: [Cell], isSubRow: Bool = false, isTotal: Bool = false) { self.cells = cells; self.isSubRow = isSubRow; self.isTotal = isTotal }
}

public struct Cell: Hashable, Sendable {
    /// As printed.
    public var text: String
    /// A second line in italics (a goal's description under its title).
    public var detail: String?
    /// The figure the text shows, when it is one (stored as a number in XLSX).
    public var number: Decimal?
    public var decimals: Int
    public var isPercent: Bool
    /// The cell above spans this row too (a goal printed once over its indicators): empty, and drawn
    /// without the line between them.
    public var continuesAbove: Bool
    /// A background colour ("F2A0A0"), never the only carrier of meaning: a risk matrix cell says its
    /// band in words too.
    public var fill: String?

    public init(_ text: String, detail: String? = nil, fill: String? = nil) {
        self.text = text; self.detail = detail; self.number = nil; self.decimals = 0; self.isPercent = false; self.continuesAbove = false
        self.fill = fill
    }

    /// The empty cell under a cell that spans several rows.
    public static var continuation: Cell {
        var cell = Cell("")
        cell.continuesAbove = true
        return cell
    }

    /// A value as printed ("4 319", "8,2%", "65.1", "i.u"): its number read the Swedish way when it is
    /// one, shown with as many decimals as it was written with, and at least the indicator's `decimals`.
    /// A text value (">98%", "52%/47%") stays text.
    public static func value(_ printed: String, decimals: Int = 0) -> Cell {
        var cell = Cell(printed)
        if let parsed = try? ValueText(printed), let number = parsed.number, !parsed.isText {
            // One minus sign in every table: a figure written with a hyphen ("-5", "- 6 279") prints with the
            // minus sign the amounts print with ("−5").
            if number < 0, let first = printed.firstIndex(where: { !$0.isWhitespace }), "-–".contains(printed[first]) {
                cell.text = printed.replacingCharacters(in: first...first, with: "−")
            }
            cell.number = number
            cell.isPercent = printed.contains("%")
            let written = printed.firstIndex(where: { $0 == "," || $0 == "." })
                .map { printed[printed.index(after: $0)...].prefix { $0.isNumber }.count } ?? 0
            cell.decimals = min(max(written, decimals), 2)
        }
        return cell
    }

    public var plainText: String { detail.map { "\(text) \($0)" } ?? text }
}

/// A line chart of one indicator: years along the bottom, one series per kind of figure.
public struct Figure: Hashable, Sendable {
    public var title: String
    /// What the figure shows, in words (alt text).
    public var description: String
    public var svg: String
    /// The same content as a table, for Word.
    public var table: Table

    public init(title: String, description: String, svg: String, table: Table) {
        self.title = title; self.description = description; self.svg = svg; self.table = table
    }
}

public struct Chart: Hashable, Sendable {
    public struct Series: Hashable, Sendable {
        public var name: String
        /// One value per category; nil where there is none.
        public var values: [Decimal?]
        public var dashed: Bool
        public init(name: String, values: [Decimal?], dashed: Bool) { self.name = name; self.values = values; self.dashed = dashed }
    }
    public var title: String
    /// What the chart shows, in words (alt text).
    public var description: String
    public var categories: [String]
    public var series: [Series]
    /// How to draw the same chart as SVG, for HTML and PDF: drawn already, or drawn from the
    /// indicator when a renderer asks (a Word document of 6 000 charts never needs their SVG).
    public var svgSource: SVGSource
    /// Lines over years (an indicator), or grouped columns (net cost per activity and year).
    public var kind: Kind = .line

    public enum Kind: Hashable, Sendable { case line, bar }
    public enum SVGSource: Hashable, Sendable {
        case drawn(String)
        case indicator(Indicator, id: String)
    }

    /// The chart as SVG.
    public var svg: String {
        switch svgSource {
        case .drawn(let svg): svg
        case .indicator(let indicator, let id): IndicatorChart.svg(indicator, id: id) ?? ""
        }
    }

    public init(title: String, description: String, categories: [String], series: [Series], svg: SVGSource, kind: Kind = .line) {
        self.title = title; self.description = description; self.categories = categories; self.series = series
        self.svgSource = svg; self.kind = kind
    }

    public init(title: String, description: String, categories: [String], series: [Series], svg: String, kind: Kind = .line) {
        self.init(title: title, description: description, categories: categories, series: series, svg: .drawn(svg), kind: kind)
    }
}

extension Block {
    /// A stored formatted text (safe Markdown) as document blocks: headings as subheadings, paragraphs
    /// with their emphasis, lists as lists.
    public static func blocks(fromMarkdown markdown: String?) -> [Block] {
        guard let markdown else { return [] }
        return FormattedText.parse(markdown).map { block in
            switch block {
            case .heading(_, let inlines): .subheading(inlines.map(\.plain).joined())
            case .paragraph(let inlines): inlines.allSatisfy { if case .text = $0 { true } else { false } } ? .paragraph(inlines.map(\.plain).joined()) : .formatted(inlines)
            case .bullets(let items): .bullets(items.map { $0.map(\.plain).joined() })
            case .numbered(let items): .numbered(items.map { $0.map(\.plain).joined() })
            }
        }
    }
}

/// Figures that must never break across lines inside a table cell ("≤64 000" printed as "≤64" over "000"):
/// a cell whose text is only figures, comparison signs and a short unit is joined with no-break spaces.
/// Text targets ("Bättre än föregående år", "95% inom 120 dgr") are left to wrap.
public enum FigureText {
    static let units: Set<String> = ["%", "kr", "tkr", "mnkr", "st", "dagar", "dgr", "år", "h", "timmar", "min", "procent"]

    public static func unbreakable(_ text: String) -> String {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: true)
        guard tokens.count > 1, tokens.count <= 5, text.count <= 24, text.contains(where: \.isNumber) else { return text }
        for token in tokens {
            let isSign = token.allSatisfy { "≤≥<>=~±+-−–".contains($0) }
            let isNumber = token.contains(where: \.isNumber) && token.allSatisfy { $0.isNumber || "≤≥<>=~±+-−–.,%".contains($0) }
            guard isSign || isNumber || units.contains(token.lowercased()) else { return text }
        }
        return tokens.joined(separator: "\u{00A0}")
    }
}
