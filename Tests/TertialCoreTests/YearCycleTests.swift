import Testing
import TertialCore

/// Issue 23, points 1, 2, 4: day arithmetic, deadlines taken from the committee, a report's steps, reminder days.
@Suite struct YearCycleTests {
    @Test func daysAreCountedAcrossMonthsYearsAndLeapDays() {
        let day = Day("2024-02-28")!
        #expect(day.adding(days: 1) == Day("2024-02-29")!)
        #expect(day.adding(days: 2) == Day("2024-03-01")!)
        #expect(Day("2023-12-31")!.adding(days: 1) == Day("2024-01-01")!)
        #expect(Day("2024-01-01")!.days(until: Day("2025-01-01")!) == 366)
        #expect(Day("2025-03-01")!.adding(days: -1) == Day("2025-02-28")!)
        // every day of four years round-trips
        var current = Day("2023-01-01")!
        for _ in 0..<(4 * 366) {
            let next = current.adding(days: 1)
            #expect(current.days(until: next) == 1 && next > current)
            current = next
        }
    }

    @Test func aUnitTakesItsCommitteesDeadlineUnlessItHasItsOwn() {
        var deadlines = ReportingDeadlines(period: Period("2024-D")!, days: ["nmd": Day("2024-09-09")!])
        #expect(deadlines.deadline(for: ["enhet", "forvaltning", "nmd", "kf"]) == Day("2024-09-09"))
        #expect(!deadlines.isOwn(["enhet", "nmd"]))
        deadlines.days["enhet"] = Day("2024-09-02")!
        #expect(deadlines.deadline(for: ["enhet", "nmd"]) == Day("2024-09-02") && deadlines.isOwn(["enhet", "nmd"]))
        #expect(deadlines.deadline(for: ["annan"]) == nil)
    }

    @Test func aReportMovesByMarkingReadyApprovingAndSendingBack() throws {
        #expect(try ReportingState.notStarted.after(.started) == .inProgress)
        #expect(try ReportingState.returned.after(.started) == .returned)
        #expect(try ReportingState.inProgress.after(.markReady) == .readyForReview)
        #expect(try ReportingState.returned.after(.markReady) == .readyForReview)
        #expect(try ReportingState.readyForReview.after(.approve) == .approved)
        #expect(try ReportingState.approved.after(.sendBack(comment: "Fel siffra")) == .returned)
        #expect(throws: ReportingState.Refused.commentNeeded) { try ReportingState.readyForReview.after(.sendBack(comment: "  ")) }
        #expect(throws: ReportingState.Refused.self) { try ReportingState.inProgress.after(.approve) }
        #expect(throws: ReportingState.Refused.self) { try ReportingState.approved.after(.markReady) }
        #expect(ReportingState.readyForReview.isReadOnlyForUnit && ReportingState.approved.isReadOnlyForUnit)
        #expect(!ReportingState.returned.isReadOnlyForUnit && ReportingState.returned.awaitsUnit)
    }

    @Test func remindersGoOutOnTheConfiguredDaysBeforeAndAfter() {
        let policy = ReminderPolicy(before: "7, 1", after: "1,7")!
        let deadline = Day("2024-09-09")!
        let days = (-10...10).map { deadline.adding(days: $0) }.filter { policy.remindsOn($0, deadline: deadline) }
        #expect(days == [Day("2024-09-02")!, Day("2024-09-08")!, Day("2024-09-10")!, Day("2024-09-16")!])
        #expect(ReminderPolicy(before: "7,x", after: "") == nil)
        #expect(ReminderPolicy.timeLeft(from: Day("2024-09-02")!, to: deadline) == "om 7 dagar")
        #expect(ReminderPolicy.timeLeft(from: Day("2024-09-10")!, to: deadline) == "passerades i går")
    }

    @Test func aPlanNamesWhatItLacksForAPeriod() throws {
        let period = Period("2024-D")!
        let indicator = Indicator(id: "i1", name: "Väntetid", unit: "dagar", decimals: 0, direction: .decrease,
                                  values: [ValueEntry(period: Period("2024")!, kind: .outcome, value: try! ValueText("5"))])
        let goal = Goal(id: "g1", level: .committee, title: "Trygg vård", description: nil, ownerUnitID: "nmd", goalAreaID: nil,
                        parentGoalIDs: [], agenda2030: [], childRights: [], qualitative: false, indicators: [indicator])
        var plan = Plan(id: "p", kind: .committeePlan, title: "Plan", ownerUnitID: "nmd", budgetYear: 2024, planYears: [2024], status: .draft,
                        isPublic: false, decision: nil, attachments: [], municipality: Municipality(id: "k", name: "Kommunen"),
                        units: [], goalAreas: [], basicMissions: [], goals: [goal], trackingMeasures: [])
        #expect(plan.gaps(for: period).values == ["Väntetid"] && plan.gaps(for: period).analyses == ["Trygg vård"])
        plan.goals[0].indicators[0].values.append(ValueEntry(period: period, kind: .forecast, value: try! ValueText("6")))
        plan.assessments = [GoalAssessment(goalID: "g1", period: period, analysis: "Bättre än väntat")]
        #expect(plan.gaps(for: period).isEmpty)
        #expect(plan.gaps(for: period).summary == "Inget saknas")
    }
}
