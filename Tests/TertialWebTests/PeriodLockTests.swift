import Foundation
import Testing
import TertialCore
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Issue 23, point 3: a closed period's figures, assessments, activity follow-ups and control results
/// are locked (and those of the same year that end no later); an administrator opens one unit's part
/// again with a reason, audited; reports say whether they were made from a closed period.
@Suite struct PeriodLockTests {
    static let mark = "mark-sn-namndplan-2024-2025"
    static let unitPlan = "mark-familjeenheten-enhetsplan-2024"

    @Test func aClosedPeriodRefusesChangesUntilAnAdministratorReopensTheUnitsPart() async throws {
        try await withTertial { app in
            let admin = try await Visitor.signedIn(app, "controller", admin: true)
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["mark-sn": .reporter])
            let values = SiteURL.planValues(id: Self.mark).path
            let form = try await reporter.get(values + "?period=2024-D")
            let periods = SiteURL.municipalityPeriods(id: "mark").path

            // a closure set for a later date locks nothing yet
            let page = try await admin.get(periods)
            #expect(page.status == .ok && page.text.contains("Delår 2024"))
            let later = try await admin.submit(periods, ["action": "close", "period": "2024-D", "from": "2099-01-01"], formPage: page)
            #expect(later.status == .seeOther)
            #expect(try await reporter.submit(values, ["u.mark-sn-barn-vrakningar": "1"], formPage: form).status == .seeOther)

            // closed now: the delår grid is read-only and a save is refused, keeping what was typed
            let form2 = try await reporter.get(values + "?period=2024-D")
            #expect(try await admin.submit(periods, ["action": "close", "period": "2024-D", "from": ""], formPage: page).status == .seeOther)
            let shown = try await reporter.get(values + "?period=2024-D")
            #expect(shown.text.contains("Delår 2024 är stängd för rapportering sedan") && shown.text.contains("readonly"))
            let refused = try await reporter.submit(values, ["u.mark-sn-barn-vrakningar": "2"], formPage: form2)
            #expect(refused.status == .locked)
            #expect(refused.text.contains("Delår 2024 är stängd för rapportering sedan") && refused.text.contains("Inget sparades"))
            #expect(refused.text.contains("name=\"u.mark-sn-barn-vrakningar\" value=\"2\""))
            let stored = try await ValueHistory.allCells(planID: Self.mark, period: Period(year: 2024, part: .interim), on: app.db)
            #expect(stored["mark-sn-barn-vrakningar"]?[.total]?[.outcome]?.text == "1")
            // tertial 1 ends before delår: locked with it; helår is still open
            let t1 = try await reporter.get(values + "?period=2024-T1")
            #expect(try await reporter.submit(values, ["u.mark-sn-barn-vrakningar": "3"], formPage: t1).status == .locked)
            let year = try await reporter.get(values + "?period=2024")
            #expect(try await reporter.submit(values, ["u.mark-sn-barn-vrakningar": "3"], formPage: year).status == .seeOther)
            // the assessment of the period, and the unit plan's activity follow-up, are locked too
            await #expect(throws: PeriodLocks.Closed.self) {
                try await Assessments.save(planID: Self.mark, period: Period(year: 2024, part: .interim),
                                           [.init(goalID: "mark-sn-basta-barnkommun", computed: .notAssessable, override: nil, reason: nil, analysis: "Analys")],
                                           by: Actor(name: "rapportor"), on: app.db)
            }
            await #expect(throws: PeriodLocks.Closed.self) {
                try await ActivityPlans.saveFollowUp(planID: Self.unitPlan, period: Period(year: 2024, part: .interim),
                                                     activities: [.init(activityID: "mark-fe-akt-samtalsmetod", status: .done, comment: nil)],
                                                     assignments: [], expected: nil, by: Actor(name: "rapportor"), on: app.db)
            }
            // the report says it was made from a closed period
            let report = try await reporter.get(SiteURL.planReport(id: Self.mark).path + "?typ=delar&ar=2024&format=html")
            #expect(report.text.contains("Underlaget är låst: delår 2024 stängdes"), "\(report.text.components(separatedBy: "</header>").first?.suffix(400) ?? "")")

            // reopening needs a reason; with one, the committee's part (and its units') is open again, audited
            let noReason = try await admin.submit(periods, ["action": "reopen", "period": "2024-D", "unit": "mark-sn", "reason": " "], formPage: page)
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("Skriv varför enhetens del öppnas igen."))
            let reopened = try await admin.submit(periods, ["action": "reopen", "period": "2024-D", "unit": "mark-sn",
                                                            "reason": "Fel i utfallet för vräkningar"], formPage: page)
            #expect(reopened.status == .seeOther)
            let form3 = try await reporter.get(values + "?period=2024-D")
            #expect(!form3.text.contains("readonly"))
            #expect(try await reporter.submit(values, ["u.mark-sn-barn-vrakningar": "2"], formPage: form3).status == .seeOther)
            _ = try await ActivityPlans.saveFollowUp(planID: Self.unitPlan, period: Period(year: 2024, part: .interim),
                                                     activities: [.init(activityID: "mark-fe-akt-samtalsmetod", status: .ongoing, comment: "Nästan klar")],
                                                     assignments: [], expected: nil, by: Actor(name: "rapportor"), on: app.db)
            let audit = try await AuditLog.records(.init(actor: "controller"), on: app.db)
            #expect(audit.contains { $0.field == "öppnad igen för mark-sn" && $0.newValue == "Fel i utfallet för vräkningar" })
            #expect(audit.contains { $0.field == "stängd från" && $0.oldValue == "2099-01-01" })
            // closed again: locked again
            #expect(try await admin.submit(periods, ["action": "closeAgain", "period": "2024-D", "unit": "mark-sn"], formPage: page).status == .seeOther)
            let form4 = try await reporter.get(values + "?period=2024-D")
            #expect(try await reporter.submit(values, ["u.mark-sn-barn-vrakningar": "5"], formPage: form4).status == .locked)
            #expect(try await AuditLog.records(.init(actor: "controller"), on: app.db).contains { $0.field == "stängd igen för mark-sn" })
        }
    }
}
