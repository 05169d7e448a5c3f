import Foundation
import Testing
import TertialCore
import TertialInterchange
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// The activities and assignments page: for a follow-up period, every late activity and every
/// assignment due for report-back; attack strings come out as text.
@Suite struct ActivityWebTests {
    static func linkopingWithActivities(_ text: String = "Ta fram rutiner för samordnad individuell plan") throws -> PlanImporter.Source {
        var source = try DemoData.sources()[0]
        let goal = source.document.goals.first { $0.level != .council }!.id
        source.document.activityPlan?.activities = [
            ActivityRecord(id: "lkpg-akt-1", text: text, goalIds: [goal], responsibleUnitId: "lkpg-son", due: "2021-Q2",
                           followUps: [ActivityFollowUpRecord(period: Period(year: 2021, part: .tertial(1)), status: .ongoing, comment: "Arbetsgrupp utsedd.")]),
            ActivityRecord(id: "lkpg-akt-2", text: "Följ upp familjehemsuppdraget", assignmentIds: ["lkpg-uppdrag-n3"], responsibleRole: "Enhetschef familjehem", due: "2021-Q4"),
        ]
        return source
    }

    @Test func aLateActivityAndAnAssignmentDueForReportBackAreListedForThePeriod() async throws {
        try await withTertial([try Self.linkopingWithActivities()]) { app in
            let reader = try await Visitor.signedIn(app, "lasare", roles: ["lkpg-son": .reader])
            let path = SiteURL.planActivities(id: "lkpg-son-internbudget-2021").path
            // at tertial 1 nothing is late yet
            let tertial = try await reader.get(path + "?period=2021-T1")
            #expect(tertial.status == .ok)
            #expect(tertial.text.contains("Försenade aktiviteter tertial 1 2021 (0)"))
            // at delår the activity due in quarter 2 is late without anyone setting it
            let interim = try await reader.get(path + "?period=2021-D")
            #expect(interim.text.contains("Försenade aktiviteter delår 2021 (1)"))
            #expect(interim.text.contains("▲ Försenad"))
            #expect(interim.text.contains("Uppdrag att återrapportera delår 2021 (0)"))
            // at the year's end the family-home assignment is due for report-back, coordinated by KS
            let year = try await reader.get(path + "?period=2021")
            #expect(year.text.contains("Uppdrag att återrapportera helår 2021 (1)"))
            #expect(year.text.contains("återrapporteras senast 2021-12-31 (samordnas av Kommunstyrelsen)"))
            #expect(year.text.contains("Uppdrag: Social- och omsorgsnämnden ska i samverkan med kommunstyrelsen"))
        }
    }

    @Test func activityTextIsEscaped() async throws {
        try await withTertial([try Self.linkopingWithActivities("<script>alert(1)</script> \"><svg/onload=alert(2)>")]) { app in
            let reader = try await Visitor.signedIn(app, "lasare", roles: ["lkpg-son": .reader])
            let page = try await reader.get(SiteURL.planActivities(id: "lkpg-son-internbudget-2021").path + "?period=2021-D")
            #expect(page.status == .ok)
            SecurityTests.expectEscaped(page.text, "aktiviteter")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }
}
