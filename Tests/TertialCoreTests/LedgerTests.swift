import Foundation
import Testing
@testable import TertialCore

/// Ledger files: CSV as Excel writes it, amounts as ledgers write them, rows summed and named.
@Suite struct LedgerTests {
    @Test(arguments: [
        ("38512", "38512"), ("-38512", "-38512"), ("38 512", "38512"), ("1 560 188", "1560188"), ("1\u{00A0}560\u{00A0}188", "1560188"),
        ("−1 777", "-1777"), ("– 723", "-723"), ("6,8", "6.8"), ("38512.25", "38512.25"), ("  42 ", "42"), ("0", "0"),
    ])
    func amountsAreRead(_ text: String, _ expected: String) {
        #expect(Ledger.amount(text) == Decimal(string: expected, locale: Locale(identifier: "en_US_POSIX")))
    }

    @Test(arguments: ["12 3a4", "1 23", "12 3456", "1,2,3", "-", "", ",5", "5,", "1 000 00", "12x", "1e5"])
    func notAnAmount(_ text: String) {
        #expect(Ledger.amount(text) == nil)
        #expect(SwedishNumber.parse(text) == nil || text == "12 3456", "the fast path is no more lenient than the Swedish reader")
    }

    @Test func theFastPathAgreesWithTheSwedishReaderOnWhatTertialPrints() {
        var seed: UInt64 = 7
        for _ in 0..<2_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let whole = Int64(bitPattern: seed >> 20) % 10_000_000_000
            let decimals = Int(seed % 3)
            let value = Decimal(whole) / pow(10, decimals)
            let printed = SwedishNumber.format(value, decimals: decimals)
            #expect(Ledger.amount(printed) == value, "\(printed)")
            #expect(Ledger.amount(printed) == SwedishNumber.parse(printed), "\(printed)")
        }
    }

    @Test func csvAsExcelWritesIt() {
        let text = "\u{FEFF}Verksamhet;År;Text\r\n\"IFO; barn\";2021;\"Sa \"\"så\"\"\nrad två\"\r\nLSS;2021;\n"
        #expect(CSVText.rows(text) == [["Verksamhet", "År", "Text"], ["IFO; barn", "2021", "Sa \"så\"\nrad två"], ["LSS", "2021", ""]])
        #expect(CSVText.rows("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(CSVText.rows("a\tb\n1\t2\n") == [["a", "b"], ["1", "2"]])
    }

    static let lines = [BudgetLine(id: "ifo", name: "Individ- och familjeomsorg", amounts: [:]), BudgetLine(id: "lss", name: "Funktionshinderade (enl LSS)", amounts: [:])]

    @Test func rowsAreSummedPerLineConvertedAndAccumulated() throws {
        let rows = CSVText.rows("Rapport\nVerksamhet;År;Konto;Jan;Feb\nindivid- och FAMILJEOMSORG;2021;4010;1 000 000;2 000 000\nifo;2021;5010;500 000;\nlss;2021;;250 000;250 000\n")
        let result = try Ledger.read(rows, lines: Self.lines, fileUnit: .kr, budgetUnit: .tkr)
        #expect(result.rows == 3 && result.ignoredColumns == ["Konto"])
        let ifo = try #require(result.outcomes.first { $0.lineID == "ifo" })
        #expect(ifo.months == [1: 1_500, 2: 2_000])
        #expect(ifo.toDate(1) == 1_500 && ifo.toDate(2) == 3_500)
    }

    @Test func everyBadCellIsNamedByRowAndColumn() {
        let rows = CSVText.rows("Verksamhet;År;Jan\nokänd;2021;1\nifo;20x1;1\nlss;2021;1,2,3\n")
        #expect(throws: Ledger.Failure.self) { try Ledger.read(rows, lines: Self.lines, fileUnit: .kr, budgetUnit: .tkr) }
        do { _ = try Ledger.read(rows, lines: Self.lines, fileUnit: .kr, budgetUnit: .tkr) } catch {
            #expect(error.problems.map(\.description) == [
                "rad 2, kolumn Verksamhet: \"okänd\" är ingen verksamhet i driftbudgeten",
                "rad 3, kolumn År: \"20x1\" är inget år",
                "rad 4, kolumn Jan: \"1,2,3\" är inget belopp",
            ])
        }
    }

    @Test func aFileWithoutTheColumnsSaysWhatItNeeds() {
        do { _ = try Ledger.read([["Konto", "Belopp"]], lines: Self.lines, fileUnit: .kr, budgetUnit: .tkr) } catch {
            #expect(error.problems.map(\.description).first == "rad 1: kolumnen Verksamhet saknas (rubrikraden ska ha Verksamhet, År och en kolumn per månad)")
        }
    }
}
