import FluentKit
import Foundation
import Testing
import TertialCore
import TertialInterchange
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

@Suite struct AssessmentTests {
    let planID = "mark-sn-namndplan-2024-2025"

    @Test func assessAndExplainGoalsAndSeeWhatIsStillMissing() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "rut", roles: ["mark-sn": .reporter])
            let rut = Visitor(app)
            try await rut.signIn("rut")
            let path = SiteURL.planAssessment(id: planID).path
            // given the 2023 assessment page: computed from the figures, nothing assessed yet
            let page = try await rut.get(path + "?ar=2023")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h3>Saknar bedömning (8)</h3>"))
            // the status per goal area, as a chart described in words
            #expect(page.text.contains("<title id=\"omraden-t\">Måluppfyllelse per målområde</title>"))
            #expect(page.text.contains("I Mark ska barn och unga få en bra start i livet för att utveckla sin potential: 1 delvis uppfyllt, 1 ej uppfyllt."))
            #expect(page.text.contains("<caption>Måluppfyllelse per målområde 2023</caption>"))
            #expect(page.text.contains("Beräknad status: <span class=\"status inline status-notMet\">○ Ej uppfyllt</span>"))
            // when she overrides a goal without saying why
            let goal = "mark-sn-basta-barnkommun"
            let wrong = try await rut.submit(path, ["ar": "2023", "o.\(goal)": "partlyMet", "a.\(goal)": "Vräkningarna gällde tre barn i en familj."], formPage: page)
            // then she is told, and her analysis is kept
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Bästa barnkommun: En ändrad bedömning måste motiveras."))
            #expect(wrong.text.contains("Vräkningarna gällde tre barn i en familj."))
            // and with a reason it is saved, once, with the audit trail showing old and new
            let saved = try await rut.submit(path, ["ar": "2023", "o.\(goal)": "partlyMet", "r.\(goal)": "Ett enskilt ärende",
                                                    "a.\(goal)": "Vräkningarna gällde tre barn i en familj."], formPage: wrong)
            #expect(saved.status == .seeOther)
            let after = try await rut.get(path + "?ar=2023")
            #expect(after.text.contains("1 bedömning sparad.") || after.text.contains("<h3>Saknar bedömning (7)</h3>"))
            #expect(after.text.contains("<summary>Historik (1)</summary>"))
            let records = try await AuditLog.records(.init(actor: "rut"), on: app.db)
            #expect(records.contains { $0.field == "bedömning 2023" && $0.newValue == "Delvis uppfyllt" })
            #expect(records.contains { $0.field == "bedömning 2023, motivering" && $0.newValue == "Ett enskilt ärende" })
            // and the plan page shows the assessment, the reason and the analysis
            let plan = try await Visitor(app).get(SiteURL.plan(id: planID).path)
            #expect(plan.text.contains("Bedömning 2023: <span class=\"status status-partlyMet inline\""))
            #expect(plan.text.contains("(beräknad: ej uppfyllt)"))
            #expect(plan.text.contains("Motivering: Ett enskilt ärende"))
            #expect(plan.text.contains("Vräkningarna gällde tre barn i en familj."))
        }
    }

    @Test func aDelarAssessmentIsItsOwn() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "rut", roles: ["mark-sn": .reporter])
            let rut = Visitor(app)
            try await rut.signIn("rut")
            let path = SiteURL.planAssessment(id: planID).path
            let page = try await rut.get(path + "?period=2024-D")
            #expect(page.text.contains("<h1>Bedömning och analys Delår 2024 – Nämndplan 2024-2025</h1>"))
            let saved = try await rut.submit(path, ["a.mark-sn-digitalt-forst": "Införandet går enligt plan."], formPage: page)
            #expect(saved.headers.first(name: .location) == path + "?period=2024-D&sparat=1")
            #expect(try await Assessments.history(planID: planID, period: Period(year: 2024, part: .interim), on: app.db)["mark-sn-digitalt-forst"]?.count == 1)
            #expect(try await Assessments.history(planID: planID, period: Period(year: 2024), on: app.db).isEmpty)
        }
    }
}

/// Issue 23, point 8: the assessment page shows, beside each computed status, the indicator figures and
/// targets it came from.
@Suite struct AssessmentBasisTests {
    @Test func theComputedStatusShowsTheFiguresAndTargetsItCameFrom() async throws {
        try await withTertial { app in
            let plan = "mark-sn-namndplan-2024-2025"
            try await ValueHistory.apply(.indicator("mark-sn-barn-vrakningar"), period: Period(year: 2024, part: .interim), kind: .outcome, text: "2",
                                         by: Actor(name: "rut"), on: app.db)
            let rut = try await Visitor.signedIn(app, "rut", roles: ["mark-sn": .reporter])
            let page = try await rut.get(SiteURL.planAssessment(id: plan).path + "?period=2024-D")
            #expect(page.status == .ok)
            #expect(page.text.contains("<summary>Underlag för den beräknade statusen</summary>"))
            let row = try #require(page.text.components(separatedBy: "<tr>").first { $0.contains("Antal berörda barn vid vräkningar") })
            #expect(row.contains("utfall delår 2024: 2") && row.contains(">=0<") && row.contains("Ej uppfyllt"), "\(row)")
            let empty = try #require(page.text.components(separatedBy: "<tr>").first { $0.contains("Antal hushåll med barn som är aktuella inom ekonomiskt bistånd") })
            #expect(empty.contains("Inget värde rapporterat") && empty.contains("≥90"), "\(empty)")
        }
    }
}
