import FluentKit
import Foundation
import Testing
import TertialCore
import TertialInterchange
@testable import TertialStore
import TertialTestSupport

/// Issue 23, point 7: next year's plan made from this year's — a draft a year on, with what continues
/// carried and the old plan untouched, byte for byte.
@Suite struct NextYearPlanTests {
    let mark = "mark-sn-namndplan-2024-2025"

    @Test func marks2025To2026DraftCarriesWhatContinuesAndLeavesTheOldPlanAsItWas() async throws {
        try await withStore { store in
            var sources = try DemoData.sources()
            let index = try #require(sources.firstIndex { $0.document.plan.id == mark })
            // Mark's plan with four activities: one done and one cancelled in 2024 (not carried), one under way, one not started
            sources[index].document.activityPlan = ActivityPlanRecord(activities: [
                ActivityRecord(id: "mark-sn-akt-klar", text: "Införa digital ansökan om ekonomiskt bistånd", goalIds: ["mark-sn-basta-barnkommun"], due: "2024-Q2"),
                ActivityRecord(id: "mark-sn-akt-struken", text: "Utreda gemensam mottagning", due: "2024-Q3"),
                ActivityRecord(id: "mark-sn-akt-pagar", text: "Utveckla familjehemsvården med fler egna familjehem", goalIds: ["mark-sn-basta-barnkommun"],
                               responsibleRole: "Enhetschef familjehem", due: "2025-Q2",
                               followUps: [ActivityFollowUpRecord(period: Period(year: 2024, part: .interim), status: .ongoing, comment: "Rekrytering pågår.")]),
                ActivityRecord(id: "mark-sn-akt-ny", text: "Ta fram en plan för kompetensförsörjning inom äldreomsorgen", due: "2025-Q4"),
            ], assignments: [])
            try await PlanImporter.importDocuments(sources, into: store.db, by: Actor(name: "import"))
            let done = "mark-sn-akt-klar", cancelled = "mark-sn-akt-struken"
            _ = try await ActivityPlans.saveFollowUp(planID: mark, period: Period(year: 2024), activities: [.init(activityID: done, status: .done, comment: nil)],
                                                     assignments: [], expected: nil, by: Actor(name: "anna"), on: store.db)
            _ = try await ActivityPlans.saveFollowUp(planID: mark, period: Period(year: 2024, part: .interim), activities: [.init(activityID: cancelled, status: .cancelled, comment: nil)],
                                                     assignments: [], expected: nil, by: Actor(name: "anna"), on: store.db)
            let before = InterchangeCodec.encode(try await PlanExporter.document(planID: mark, on: store.db))
            let old = try await PlanReads.plan(mark, on: store.db)

            let id = try await NextYearPlans.create(from: mark, by: Actor(name: "anna"), on: store.db)
            #expect(id == "mark-sn-namndplan-2025-2026")
            // the old plan, byte for byte
            #expect(InterchangeCodec.encode(try await PlanExporter.document(planID: mark, on: store.db)) == before)
            let draft = try await PlanReads.plan(id, on: store.db)
            #expect(draft.title == "Nämndplan 2025-2026" && draft.status == .draft && draft.decision == nil)
            #expect(draft.budgetYear == 2025 && draft.planYears == [2025, 2026])
            // the committee's goals continue under new ids, the council's are shared; the links follow
            let own = old.goals.filter { $0.level != .council }
            for goal in own {
                let next = try #require(draft.goals.first { $0.continues == goal.id }, "\(goal.id)")
                #expect(next.id != goal.id && next.title == goal.title)
                #expect(next.parentGoalIDs == goal.parentGoalIDs.map { pid in draft.goals.first { $0.continues == pid }?.id ?? pid })
            }
            #expect(old.goals.filter { $0.level == .council }.allSatisfy { council in draft.goals.contains { $0.id == council.id } })
            // targets shifted: 2025's kept, 2024's gone, 2026 left to fill; the history of values kept
            for (oldIndicator, newIndicator) in zip(own.flatMap(\.indicators), draft.goals.filter { $0.continues != nil }.flatMap(\.indicators)) {
                #expect(newIndicator.name == oldIndicator.name)
                #expect(newIndicator.targets[2025] == oldIndicator.targets[2025] && newIndicator.targets[2024] == nil)
                #expect(newIndicator.values == oldIndicator.values)
            }
            // activities not done carried with their mark and links to the new goals, without last year's follow-up
            let activities = try #require(draft.activityPlan?.activities)
            #expect(!activities.contains { $0.id == done || $0.id == cancelled })
            #expect(activities.count == old.activityPlan!.activities.count - 2)
            #expect(activities.allSatisfy { $0.carriedFrom == 2024 && $0.followUps.isEmpty })
            let goalIDs = Set(draft.goals.map(\.id))
            #expect(activities.flatMap(\.links).allSatisfy { if case .goal(let g) = $0 { goalIDs.contains(g) } else { true } })
            // risks carried for re-assessment, without results; text sections copied
            #expect(draft.internalControl?.risks.count == old.internalControl?.risks.count)
            #expect(draft.internalControl?.risks.flatMap(\.controls).allSatisfy { $0.results.isEmpty } == true)
            #expect(draft.textSections == old.textSections)
            // the budget a year on: the old plan year 2025 is the new budget 2025's starting point
            let oldBudget = try #require(old.economy?.operatingBudgets.first?.budget)
            let newBudget = try #require(draft.economy?.operatingBudgets.first?.budget)
            #expect(newBudget.columns.map(\.year) == oldBudget.columns.map { $0.year + 1 })
            if let from = oldBudget.columns.first(where: { $0.year == 2025 && $0.kind.isAmount }),
               let to = newBudget.columns.first(where: { $0.year == 2025 && $0.kind == from.kind }) {
                #expect(newBudget.sections[0].lines.map { $0.amounts[to] } == oldBudget.sections[0].lines.map { $0.amounts[from] })
            }
            // audited; made twice, it is refused and nothing is written
            let audit = try await AuditLog.records(.init(actor: "anna"), on: store.db)
            #expect(audit.contains { $0.field == "nästa års plan" && $0.oldValue == mark && $0.newValue == id })
            await #expect(throws: (any Error).self) { try await NextYearPlans.create(from: mark, by: Actor(name: "anna"), on: store.db) }
            #expect(InterchangeCodec.encode(try await PlanExporter.document(planID: mark, on: store.db)) == before)
        }
    }
}
