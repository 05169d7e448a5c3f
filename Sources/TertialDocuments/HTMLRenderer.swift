/// The document as one self-contained HTML page: screen reading and print (A4, page numbers in the
/// margin, each main section on a new page, table headers repeated across pages). The PDF is this
/// page printed by headless Chromium (`PDFPrinter`). The page allows no script and no fetch of
/// anything (its own Content-Security-Policy), wherever it is opened and when Chromium prints it.
public enum HTMLRenderer {
    /// `pages` (section anchor "s1", "s2", … → page) puts page numbers in the table of contents, for
    /// the PDF; an empty dictionary reserves their room without showing them (the first of two prints).
    public static func render(_ document: Document, pages: [String: Int]? = nil) -> String {
        let c = document.cover
        var out = """
        <!DOCTYPE html>
        <html lang="sv"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>\(c.title.xml) – \(c.committee.xml)</title>
        <style>\(css(running: "\(c.municipality) – \(c.title)"))</style>
        </head><body>
        <header class="cover">
        <p class="municipality">\(c.municipality.xml)</p>
        <h1>\(c.title.xml)</h1>
        <p class="committee">\(c.committee.xml)</p>
        <dl><dt>Period</dt><dd>\(c.period.xml)</dd><dt>Status</dt><dd>\(c.status.xml)</dd>
        """
        if let decision = c.decision { out += "<dt>Beslut</dt><dd>\(decision.xml)</dd>" }
        out += "<dt>Underlag</dt><dd>\(c.source.xml)</dd></dl></header>\n"

        let outline = document.outline()
        out += "<nav class=\"toc\" aria-labelledby=\"toc-h\"><h2 id=\"toc-h\">Innehållsförteckning</h2><ol>"
        for (index, entry) in outline.enumerated() {
            let number = entry.number.map { "<span class=\"num\">\($0)</span> " } ?? ""
            var page = ""
            if let pages {
                page = pages["s\(index + 1)"].map { "<span class=\"page\">\($0)</span>" } ?? "<span class=\"page pending\">000</span>"
            }
            out += "<li class=\"d\(entry.depth)\"><a href=\"#s\(index + 1)\"><span class=\"title\">\(number)\(entry.section.title.xml)</span>\(page)</a></li>"
        }
        out += "</ol></nav>\n<main>\n"
        var chartIndex = 0
        for (index, entry) in outline.enumerated() {
            let level = min(entry.depth + 1, 4)
            let number = entry.number.map { "<span class=\"num\">\($0)</span> " } ?? ""
            out += "<section class=\"d\(entry.depth)\"><h\(level) id=\"s\(index + 1)\">\(number)\(entry.section.title.xml)</h\(level)>\n"
            for block in entry.section.blocks { out += render(block, chartIndex: &chartIndex) }
            out += "</section>\n"
        }
        return out + "</main></body></html>\n"
    }

    /// One block as an HTML fragment (escaped as in the documents), for the web pages that show the
    /// same tables and charts as the documents.
    public static func fragment(_ block: Block) -> String {
        var index = 0
        return render(block, chartIndex: &index)
    }

    static func render(_ block: Block, chartIndex: inout Int) -> String {
        switch block {
        case .paragraph(let text): return "<p>\(text.xml)</p>\n"
        case .formatted(let inlines):
            return "<p>" + inlines.map { inline -> String in
                switch inline {
                case .text(let t): t.xml
                case .strong(let t): "<strong>\(t.xml)</strong>"
                case .emphasis(let t): "<em>\(t.xml)</em>"
                case .lineBreak: "<br>"
                }
            }.joined() + "</p>\n"
        case .subheading(let text): return "<p class=\"subheading\">\(text.xml)</p>\n"
        case .note(let text): return "<p class=\"note\">\(text.xml)</p>\n"
        case .bullets(let items): return "<ul>" + items.map { "<li>\($0.xml)</li>" }.joined() + "</ul>\n"
        case .numbered(let items): return "<ol>" + items.map { "<li>\($0.xml)</li>" }.joined() + "</ol>\n"
        case .status(let attainment, let text): return "<p class=\"status \(attainment.rawValue)\">\(text.xml)</p>\n"
        case .chart(let chart):
            chartIndex += 1
            return "<figure class=\"chart\">\(chart.svg)<figcaption>\(chart.title.xml)</figcaption></figure>\n"
        case .figure(let figure):
            return "<figure class=\"chart\">\(figure.svg)<figcaption>\(figure.title.xml)</figcaption></figure>\n"
        case .table(let table):
            var out = "<table><caption\(table.captionShown ? "" : " class=\"visually-hidden\"")>\(table.caption.xml)</caption><thead><tr>"
            for (i, heading) in table.header.enumerated() {
                out += "<th scope=\"col\"\(table.numericColumns.contains(i) ? " class=\"n\"" : "")>\(heading.xml)</th>"
            }
            out += "</tr></thead><tbody>"
            for row in table.rows {
                out += row.isSubRow ? "<tr class=\"sub\">" : row.isTotal ? "<tr class=\"total\">" : "<tr>"
                for (i, cell) in row.cells.enumerated() {
                    let detail = cell.detail.map { "<br><i>\($0.xml)</i>" } ?? ""
                    let classes = (table.numericColumns.contains(i) ? ["n"] : []) + (cell.continuesAbove ? ["cont"] : [])
                    let fill = cell.fill.map { " style=\"background:#\($0.xml)\"" } ?? ""
                    let text = FigureText.unbreakable(cell.text) // in any column: a target column is text, yet "≤64 000" is a figure
                    out += "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")\(fill)>\(text.xml)\(detail)</td>"
                }
                out += "</tr>"
            }
            return out + "</tbody></table>\n"
        }
    }

    static func css(running: String) -> String {
        let quoted = running.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "<", with: "\\3C ")
        return """
        @page { size: A4; margin: 22mm 18mm 22mm 18mm;
          @top-left { content: "\(quoted)"; font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #444; }
          @bottom-right { content: "Sida " counter(page) " av " counter(pages); font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #444; } }
        @page :first { @top-left { content: none; } @bottom-right { content: none; } }
        body { font: 10.5pt/1.45 "DejaVu Serif", Georgia, serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
        h1, h2, h3, h4, .subheading, caption, th, .cover, .toc { font-family: "DejaVu Sans", Arial, sans-serif; }
        .cover { min-height: 60vh; padding-top: 20vh; }
        .cover h1 { font-size: 26pt; margin: .2em 0; }
        .cover .municipality, .cover .committee { font-size: 14pt; margin: 0; }
        .cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin-top: 3em; }
        .cover dt { font-weight: bold; }
        .cover dd { margin: 0; }
        .toc ol { list-style: none; padding: 0; }
        .toc li.d2 { padding-left: 1.5em; } .toc li.d3 { padding-left: 3em; }
        .toc a { color: inherit; text-decoration: none; display: flex; align-items: baseline; gap: 1em; }
        .toc .title { flex: 1; }
        .toc .page { min-width: 2.5em; text-align: right; }
        .toc .pending { visibility: hidden; }
        h2 { font-size: 16pt; margin-top: 1.6em; } h3 { font-size: 13pt; } h4 { font-size: 11.5pt; }
        .subheading { font-weight: bold; margin: 1.2em 0 .3em; }
        .note { font-style: italic; color: #555; }
        .status { font-weight: bold; }
        table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font: 9pt/1.3 "DejaVu Sans", Arial, sans-serif; }
        caption { text-align: left; font-weight: bold; padding-bottom: .3em; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        th, td { border: 1px solid #8a9499; padding: .25em .4em; vertical-align: top; text-align: left; overflow-wrap: break-word; }
        th { background: #e4eaed; }
        .n { text-align: right; } /* figures keep together by their no-break spaces; long text targets wrap */
        td.cont { border-top: hidden; }
        tr.sub td:first-child, tr.sub td:nth-child(2) { padding-left: 1.2em; }
        tr.total td { font-weight: bold; }
        figure.chart { margin: .6em 0 1.2em; max-width: 36rem; }
        figure.chart svg { width: 100%; height: auto; }
        figcaption { font: 9pt "DejaVu Sans", Arial, sans-serif; color: #444; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; }
          .cover { break-after: page; min-height: 0; }
          .toc { break-after: page; }
          section.d1 { break-before: page; }
          section.d1:first-of-type { break-before: auto; }
          thead { display: table-header-group; }
          tr, figure { break-inside: avoid; }
          h2, h3, h4, .subheading { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """
    }
}
