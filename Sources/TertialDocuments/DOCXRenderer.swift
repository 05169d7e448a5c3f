import Foundation

/// The document as a Word file (Office Open XML, read by Word and LibreOffice without repair):
/// built-in heading styles with the section numbers in the text, so Word's own table of contents
/// works; a table of contents whose entries carry page references; real tables whose header
/// row repeats on every page; header and footer with the municipality, title and "Sida X av Y";
/// native line charts. The same document gives the same bytes (`ZipArchive` has no time stamps).
public enum DOCXRenderer {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let r = OpenXMLPackage.relationshipTypes
    static let textWidth = 9638   // A4 (11 906 twips) less two 2 cm margins

    public static func render(_ document: Document) -> Data {
        var writer = Writer()
        let body = writer.body(document)
        var zip = ZipArchive()
        zip.add("[Content_Types].xml", contentTypes(charts: writer.charts.count))
        zip.add("_rels/.rels", OpenXMLPackage.relationships([
            ("rId1", OpenXMLPackage.officeDocument, "word/document.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ]))
        zip.add("docProps/core.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(document.cover.title.xml)</dc:title>\
        <dc:subject>\(document.cover.committee.xml), \(document.cover.municipality.xml)</dc:subject>\
        <dc:creator>Tertial</dc:creator><dc:language>sv-SE</dc:language></cp:coreProperties>
        """)
        zip.add("word/document.xml", body)
        zip.add("word/styles.xml", styles)
        zip.add("word/settings.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:settings xmlns:w="\(w)"><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/>\
        <w:updateFields w:val="true"/><w:themeFontLang w:val="sv-SE"/></w:settings>
        """)
        let running = "\(document.cover.municipality) – \(document.cover.title)"
        zip.add("word/header1.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:hdr xmlns:w="\(w)"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:t xml:space="preserve">\(running.xml)</w:t></w:r></w:p></w:hdr>
        """)
        zip.add("word/footer1.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:ftr xmlns:w="\(w)"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="right"/></w:pPr>\
        <w:r><w:t xml:space="preserve">Sida </w:t></w:r>\(field("PAGE", cached: "1"))\
        <w:r><w:t xml:space="preserve"> av </w:t></w:r>\(field("NUMPAGES", cached: "1"))</w:p></w:ftr>
        """)
        var rels: [(id: String, type: String, target: String)] = [
            ("rIdStyles", "\(r)/styles", "styles.xml"), ("rIdSettings", "\(r)/settings", "settings.xml"),
            ("rIdHeader", "\(r)/header", "header1.xml"), ("rIdFooter", "\(r)/footer", "footer1.xml"),
        ]
        for (index, chart) in writer.charts.enumerated() {
            rels.append(("rIdChart\(index + 1)", "\(r)/chart", "charts/chart\(index + 1).xml"))
            zip.add("word/charts/chart\(index + 1).xml", chartXML(chart))
        }
        zip.add("word/_rels/document.xml.rels", OpenXMLPackage.relationships(rels))
        return zip.data()
    }

    static func contentTypes(charts: Int) -> String {
        let word = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        return OpenXMLPackage.contentTypes([
            ("/word/document.xml", "\(word).document.main+xml"), ("/word/styles.xml", "\(word).styles+xml"),
            ("/word/settings.xml", "\(word).settings+xml"), ("/word/header1.xml", "\(word).header+xml"),
            ("/word/footer1.xml", "\(word).footer+xml"), ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ] + (0..<charts).map { ("/word/charts/chart\($0 + 1).xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml") })
    }

    static func field(_ instruction: String, cached: String) -> String {
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> \(instruction) </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>\(cached.xml)</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    }

    static func paragraph(_ text: String, style: String? = nil, extra: String = "", runProperties: String = "") -> String {
        let pPr = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/>\(extra)</w:pPr>" } ?? (extra.isEmpty ? "" : "<w:pPr>\(extra)</w:pPr>")
        let rPr = runProperties.isEmpty ? "" : "<w:rPr>\(runProperties)</w:rPr>"
        return "<w:p>\(pPr)<w:r>\(rPr)<w:t xml:space=\"preserve\">\(text.xml)</w:t></w:r></w:p>"
    }

    struct Writer {
        var charts: [Chart] = []
        var drawingID = 0

        mutating func body(_ document: Document) -> String {
            let c = document.cover
            var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:document xmlns:w=\"\(w)\" xmlns:r=\"\(r)\" "
                + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
                + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                + "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><w:body>"
            // Cover.
            out += paragraph(c.municipality, style: "CoverMunicipality")
            out += paragraph(c.title, style: "Title")
            out += paragraph(c.committee, style: "Subtitle")
            var facts = [("Period", c.period), ("Status", c.status)]
            if let decision = c.decision { facts.append(("Beslut", decision)) }
            facts.append(("Underlag", c.source))
            for (label, value) in facts {
                out += "<w:p><w:pPr><w:pStyle w:val=\"CoverFact\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">\(label.xml): </w:t></w:r>"
                    + "<w:r><w:t xml:space=\"preserve\">\(value.xml)</w:t></w:r></w:p>"
            }
            // Table of contents: one line per heading with a link and a PAGEREF field to the heading's bookmark.
            // Not wrapped in a TOC field: LibreOffice keeps a TOC field's stored text (no page numbers), but it
            // lays out PAGEREF fields itself; Word fills them in when it updates fields (settings ask it to on
            // opening). The headings use Word's built-in heading styles, so Word's own TOC can replace this.
            let outline = document.outline()
            out += paragraph("Innehållsförteckning", style: "TOCHeading", extra: "<w:pageBreakBefore/>")
            for (index, entry) in outline.enumerated() where entry.depth <= 3 {
                var p = "<w:p><w:pPr><w:pStyle w:val=\"TOC\(entry.depth)\"/><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"\(textWidth)\"/></w:tabs></w:pPr>"
                let title = (entry.number.map { "\($0) " } ?? "") + entry.section.title
                p += "<w:hyperlink w:anchor=\"_Toc\(index + 1)\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">\(title.xml)</w:t></w:r><w:r><w:tab/></w:r>"
                p += field("PAGEREF _Toc\(index + 1) \\h", cached: "") + "</w:hyperlink>"
                out += p + "</w:p>"
            }
            // Sections.
            for (index, entry) in outline.enumerated() {
                let title = (entry.number.map { "\($0) " } ?? "") + entry.section.title
                let style = "Heading\(min(entry.depth, 3))"
                out += "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr><w:bookmarkStart w:id=\"\(index + 1)\" w:name=\"_Toc\(index + 1)\"/>"
                    + "<w:r><w:t xml:space=\"preserve\">\(title.xml)</w:t></w:r><w:bookmarkEnd w:id=\"\(index + 1)\"/></w:p>"
                for block in entry.section.blocks { out += render(block) }
            }
            out += "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
                + "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" w:right=\"1134\" w:bottom=\"1418\" w:left=\"1134\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
                + "<w:titlePg/></w:sectPr></w:body></w:document>"
            return out
        }

        mutating func render(_ block: Block) -> String {
            switch block {
            case .paragraph(let text): return paragraph(text)
            case .formatted(let inlines):
                return "<w:p>" + inlines.map { inline -> String in
                    switch inline {
                    case .text(let t): "<w:r><w:t xml:space=\"preserve\">\(t.xml)</w:t></w:r>"
                    case .strong(let t): "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">\(t.xml)</w:t></w:r>"
                    case .emphasis(let t): "<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">\(t.xml)</w:t></w:r>"
                    case .lineBreak: "<w:r><w:br/></w:r>"
                    }
                }.joined() + "</w:p>"
            case .subheading(let text): return paragraph(text, style: "Subheading")
            case .note(let text): return paragraph(text, style: "Note")
            case .status(_, let text): return paragraph(text, style: "Status")
            case .bullets(let items): return items.map { paragraph("•\t" + $0, style: "ListBullet") }.joined()
            case .numbered(let items): return items.enumerated().map { paragraph("\($0.offset + 1).\t" + $0.element, style: "ListNumber") }.joined()
            case .table(let table): return DOCXRenderer.table(table)
            case .figure(let figure): return DOCXRenderer.table(figure.table)
            case .chart(let chart):
                charts.append(chart)
                drawingID += 1
                let n = charts.count
                // Horizontal bars need room for every activity; a line chart has a fixed height.
                let height = chart.kind == .bar ? max(2_520_000, 700_000 + chart.categories.count * (chart.series.count * 120_000 + 120_000)) : 2_520_000
                return "<w:p><w:pPr><w:pStyle w:val=\"Figure\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
                    + "<wp:extent cx=\"5400000\" cy=\"\(height)\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
                    + "<wp:docPr id=\"\(drawingID)\" name=\"Diagram \(n)\" descr=\"\(chart.description.xml)\" title=\"\(chart.title.xml)\"/><wp:cNvGraphicFramePr/>"
                    + "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
                    + "<c:chart r:id=\"rIdChart\(n)\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
                    + paragraph(chart.title, style: "Caption")
            }
        }
    }

    /// Column widths (twips) that add up to `total`. Every column is at least as wide as its longest
    /// word or figure (figures group with no-break spaces, so "21 500" is one word), so Word never
    /// breaks inside one ("Utfal l", "21 50 0"); the room left goes to the columns that want more:
    /// figures and short targets up to their full length, text in proportion to √(average length).
    static func columnWidths(_ table: Table, total: Int) -> [Int] {
        let charWidth = 105.0, padding = 170.0 // 8,5 pt sans, bold headings; cell margins
        let columns = table.header.count
        var minimum: [Double] = [], wanted: [Double] = [], essential: [Double] = []
        for i in 0..<columns {
            let texts = table.rows.map { $0.cells.indices.contains(i) ? $0.cells[i].plainText : "" }
            // A soft hyphen (U+00AD) is where Word may break a word: each part counts as a word.
            let words = ([table.header[i]] + texts).flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{AD}" }) }
            let longestWord = Double(words.map(\.count).max() ?? 3)
            let lengths = texts.map(\.count)
            let want: Double
            if table.numericColumns.contains(i) || lengths.allSatisfy({ $0 <= 8 }) {
                want = max(longestWord, Double(min(lengths.max() ?? 0, 24)), 5)
            } else {
                let filled = lengths.filter { $0 > 0 }
                let average = Double(filled.reduce(0, +)) / Double(max(1, filled.count))
                want = min(60, max(longestWord + 2, 6 * average.squareRoot(), 12))
            }
            // Short cells ("= 100%", "≥ 90 %") stay on one line too: only long text wraps.
            let shortCell = Double(lengths.filter { $0 <= 8 }.max() ?? 0)
            minimum.append(max(longestWord, shortCell, 3) * charWidth + padding)
            wanted.append(max(want * charWidth + padding, minimum[i]))
            let headerWord = Double(table.header[i].split(whereSeparator: { $0 == " " || $0 == "\u{AD}" }).map(\.count).max() ?? 3)
            essential.append(max(headerWord, shortCell, 3) * charWidth + padding)
        }
        let room = Double(total)
        var widths: [Double]
        if wanted.reduce(0, +) <= room {
            let scale = room / wanted.reduce(0, +)
            widths = wanted.map { $0 * scale }
        } else if minimum.reduce(0, +) < room {
            let extra = room - minimum.reduce(0, +)
            let desire = zip(wanted, minimum).map { $0 - $1 }
            let totalDesire = max(desire.reduce(0, +), 1)
            widths = zip(minimum, desire).map { $0 + extra * $1 / totalDesire }
        } else if essential.reduce(0, +) < room {
            // The longest words of the cells do not fit side by side: the headings and short cells keep
            // their words whole, and the room left goes to the columns whose long words would break.
            let extra = room - essential.reduce(0, +)
            let desire = zip(minimum, essential).map { $0 - $1 }
            let totalDesire = max(desire.reduce(0, +), 1)
            widths = zip(essential, desire).map { $0 + extra * $1 / totalDesire }
        } else {
            // Even the headings do not fit side by side: shrink evenly (the document stays on the page).
            let scale = room / minimum.reduce(0, +)
            widths = minimum.map { $0 * scale }
        }
        var result = widths.map { Int($0.rounded(.down)) }
        if !result.isEmpty { result[result.count - 1] += total - result.reduce(0, +) }
        return result
    }

    static func table(_ table: Table) -> String {
        let columns = table.header.count
        let widths = columnWidths(table, total: textWidth)
        var out = table.captionShown ? paragraph(table.caption, style: "Caption", extra: "<w:keepNext/>") : ""
        out += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TertialTable\"/><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
            + (table.captionShown ? "" : "<w:tblCaption w:val=\"\(table.caption.xml)\"/>")
            + "<w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        for width in widths { out += "<w:gridCol w:w=\"\(width)\"/>" }
        out += "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        for (i, heading) in table.header.enumerated() {
            out += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[i])\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E4EAED\"/></w:tcPr>"
                + paragraph(heading, style: "TableHeading", extra: table.numericColumns.contains(i) ? "<w:jc w:val=\"right\"/>" : "") + "</w:tc>"
        }
        out += "</w:tr>"
        func cellAt(_ r: Int, _ i: Int) -> Cell? { table.rows.indices.contains(r) && table.rows[r].cells.indices.contains(i) ? table.rows[r].cells[i] : nil }
        for (r, row) in table.rows.enumerated() {
            out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for i in 0..<columns {
                let cell = cellAt(r, i) ?? Cell("")
                let numeric = table.numericColumns.contains(i)
                var extra = numeric ? "<w:jc w:val=\"right\"/>" : ""
                if row.isSubRow && i < 2 && !numeric && !cell.continuesAbove { extra += "<w:ind w:left=\"227\"/>" }
                // A cell spanning rows: no line under it while the next row continues it.
                var borders = ""
                if cell.continuesAbove { borders += "<w:top w:val=\"nil\"/>" }
                if cellAt(r + 1, i)?.continuesAbove == true { borders += "<w:bottom w:val=\"nil\"/>" }
                if !borders.isEmpty { borders = "<w:tcBorders>\(borders)</w:tcBorders>" }
                let shade = cell.fill.map { "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\($0.xml)\"/>" } ?? ""
                out += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[i])\" w:type=\"dxa\"/>\(borders)\(shade)</w:tcPr>"
                    + paragraph(FigureText.unbreakable(cell.text), style: "TableText", extra: extra, runProperties: row.isTotal ? "<w:b/>" : "")
                if let detail = cell.detail { out += paragraph(detail, style: "TableText", runProperties: "<w:i/>") }
                out += "</w:tc>"
            }
            out += "</w:tr>"
        }
        return out + "</w:tbl>" + paragraph("", style: "AfterTable")
    }

    static func chartXML(_ chart: Chart) -> String {
        let colours = ["Utfall": "0B5A8A", "Utfall kvinnor": "8A3B8F", "Utfall män": "1E6B34", "Prognos": "0B5A8A", "Mål": "8A5A00"]
        var series = ""
        if chart.kind == .bar { return barChartXML(chart) }
        for (index, s) in chart.series.enumerated() {
            let colour = colours[s.name] ?? "444444"
            let column = String(UnicodeScalar(UInt8(66 + index)))
            series += "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/>"
                + "<c:tx><c:strRef><c:f>Blad1!$\(column)$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>\(s.name.xml)</c:v></c:pt></c:strCache></c:strRef></c:tx>"
                + "<c:spPr><a:ln w=\"28575\"><a:solidFill><a:srgbClr val=\"\(colour)\"/></a:solidFill>\(s.dashed ? "<a:prstDash val=\"dash\"/>" : "")</a:ln></c:spPr>"
                + "<c:marker><c:symbol val=\"\(s.name == "Mål" ? "dash" : "circle")\"/><c:size val=\"7\"/>"
                + "<c:spPr><a:solidFill><a:srgbClr val=\"\(s.name == "Prognos" ? "FFFFFF" : colour)\"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val=\"\(colour)\"/></a:solidFill></a:ln></c:spPr></c:marker>"
                + seriesData(chart, s, column: column) + "<c:smooth val=\"0\"/></c:ser>"
        }
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:r="\(r)"><c:lang val="sv-SE"/><c:roundedCorners val="0"/><c:chart>\
        <c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1100" b="1"/></a:pPr><a:r><a:rPr lang="sv-SE" sz="1100" b="1"/><a:t>\(chart.title.xml)</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>\
        <c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>\(series)\
        <c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>\
        <c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>\
        <c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>\
        <c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="#,##0.##" sourceLinked="0"/>\
        <c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>\
        </c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>
        """
    }

    /// A series' categories and values, with the sheet references Word wants beside the cached figures.
    static func seriesData(_ chart: Chart, _ s: Chart.Series, column: String) -> String {
        func number(_ d: Decimal) -> String { NSDecimalNumber(decimal: d).stringValue }
        return "<c:cat><c:strRef><c:f>Blad1!$A$2:$A$\(chart.categories.count + 1)</c:f><c:strCache><c:ptCount val=\"\(chart.categories.count)\"/>"
            + chart.categories.enumerated().map { "<c:pt idx=\"\($0.offset)\"><c:v>\($0.element.xml)</c:v></c:pt>" }.joined()
            + "</c:strCache></c:strRef></c:cat>"
            + "<c:val><c:numRef><c:f>Blad1!$\(column)$2:$\(column)$\(chart.categories.count + 1)</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"\(chart.categories.count)\"/>"
            + s.values.enumerated().compactMap { i, v in v.map { "<c:pt idx=\"\(i)\"><c:v>\(number($0))</c:v></c:pt>" } }.joined()
            + "</c:numCache></c:numRef></c:val>"
    }

    /// Grouped horizontal bars (activity names are long): one series per budget column, one category per activity.
    static func barChartXML(_ chart: Chart) -> String {
        let colours = ["8A9499", "5B8DB8", "0B5A8A", "1E6B34", "8A5A00", "8A3B8F"]
        var series = ""
        for (index, s) in chart.series.enumerated() {
            let column = String(UnicodeScalar(UInt8(66 + index)))
            series += "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/>"
                + "<c:tx><c:strRef><c:f>Blad1!$\(column)$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>\(s.name.xml)</c:v></c:pt></c:strCache></c:strRef></c:tx>"
                + "<c:spPr><a:solidFill><a:srgbClr val=\"\(colours[index % colours.count])\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
                + seriesData(chart, s, column: column) + "</c:ser>"
        }
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:r="\(r)"><c:lang val="sv-SE"/><c:roundedCorners val="0"/><c:chart>\
        <c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1100" b="1"/></a:pPr><a:r><a:rPr lang="sv-SE" sz="1100" b="1"/><a:t>\(chart.title.xml)</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>\
        <c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>\(series)\
        <c:gapWidth val="60"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>\
        <c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>\
        <c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>\
        <c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/>\
        <c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>\
        </c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>
        """
    }

    /// Element order inside pPr, rPr, settings and the rest follows the schema's sequences: Word
    /// refuses ("unreadable content") what LibreOffice quietly accepts.
    static let styles: String = {
        func style(_ id: String, _ name: String, basedOn: String? = "Normal", next: String? = nil, pPr: String = "", rPr: String = "", extra: String = "") -> String {
            "<w:style w:type=\"paragraph\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
                + (basedOn.map { "<w:basedOn w:val=\"\($0)\"/>" } ?? "") + (next.map { "<w:next w:val=\"\($0)\"/>" } ?? "")
                + extra + "<w:qFormat/><w:pPr>\(pPr)</w:pPr><w:rPr>\(rPr)</w:rPr></w:style>"
        }
        let sans = "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles xmlns:w=\"\(w)\">"
            + "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Georgia\" w:hAnsi=\"Georgia\" w:cs=\"Georgia\" w:eastAsia=\"Georgia\"/>"
            + "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"sv-SE\" w:eastAsia=\"sv-SE\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
            + style("Title", "Title", next: "Normal", pPr: "<w:spacing w:before=\"2400\" w:after=\"240\"/>", rPr: sans + "<w:b/><w:sz w:val=\"56\"/>")
            + style("Subtitle", "Subtitle", next: "Normal", pPr: "<w:spacing w:after=\"1200\"/>", rPr: sans + "<w:sz w:val=\"32\"/>")
            + style("CoverMunicipality", "Kommun (försättsblad)", rPr: sans + "<w:sz w:val=\"28\"/>")
            + style("CoverFact", "Uppgift (försättsblad)", rPr: sans + "<w:sz w:val=\"22\"/>")
            + style("Heading1", "heading 1", next: "Normal", pPr: "<w:keepNext/><w:pageBreakBefore/><w:spacing w:before=\"240\" w:after=\"160\"/><w:outlineLvl w:val=\"0\"/>", rPr: sans + "<w:b/><w:sz w:val=\"32\"/>")
            + style("Heading2", "heading 2", next: "Normal", pPr: "<w:keepNext/><w:spacing w:before=\"320\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>", rPr: sans + "<w:b/><w:sz w:val=\"26\"/>")
            + style("Heading3", "heading 3", next: "Normal", pPr: "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/>", rPr: sans + "<w:b/><w:sz w:val=\"23\"/>")
            + style("TOCHeading", "TOC Heading", next: "Normal", pPr: "<w:spacing w:after=\"240\"/>", rPr: sans + "<w:b/><w:sz w:val=\"32\"/>")
            + style("TOC1", "toc 1", pPr: "<w:spacing w:before=\"120\" w:after=\"40\"/>", rPr: sans + "<w:b/><w:sz w:val=\"20\"/>")
            + style("TOC2", "toc 2", pPr: "<w:spacing w:after=\"20\"/><w:ind w:left=\"284\"/>", rPr: sans + "<w:sz w:val=\"20\"/>")
            + style("TOC3", "toc 3", pPr: "<w:spacing w:after=\"20\"/><w:ind w:left=\"567\"/>", rPr: sans + "<w:sz w:val=\"19\"/>")
            + style("Subheading", "Underrubrik i avsnitt", next: "Normal", pPr: "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/>", rPr: sans + "<w:b/><w:sz w:val=\"21\"/>")
            + style("Note", "Anmärkning", rPr: "<w:i/><w:color w:val=\"555555\"/>")
            + style("Status", "Status", rPr: sans + "<w:b/>")
            + style("ListBullet", "List Bullet", pPr: "<w:spacing w:after=\"60\"/><w:ind w:left=\"567\" w:hanging=\"283\"/>")
            + style("ListNumber", "List Number", pPr: "<w:spacing w:after=\"60\"/><w:ind w:left=\"567\" w:hanging=\"340\"/>")
            + style("Caption", "caption", next: "Normal", pPr: "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/>", rPr: sans + "<w:b/><w:sz w:val=\"18\"/>")
            + style("Figure", "Figur", pPr: "<w:keepNext/><w:spacing w:after=\"0\"/>")
            + style("TableText", "Tabelltext", pPr: "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/>", rPr: sans + "<w:sz w:val=\"17\"/>")
            + style("TableHeading", "Tabellrubrik", basedOn: "TableText", pPr: "<w:keepNext/>", rPr: sans + "<w:b/><w:sz w:val=\"17\"/>")
            + style("AfterTable", "Efter tabell", pPr: "<w:spacing w:after=\"60\"/>", rPr: "<w:sz w:val=\"12\"/>")
            + style("Header", "header", pPr: "<w:spacing w:after=\"0\"/>", rPr: sans + "<w:color w:val=\"444444\"/><w:sz w:val=\"16\"/>")
            + style("Footer", "footer", pPr: "<w:spacing w:after=\"0\"/>", rPr: sans + "<w:color w:val=\"444444\"/><w:sz w:val=\"16\"/>")
            + "<w:style w:type=\"table\" w:styleId=\"TertialTable\"><w:name w:val=\"Tertial tabell\"/><w:tblPr><w:tblBorders>"
            + ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"8A9499\"/>" }.joined()
            + "</w:tblBorders><w:tblCellMar><w:left w:w=\"70\" w:type=\"dxa\"/><w:right w:w=\"70\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "</w:styles>"
    }()
}
