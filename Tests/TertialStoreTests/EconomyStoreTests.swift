import FluentKit
import Foundation
import Testing
import TertialCore
import TertialDocuments
import TertialInterchange
@testable import TertialStore
import TertialTestSupport

/// The economy against a real database: monthly follow-up with the deviation rule, history and
/// conflicts; frame transfers recorded once; ledger files imported all or nothing.
@Suite struct EconomyStoreTests {
    static let linkoping = "lkpg-son-internbudget-2021"
    static let anna = Actor(name: "anna")

    func importLinkoping(_ store: StoreHarness) async throws {
        try await PlanImporter.importDocuments([try DemoData.sources()[0]], into: store.db, by: .system("test"))
    }

    @Test func aForecastBeyondTheThresholdIsRefusedWithoutMeasuresAndSavedWithThem() async throws {
        try await withStore { store in
            try await importLinkoping(store)
            // given IFO's budget 463 777 tkr for 2021 and a forecast of 470 000 in August
            let overspend = Economies.Input(lineID: "ifo", outcomeToDate: 315_000, forecast: 470_000, comment: nil)
            // then it cannot be saved without the measures taken, and nothing is stored
            await #expect(throws: Economies.Invalid.self) {
                try await Economies.save(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 8, [overspend], by: Self.anna, on: store.db)
            }
            #expect(try await Economies.history(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 8, on: store.db).isEmpty)
            // with them it is saved, audited, and exported with the plan
            var explained = overspend
            explained.comment = "Två HVB-placeringar avslutas i september."
            #expect(try await Economies.save(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 8, [explained], by: Self.anna, on: store.db) == 1)
            let exported = try await PlanExporter.document(planID: Self.linkoping, on: store.db)
            #expect(exported.economy?.followUps == [FollowUpRecord(budgetId: "driftsammandrag", lineId: "ifo", year: 2021, month: 8,
                                                                   outcomeToDate: "315000", forecast: "470000", comment: "Två HVB-placeringar avslutas i september.")])
            let audit = try await AuditRecordModel.query(on: store.db).filter(\.$entityType == "budgetrad").all()
            #expect(Set(audit.compactMap(\.field)) == ["utfall hittills augusti 2021", "helårsprognos augusti 2021", "åtgärder augusti 2021"])
        }
    }

    @Test func aSecondSaveKeepsTheFirstInTheHistoryAndAStaleFormIsAConflict() async throws {
        try await withStore { store in
            try await importLinkoping(store)
            let first = Economies.Input(lineID: "lss", outcomeToDate: 48_000, forecast: 73_263, comment: nil, expectedVersion: 0)
            _ = try await Economies.save(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 8, [first], by: Self.anna, on: store.db)
            var second = first
            second.forecast = 73_500; second.expectedVersion = 1
            _ = try await Economies.save(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 8, [second], by: Actor(name: "bertil"), on: store.db)
            let history = try await Economies.history(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 8, on: store.db)["lss"] ?? []
            #expect(history.map(\.forecast) == [73_263, 73_500])
            #expect(history.map(\.recordedBy) == ["anna", "bertil"])
            // a form opened before bertil saved
            var stale = first
            stale.forecast = 73_600
            await #expect(throws: Economies.Conflict.self) {
                try await Economies.save(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 8, [stale], by: Self.anna, on: store.db)
            }
        }
    }

    @Test func frameTransfersAreRecordedOnceForTheMunicipality() async throws {
        try await withStore { store in
            try await importLinkoping(store)
            let transfers = try await FrameTransferModel.query(on: store.db).all()
            #expect(transfers.count == 2)
            #expect(Set(transfers.map(\.municipalityID)) == ["linkoping"])
            // the receiving committee's economy shows them too (as the other side)
            let record = try await Economies.record(planID: Self.linkoping, ownerUnitID: "lkpg-amn", on: store.db)
            #expect(record?.frameTransfers.map(\.id) == ["lkpg-2021-ardako", "lkpg-2021-stodboende"])
        }
    }

    static let header = "Verksamhet;År;Konto;Jan;Feb;Mar;Apr;Maj;Jun;Jul;Aug;Sep;Okt;Nov;Dec"

    @Test func aLedgerFileSumsRowsPerLineAndAccumulatesTheMonths() async throws {
        try await withStore { store in
            try await importLinkoping(store)
            // given a forecast already entered for IFO in February
            _ = try await Economies.save(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 2,
                                         [.init(lineID: "ifo", outcomeToDate: nil, forecast: 463_000, comment: nil)], by: Self.anna, on: store.db)
            // when a ledger in kronor with two accounts for IFO and one for LSS is imported
            let csv = [Self.header,
                       "Individ- och familjeomsorg;2021;4010;38 000 000;39 000 000;;;;;;;;;;",
                       "ifo;2021;4020;512 000;100 000;;;;;;;;;;",
                       "Funktionshinderade (enl LSS);2021;4010;6 000 000;6 100 000;6 050 000;;;;;;;;;"].joined(separator: "\r\n")
            let summary = try await LedgerImport.apply(planID: Self.linkoping, budgetID: nil, fileName: "huvudbok.csv", rows: try LedgerFile.rows(Data(csv.utf8), fileName: "huvudbok.csv"),
                                                       fileUnit: .kr, by: Self.anna, on: store.db)
            #expect(summary.rows == 3 && summary.lines == 2 && summary.months == 3 && summary.ignoredColumns == ["Konto"])
            // then the outcome to date is in tkr, summed over accounts and months; the forecast is kept
            let february = try await Economies.history(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 2, on: store.db)
            #expect(february["ifo"]?.last?.outcomeToDate == 77_612)
            #expect(february["ifo"]?.last?.forecast == 463_000)
            #expect(february["ifo"]?.last?.source == "huvudbok:huvudbok.csv")
            let march = try await Economies.history(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 3, on: store.db)
            #expect(march["lss"]?.last?.outcomeToDate == 18_150)
            #expect(march["ifo"]?.last?.outcomeToDate == 77_612, "no bookings in March: the outcome to date stands")
        }
    }

    @Test(arguments: [
        ("Okänd verksamhet;2021;4010;1;;;;;;;;;;;", "huvudbok.csv: rad 3, kolumn Verksamhet: \"Okänd verksamhet\" är ingen verksamhet i driftbudgeten"),
        ("ifo;2021;4010;12 3a4;;;;;;;;;;;", "huvudbok.csv: rad 3, kolumn Jan: \"12 3a4\" är inget belopp"),
        ("ifo;tjugo;4010;1;;;;;;;;;;;", "huvudbok.csv: rad 3, kolumn År: \"tjugo\" är inget år"),
    ])
    func aBadRowImportsNothingAndIsNamed(_ bad: String, _ message: String) async throws {
        try await withStore { store in
            try await importLinkoping(store)
            let csv = [Self.header, "lss;2021;4010;6 000 000;;;;;;;;;;;", bad].joined(separator: "\n")
            do {
                _ = try await LedgerImport.apply(planID: Self.linkoping, budgetID: nil, fileName: "huvudbok.csv", rows: try LedgerFile.rows(Data(csv.utf8), fileName: "huvudbok.csv"),
                                                 fileUnit: .kr, by: Self.anna, on: store.db)
                Issue.record("the file was accepted")
            } catch let failure as Ledger.Failure {
                #expect(failure.description == message)
            }
            // nothing from the file is there, not even its good row
            #expect(try await EconomyFollowUpModel.query(on: store.db).count() == 0)
        }
    }

    @Test func anXlsxLedgerReadsAsTheCSVDoes() async throws {
        try await withStore { store in
            try await importLinkoping(store)
            // given an Excel file written by Tertial's own writer (stored entries) with the same layout
            let table = Table(name: "Huvudbok", caption: "Huvudbok", header: ["Verksamhet", "År", "Jan", "Feb"], numericColumns: [1, 2, 3], rows: [
                Row([Cell("Socialpsykiatri"), Cell.value("2021"), Cell.value("19 000 000"), Cell.value("19 500 000")]),
            ])
            let xlsx = try DocumentFormat.xlsx.render(Document.tables([table], title: "Huvudbok", municipality: "", committee: "", source: ""))
            let summary = try await LedgerImport.apply(planID: Self.linkoping, budgetID: "driftsammandrag", fileName: "huvudbok.xlsx", rows: try LedgerFile.rows(xlsx, fileName: "huvudbok.xlsx"),
                                                       fileUnit: .kr, by: Self.anna, on: store.db)
            #expect(summary.months == 2)
            let february = try await Economies.history(planID: Self.linkoping, budgetID: "driftsammandrag", year: 2021, month: 2, on: store.db)
            #expect(february["socialpsykiatri"]?.last?.outcomeToDate == 38_500)
        }
    }
}
