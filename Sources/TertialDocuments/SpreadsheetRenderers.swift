import Foundation

/// Every table of a document as an Excel workbook, one sheet per table: figures stored as numbers
/// with a display format that shows them the Swedish way in Swedish Excel ("4 319", "8,2 %"), text as
/// printed, the header row bold and frozen. A first sheet lists the tables and says what the file is.
public enum XLSXRenderer {
    public static func render(_ document: Document) -> Data {
        let tables = document.tables
        let names = sheetNames(tables)
        var zip = ZipArchive()
        let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        zip.add("[Content_Types].xml", OpenXMLPackage.contentTypes(
            [("/xl/workbook.xml", "\(spreadsheetML).sheet.main+xml"), ("/xl/styles.xml", "\(spreadsheetML).styles+xml")]
            + (0...tables.count).map { ("/xl/worksheets/sheet\($0 + 1).xml", "\(spreadsheetML).worksheet+xml") }))
        zip.add("_rels/.rels", OpenXMLPackage.relationships([("rId1", OpenXMLPackage.officeDocument, "xl/workbook.xml")]))
        var workbook = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
        """
        var rels: [(id: String, type: String, target: String)] = [("rIdStyles", "\(OpenXMLPackage.relationshipTypes)/styles", "styles.xml")]
        let allNames = ["Innehåll"] + names
        for (i, name) in allNames.enumerated() {
            workbook += "<sheet name=\"\(name.xml)\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels.append(("rId\(i + 1)", "\(OpenXMLPackage.relationshipTypes)/worksheet", "worksheets/sheet\(i + 1).xml"))
        }
        zip.add("xl/workbook.xml", workbook + "</sheets></workbook>")
        zip.add("xl/_rels/workbook.xml.rels", OpenXMLPackage.relationships(rels))
        zip.add("xl/styles.xml", styles)

        let c = document.cover
        var contents: [[SheetCell]] = [[.text(c.title, bold: true)], [.text("\(c.municipality), \(c.committee)")],
                                       [.text("Period"), .text(c.period)], [.text("Status"), .text(c.status)], [.text("Underlag"), .text(c.source)], [],
                                       [.text("Blad", bold: true), .text("Tabell", bold: true)]]
        for (name, table) in Swift.zip(names, tables) { contents.append([.text(name), .text(table.caption)]) }
        zip.add("xl/worksheets/sheet1.xml", sheet(contents, widths: [28, 90], frozenRows: 0))
        for (i, table) in tables.enumerated() {
            var rows: [[SheetCell]] = [table.header.map { .text($0, bold: true) }]
            for row in table.rows {
                rows.append(row.cells.map { cell in
                    if let number = cell.number { return .number(number, decimals: cell.decimals, percent: cell.isPercent) }
                    return .text(cell.plainText)
                })
            }
            let widths = table.header.indices.map { col -> Int in
                let longest = ([table.header[col]] + table.rows.map { $0.cells.indices.contains(col) ? $0.cells[col].plainText : "" }).map(\.count).max() ?? 8
                return min(60, max(10, longest + 2))
            }
            zip.add("xl/worksheets/sheet\(i + 2).xml", sheet(rows, widths: widths, frozenRows: 1))
        }
        return zip.data()
    }

    enum SheetCell {
        case text(String, bold: Bool = false)
        case number(Decimal, decimals: Int, percent: Bool)
    }

    /// Sheet names: at most 31 characters, none of []:*?/\, unique (a number in front).
    static func sheetNames(_ tables: [Table]) -> [String] {
        tables.enumerated().map { index, table in
            let cleaned = table.name.map { "[]:*?/\\".contains($0) ? "-" : String($0) }.joined()
            return String("\(index + 1) \(cleaned)".prefix(31))
        }
    }

    static func column(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 { let r = (n - 1) % 26; name = String(UnicodeScalar(UInt8(65 + r))) + name; n = (n - 1) / 26 }
        return name
    }

    static func sheet(_ rows: [[SheetCell]], widths: [Int], frozenRows: Int) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        out += frozenRows > 0
            ? "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(frozenRows)\" topLeftCell=\"A\(frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            : "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
        out += "<cols>" + widths.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element)\" customWidth=\"1\"/>" }.joined() + "</cols><sheetData>"
        for (r, row) in rows.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = "\(column(c))\(r + 1)"
                switch cell {
                case .text(let text, let bold):
                    if text.isEmpty { continue }
                    out += "<c r=\"\(ref)\" t=\"inlineStr\"\(bold ? " s=\"1\"" : " s=\"2\"")><is><t xml:space=\"preserve\">\(text.xml)</t></is></c>"
                case .number(let value, let decimals, let percent):
                    let stored = percent ? value / 100 : value
                    let style = (percent ? 6 : 3) + min(decimals, 2)
                    out += "<c r=\"\(ref)\" s=\"\(style)\"><v>\(NSDecimalNumber(decimal: stored).stringValue)</v></c>"
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    /// Cell styles: 0 default, 1 bold text, 2 wrapped text, 3–5 numbers with 0–2 decimals, 6–8 percent with 0–2 decimals.
    static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
    <numFmts count="5"><numFmt numFmtId="164" formatCode="#,##0.0"/><numFmt numFmtId="165" formatCode="#,##0.00"/>\
    <numFmt numFmtId="166" formatCode="0%"/><numFmt numFmtId="167" formatCode="0.0%"/><numFmt numFmtId="168" formatCode="0.00%"/></numFmts>\
    <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
    <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
    <cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
    <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment wrapText="1" vertical="top"/></xf>\
    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>\
    <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
    <xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
    """
}

/// Every table of a document as CSV, one file per table in a ZIP archive: UTF-8 with a byte-order mark,
/// semicolons between fields and decimal commas (what Swedish Excel expects), figures without
/// thousands separators so they read back as numbers, text as printed.
public enum CSVRenderer {
    public static func render(_ document: Document) -> Data {
        var zip = ZipArchive()
        for (name, table) in Swift.zip(XLSXRenderer.sheetNames(document.tables), document.tables) {
            zip.add(fileName(name), Array(csv(table).utf8))
        }
        return zip.data()
    }

    public static func csv(_ table: Table) -> String {
        var lines = [table.header.map(field).joined(separator: ";")]
        for row in table.rows {
            lines.append(row.cells.map { cell in
                if let number = cell.number {
                    return NSDecimalNumber(decimal: number).stringValue.replacingOccurrences(of: ".", with: ",") + (cell.isPercent ? " %" : "")
                }
                return field(cell.plainText)
            }.joined(separator: ";"))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A text field. Text that a spreadsheet would take for a formula ("=0", "+1", "@x", "-10% jmf …")
    /// gets an apostrophe in front, the usual guard against formula injection; the XLSX keeps it as is.
    static func field(_ text: String) -> String {
        var flat = text.replacingOccurrences(of: "\u{00A0}", with: " ")
        if let first = flat.first, "=+-@".contains(first) { flat = "'" + flat }
        guard flat.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return flat }
        return "\"" + flat.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func fileName(_ sheetName: String) -> String {
        let safe = sheetName.map { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" ? String($0) : "_" }.joined()
        return safe.trimmingCharacters(in: .whitespaces) + ".csv"
    }
}
