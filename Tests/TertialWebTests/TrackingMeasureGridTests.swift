import Foundation
import Testing
import TertialCore
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Issue 23, point 6: tracking measures (följetal) are reported like indicators — in the values grid of
/// the period, beside their approved level and under their basic mission — and the period's report
/// prints what was entered (the delår report printed last year's figures).
@Suite struct TrackingMeasureGridTests {
    static let mark = "mark-sn-namndplan-2024-2025"

    @Test func trackingMeasuresEnteredInTheDelarGridAppearInTheDelarReport() async throws {
        try await withTertial { app in
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["mark-sn": .reporter])
            let path = SiteURL.planValues(id: Self.mark).path
            let form = try await reporter.get(path + "?period=2024-D")
            #expect(form.status == .ok)
            // sick leave under its heading, a basic mission's measure with its approved level
            #expect(form.text.contains("<caption>Personal - Sjukfrånvaro</caption>"))
            #expect(form.text.contains("name=\"mu.mark-pf-sjukfranvaro\""))
            #expect(form.text.contains("Grunduppdrag: ") && form.text.contains(">70-100<"))
            // a figure that is none is refused with the measure's name, and what was typed stays
            let refused = try await reporter.submit(path, ["mu.mark-pf-sjukfranvaro": "8,7 procent?", "mu.mark-pf-frisktal": "47 %"], formPage: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Sjukfrånvaro") && refused.text.contains("value=\"8,7 procent?\"") && refused.text.contains("value=\"47 %\""))
            // the message links to its cell
            #expect(refused.text.contains("<a href=\"#c-mu.mark-pf-sjukfranvaro\">") && refused.text.contains("id=\"c-mu.mark-pf-sjukfranvaro\""))
            #expect(try await ValueHistory.allMeasureCells(planID: Self.mark, period: Period(year: 2024, part: .interim), on: app.db).isEmpty)
            // saved, with a comment, audited in the value's history
            let saved = try await reporter.submit(path, ["mu.mark-pf-sjukfranvaro": "8,7 %", "k.mu.mark-pf-sjukfranvaro": "Lägre än i fjol",
                                                         "mu.mark-pf-frisktal": "47 %", "mu.mark-ft-fs-genomforandeplan": "85"], formPage: form)
            #expect(saved.status == .seeOther)
            let cells = try await ValueHistory.allMeasureCells(planID: Self.mark, period: Period(year: 2024, part: .interim), on: app.db)
            #expect(cells["mark-pf-sjukfranvaro"]?[.total]?[.outcome]?.text == "8,7 %")
            #expect(cells["mark-pf-sjukfranvaro"]?[.total]?[.outcome]?.comment == "Lägre än i fjol")
            #expect(cells["mark-pf-sjukfranvaro"]?[.total]?[.outcome]?.recordedBy == "rapportor")
            let again = try await reporter.get(path + "?period=2024-D")
            #expect(again.text.contains("name=\"mu.mark-pf-sjukfranvaro\" value=\"8,7 %\""))
            // the delår report prints the period's figure
            let report = try await reporter.get(SiteURL.planReport(id: Self.mark).path + "?typ=delar&ar=2024&format=html")
            #expect(report.status == .ok)
            let measures = try #require(report.text.range(of: "Sjukfrånvaro").map { String(report.text[$0.lowerBound...]) })
            let row = try #require(measures.components(separatedBy: "<tr>").first { $0.contains("Sjukfrånvaro alla anställda") })
            #expect(measures.contains("Utfall delår 2024"))
            // and a basic mission's measure, beside its approved level
            let mission = try #require(report.text.components(separatedBy: "<tr>").first { $0.contains("Andel brukare inom funktionshinder med aktuell genomförandeplan") })
            #expect(mission.contains(">80-100<") && mission.contains(">85<"), "\(mission)")
            #expect(row.hasSuffix("<td class=\"n\">8,7\u{A0}%</td></tr>") || row.contains(">8,7 %<"), "\(row)")
        }
    }
}

/// Issue 23, point 7: *Skapa nästa års plan* in the browser — the page says what the draft will be, the
/// button makes it, a second time is refused in Swedish with nothing written, and a reporter may not.
@Suite struct NextYearWebTests {
    @Test func aPlannerMakesNextYearsPlanOnceAndTheOldPlanStaysAsItWas() async throws {
        try await withTertial { app in
            let mark = "mark-sn-namndplan-2024-2025"
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["mark-sn": .reporter])
            #expect(try await reporter.get(SiteURL.planNextYear(id: mark).path).status == .forbidden)
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            let planPage = try await planner.get(SiteURL.plan(id: mark).path)
            #expect(planPage.text.contains("Skapa nästa års plan"))
            let page = try await planner.get(SiteURL.planNextYear(id: mark).path)
            #expect(page.status == .ok && page.text.contains("Nämndplan 2025-2026 (2025–2026)") && page.text.contains("Nämndplan 2024-2025 ändras inte"))
            let before = try await planner.get(SiteURL.planExport(id: mark).path)
            let made = try await planner.submit(SiteURL.planNextYear(id: mark).path, [:], formPage: page)
            #expect(made.status == .seeOther)
            #expect(made.headers.first(name: .location) == SiteURL.plan(id: "mark-sn-namndplan-2025-2026").path + "?nyplan=1")
            let draft = try await planner.get(SiteURL.plan(id: "mark-sn-namndplan-2025-2026").path)
            #expect(draft.status == .ok && draft.text.contains("Nämndplan 2025-2026"))
            let again = try await planner.submit(SiteURL.planNextYear(id: mark).path, [:], formPage: page)
            #expect(again.status == .conflict && again.text.contains("finns redan") && again.text.contains("Inget skapades"))
            #expect(try await planner.get(SiteURL.planExport(id: mark).path).body == before.body)
        }
    }
}
