import Foundation
import Testing
@testable import TertialCore

@Suite struct ActivityPlanTests {
    @Test(arguments: [
        ("Kvartal 3", "2024-Q3", "2024-09-30"), ("Kvartal 4 2025", "2025-Q4", "2025-12-31"), ("Q1 2024", "2024-Q1", "2024-03-31"),
        ("kv 2", "2024-Q2", "2024-06-30"), ("Q2", "2024-Q2", "2024-06-30"), ("2024-02-29", "2024-02-29", "2024-02-29"),
    ])
    func dueDatesAsPlansWriteThem(_ printed: String, _ code: String, _ last: String) throws {
        let due = try #require(DueDate(printed, defaultYear: 2024))
        #expect(due.code == code)
        #expect(due.lastDay.description == last)
        #expect(DueDate(code: code) == due)
    }

    @Test(arguments: ["Kvartal 5", "2023-02-29", "snart", "Q3 2024 2025", ""])
    func notADueDate(_ text: String) {
        #expect(DueDate(text, defaultYear: 2024) == nil)
    }

    @Test func anActivityPastItsDueQuarterIsLateWithoutAnyoneSettingIt() {
        let activity = Activity(id: "a", text: "Ta fram en handlingsplan", due: .quarter(year: 2024, quarter: 2),
                                followUps: [ActivityFollowUp(period: Period(year: 2024, part: .tertial(1)), status: .ongoing)])
        // at tertial 1 (April) the quarter has not ended: ongoing, as set
        #expect(activity.status(asOf: Period(year: 2024, part: .tertial(1))) == .ongoing)
        // at delår (August) it is late
        #expect(activity.status(asOf: Period(year: 2024, part: .interim)) == .delayed)
        #expect(activity.isLate(asOf: Period(year: 2024)))
        // done or cancelled is never late
        var done = activity
        done.followUps.append(ActivityFollowUp(period: Period(year: 2024, part: .interim), status: .done, comment: "Antagen i juni."))
        #expect(done.status(asOf: Period(year: 2024)) == .done)
        #expect(done.followUp(asOf: Period(year: 2024))?.comment == "Antagen i juni.")
    }

    @Test func anAssignmentIsDueForReportBackUntilItIsReported() {
        var assignment = Assignment(id: "u", text: "Utred möjligheterna …", scope: .namedCommittees, reportBy: .date(Day("2021-12-31")!))
        #expect(!assignment.isDueForReportBack(asOf: Period(year: 2021, part: .interim)))
        #expect(assignment.isDueForReportBack(asOf: Period(year: 2021)))
        assignment.response = .reported
        #expect(!assignment.isDueForReportBack(asOf: Period(year: 2021)))
    }
}
