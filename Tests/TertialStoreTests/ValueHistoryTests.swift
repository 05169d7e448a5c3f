import FluentKit
import Foundation
import Testing
import TertialCore
import TertialInterchange
@testable import TertialStore
import TertialTestSupport

@Suite struct ValueHistoryTests {
    let indicator = ValueHistory.Subject.indicator("mark-sn-handlaggningstid-familjeenheten")

    @Test func aChangedValueKeepsItsEarlierVersions() async throws {
        try await withStore { store in
            // given the Mark plan with forecast 108 for 2023
            try await PlanImporter.importDocuments([try DemoData.sources()[2]], into: store.db, by: Actor(name: "import"))
            let monday = Date(timeIntervalSince1970: 1_700_000_000)
            // when two people change the forecast, and one saves the same value again
            #expect(try await ValueHistory.record(indicator, period: Period(year: 2023), kind: .forecast, text: "110",
                                                  comment: "Ny prognos efter tertial 1", by: Actor(name: "anna"), at: monday, on: store.db) == .updated)
            #expect(try await ValueHistory.record(indicator, period: Period(year: 2023), kind: .forecast, text: "112",
                                                  by: Actor(name: "bertil"), at: monday.addingTimeInterval(3600), on: store.db) == .updated)
            #expect(try await ValueHistory.record(indicator, period: Period(year: 2023), kind: .forecast, text: "112",
                                                  by: Actor(name: "bertil"), at: monday.addingTimeInterval(7200), on: store.db) == .unchanged)
            // then every version is there, with who and when
            let versions = try await ValueHistory.versions(indicator, period: Period(year: 2023), kind: .forecast, on: store.db)
            #expect(versions.map(\.text) == ["108", "110", "112"])
            #expect(versions.map(\.recordedBy) == ["import", "anna", "bertil"])
            #expect(versions[1].comment == "Ny prognos efter tertial 1")
            #expect(versions[2].recordedAt == monday.addingTimeInterval(3600))
            // and the export shows the current value
            let document = try await PlanExporter.document(planID: "mark-sn-namndplan-2024-2025", on: store.db)
            #expect(document.goals[0].indicators[0].values.last?.value == "112")
        }
    }

    @Test func aNewValueStartsItsHistory() async throws {
        try await withStore { store in
            try await PlanImporter.importDocuments([try DemoData.sources()[2]], into: store.db, by: Actor(name: "import"))
            #expect(try await ValueHistory.record(indicator, period: Period(year: 2024), kind: .outcome, text: "99", by: Actor(name: "anna"), on: store.db) == .created)
            let versions = try await ValueHistory.versions(indicator, period: Period(year: 2024), kind: .outcome, on: store.db)
            #expect(versions.map(\.text) == ["99"])
        }
    }

    @Test func aBadValueChangesNothing() async throws {
        try await withStore { store in
            try await PlanImporter.importDocuments([try DemoData.sources()[2]], into: store.db, by: Actor(name: "import"))
            await #expect(throws: ValueParseError.self) {
                try await ValueHistory.record(indicator, period: Period(year: 2023), kind: .forecast, text: "1O8", by: Actor(name: "anna"), on: store.db)
            }
            let versions = try await ValueHistory.versions(indicator, period: Period(year: 2023), kind: .forecast, on: store.db)
            #expect(versions.map(\.text) == ["108"])
        }
    }

    @Test func trackingMeasuresKeepHistoryToo() async throws {
        try await withStore { store in
            try await PlanImporter.importDocuments([try DemoData.sources()[2]], into: store.db, by: Actor(name: "import"))
            let measure = ValueHistory.Subject.trackingMeasure("mark-pf-sjukfranvaro")
            try await ValueHistory.record(measure, period: Period(year: 2023, part: .interim), kind: .outcome, text: "8,7%", by: Actor(name: "hr"), on: store.db)
            let versions = try await ValueHistory.versions(measure, period: Period(year: 2023, part: .interim), kind: .outcome, on: store.db)
            #expect(versions.map(\.text) == ["8,6%", "8,7%"])
        }
    }
}
