import Foundation
import Testing
@testable import TertialDocuments

/// An uploaded workbook is untrusted: references past a sheet's size, too many rows or cells, and
/// parts that inflate past the file's budget are refused with a message; a part that many sheets
/// point at is read once (issue 20, findings 1 and 2).
@Suite struct SpreadsheetLimitTests {
    static func workbook(sheets: Int = 1, distinct: Bool = false, sheet: (Int) -> String) -> Data {
        var zip = ZipArchive()
        zip.add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        zip.add("xl/workbook.xml", "<workbook><sheets>" + (1...sheets).map { #"<sheet name="Blad\#($0)" sheetId="\#($0)" r:id="rId\#($0)"/>"# }.joined() + "</sheets></workbook>")
        zip.add("xl/_rels/workbook.xml.rels", "<Relationships>" + (1...sheets).map {
            #"<Relationship Id="rId\#($0)" Target="worksheets/sheet\#(distinct ? $0 : 1).xml"/>"#
        }.joined() + "</Relationships>")
        for i in 1...(distinct ? sheets : 1) { zip.add("xl/worksheets/sheet\(i).xml", sheet(i)) }
        return zip.data()
    }

    static func rows(_ count: Int, columns: Int = 3, pad: Int = 0) -> String {
        "<worksheet><sheetData>" + (1...count).map { r in
            "<row r=\"\(r)\">" + (0..<columns).map { c in "<c t=\"inlineStr\"><is><t>\(r)-\(c)\(String(repeating: " ", count: pad))</t></is></c>" }.joined() + "</row>"
        }.joined() + "</sheetData></worksheet>"
    }

    @Test func anOrdinarySheetIsReadInChunks() throws {
        // 30 000 rows: several megabytes, so the reader's segments end inside the sheet many times
        let sheet = try #require(try SpreadsheetReader.firstSheet(xlsx: Self.workbook { _ in Self.rows(30_000, pad: 40) }) { _ in true })
        #expect(sheet.rows.count == 30_000 && sheet.rows[29_999][2].hasPrefix("30000-2"))
    }

    @Test(arguments: ["ZZZZZZZZZZZZZZZZ2", "XFDXFDXFD2", "XFE2", "AAAA2"])
    func aCellReferencePastColumnXFDIsRefused(_ reference: String) {
        let data = Self.workbook { _ in #"<worksheet><sheetData><row r="2"><c r="\#(reference)"><v>1</v></c></row></sheetData></worksheet>"# }
        #expect(throws: SpreadsheetReader.Unreadable.self) { try SpreadsheetReader.rows(xlsx: data) }
        #expect(SheetParser.column(of: "XFD1") == 16_383 && SheetParser.column(of: "A1") == 0)
    }

    @Test(arguments: ["2000000000", "1048577", "0", "-1", "99999999999999999999999", "x"])
    func aRowNumberOffTheSheetIsRefused(_ number: String) {
        let data = Self.workbook { _ in #"<worksheet><sheetData><row r="\#(number)"><c><v>1</v></c></row></sheetData></worksheet>"# }
        do {
            _ = try SpreadsheetReader.rows(xlsx: data)
            Issue.record("accepted row \(number)")
        } catch {
            #expect(error.description.contains("utanför bladet"))
        }
    }

    @Test func rowsCellsAndInflatedBytesHaveLimits() {
        let many = Self.workbook { _ in Self.rows(50) }
        #expect(throws: SpreadsheetReader.Unreadable.self) { try SpreadsheetReader.rows(xlsx: many, limits: .init(rows: 40)) }
        #expect(throws: SpreadsheetReader.Unreadable.self) { try SpreadsheetReader.rows(xlsx: many, limits: .init(cells: 100)) }
        #expect((try? SpreadsheetReader.rows(xlsx: many, limits: .init(rows: 50, cells: 150)))?.count == 50)
        // forty sheets that point at one part: read once, within the budget
        let shared = Self.workbook(sheets: 40) { _ in Self.rows(2_000, pad: 100) }
        let budget = SpreadsheetReader.Limits(inflatedBytes: 2_000_000)
        #expect((try? SpreadsheetReader.firstSheet(xlsx: shared, limits: budget) { _ in false })?.rows.count == 2_000)
        // forty distinct parts together are past it: refused, saying so
        let distinct = Self.workbook(sheets: 40, distinct: true) { _ in Self.rows(2_000, pad: 100) }
        do {
            _ = try SpreadsheetReader.firstSheet(xlsx: distinct, limits: budget) { _ in false }
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("packas upp till mer än"))
        }
    }
}

/// Damaged workbooks: a valid one with bytes changed at random (a fixed seed, so a failure can be
/// repeated) is read or refused with `Unreadable`, never a trap or a hang.
@Suite struct SpreadsheetDamageTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state }
    }

    @Test func aDamagedWorkbookIsReadOrRefusedNeverATrap() {
        let valid = Array(SpreadsheetLimitTests.workbook(sheets: 3) { _ in SpreadsheetLimitTests.rows(40) })
        var random = Generator(state: 20)
        var refused = 0
        for _ in 0..<1_500 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                bytes[at] = [0x00, 0xFF, 0x3C, 0x3E, 0x22, 0x39, UInt8.random(in: 0...255, using: &random)].randomElement(using: &random)!
            }
            if Bool.random(using: &random) { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random))) }
            do { _ = try SpreadsheetReader.rows(xlsx: Data(bytes), limits: .init(inflatedBytes: 1 << 20, rows: 10_000, cells: 100_000)) }
            catch { refused += 1 }
        }
        #expect(refused > 0)
    }
}
