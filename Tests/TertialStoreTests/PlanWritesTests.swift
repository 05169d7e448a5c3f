import FluentKit
import Foundation
import Testing
import TertialCore
import TertialInterchange
@testable import TertialStore
import TertialTestSupport

/// One field of a plan written typed, without the whole plan: the row and its audit record, the
/// import's rules for the field, and nothing else changed.
@Suite struct PlanWritesTests {
    let mark = "mark-sn-namndplan-2024-2025"
    let indicator = "mark-sn-handlaggningstid-familjeenheten"

    @Test func aTargetIsSetChangedAndRemovedWithItsAuditRecords() async throws {
        try await withStore { store in
            // given the Mark plan (targets ≤108, ≤100, ≤100 for 2023–2025)
            try await PlanImporter.importDocuments([try DemoData.sources()[2]], into: store.db, by: Actor(name: "import"))
            let before = try await PlanExporter.document(planID: mark, on: store.db)
            // when the 2024 target is changed, a 2026 target added and the 2025 target removed
            try await PlanWrites.setTarget(planID: mark, indicatorID: indicator, year: 2024, try Target(year: 2024, text: "≤ 95"), by: Actor(name: "anna"), on: store.db)
            try await PlanWrites.setTarget(planID: mark, indicatorID: indicator, year: 2026, try Target(year: 2026, text: "≤90"), by: Actor(name: "anna"), on: store.db)
            try await PlanWrites.setTarget(planID: mark, indicatorID: indicator, year: 2025, nil, by: Actor(name: "anna"), on: store.db)
            try await PlanWrites.setTarget(planID: mark, indicatorID: indicator, year: 2023, try Target(year: 2023, text: "≤108"), by: Actor(name: "anna"), on: store.db)
            // then the plan has exactly those targets, everything else as it was
            let after = try await PlanExporter.document(planID: mark, on: store.db)
            let changed = try #require(after.goals.flatMap(\.indicators).first { $0.id == indicator })
            #expect(changed.targets == ["2023": "≤108", "2024": "≤ 95", "2026": "≤90"])
            var expected = before
            for g in expected.goals.indices { for i in expected.goals[g].indicators.indices where expected.goals[g].indicators[i].id == indicator {
                expected.goals[g].indicators[i].targets = changed.targets
            } }
            #expect(after == expected)
            // and each change (not the unchanged 2023) has its audit record, old and new text
            let audit = try await AuditLog.records(.init(actor: "anna", planID: mark), on: store.db)
            #expect(Set(audit.map { "\($0.field ?? ""): \($0.oldValue ?? "–") → \($0.newValue ?? "–")" })
                    == ["målvärde 2024: ≤100 → ≤ 95", "målvärde 2026: – → ≤90", "målvärde 2025: ≤100 → –"])
        }
    }

    @Test func aTargetOfAnotherPlanOrWithControlCharactersIsRefused() async throws {
        try await withStore { store in
            try await PlanImporter.importDocuments(try DemoData.sources(), into: store.db, by: Actor(name: "import"))
            // given an indicator of Mark's plan, set through Linköping's
            await #expect(throws: PlanEditor.EditError.notInPlan(indicator)) {
                try await PlanWrites.setTarget(planID: "lkpg-son-internbudget-2021", indicatorID: indicator, year: 2024,
                                               try Target(year: 2024, text: "≤ 95"), by: Actor(name: "anna"), on: store.db)
            }
            // a target in words (assessed by a person) whose text holds a control character names its field
            do {
                try await PlanWrites.setTarget(planID: mark, indicatorID: indicator, year: 2024, try Target(year: 2024, text: "Ett bättre bemötande\u{7}"),
                                               by: Actor(name: "anna"), on: store.db)
                Issue.record("a control character was stored")
            } catch let invalid as PlanEditor.Invalid {
                #expect(invalid.fields["target-2024"]?.contains("styrtecken") == true)
            }
            let stored = try await PlanExporter.document(planID: mark, on: store.db).goals.flatMap(\.indicators).first { $0.id == indicator }
            #expect(stored?.targets["2024"] == "≤100")
        }
    }
}

extension PlanWritesTests {
    @Test func anIndicatorWithValuesPerGenderKeepsItsBreakdown() async throws {
        try await withStore { store in
            // given Linköping's sick leave, reported for women and men
            let linkoping = try DemoData.sources()[0]
            try await PlanImporter.importDocuments([linkoping], into: store.db, by: Actor(name: "import"))
            let goal = try #require(linkoping.document.goals.first { $0.indicators.contains { $0.id == "lkpg-son-sjukfranvaro" } })
            var record = try #require(goal.indicators.first { $0.id == "lkpg-son-sjukfranvaro" })
            #expect(record.genderBreakdown && record.values.contains { $0.gender != .total })
            // when its form is saved without the breakdown
            record.genderBreakdown = false
            // then nothing is saved and the reason is the rule an import would name
            do {
                try await PlanEditor.saveIndicator(record, goalID: goal.id, planID: linkoping.document.plan.id, isNew: false, by: Actor(name: "anna"), on: store.db)
                Issue.record("the breakdown was removed from an indicator with values per gender")
            } catch let invalid as PlanEditor.Invalid {
                #expect(invalid.fields["values"] == "indikatorn redovisas inte per kön (genderBreakdown är false)")
            }
            let stored = try await PlanExporter.document(planID: linkoping.document.plan.id, on: store.db)
            #expect(stored.goals.flatMap(\.indicators).first { $0.id == "lkpg-son-sjukfranvaro" }?.genderBreakdown == true)
            #expect(PlanValidator.validate(stored).isEmpty)
        }
    }
}

extension PlanWritesTests {
    /// A goal is checked by the import's rules for one goal, against what it may refer to in its plan
    /// (read from its own rows): each problem is named on its field and nothing is written.
    @Test func aGoalIsCheckedAgainstItsPlanWithoutReadingTheWholePlan() async throws {
        try await withStore { store in
            try await PlanImporter.importDocuments([try DemoData.sources()[2]], into: store.db, by: Actor(name: "import"))
            let plan = try await PlanReads.plan(mark, on: store.db)
            let goal = try #require(plan.goals.first { $0.level == .committee && $0.indicators.isEmpty == false })
            let before = try await PlanExporter.document(planID: mark, on: store.db)
            let cases: [(String, (inout Goal) -> Void)] = [
                ("agenda2030", { $0.agenda2030 = ["18"] }),
                ("parentGoalIds", { $0.parentGoalIDs = ["finns-inte"] }),
                ("goalAreaId", { $0.goalAreaID = "annat-omrade" }),
                ("title", { $0.title = String(repeating: "x", count: TextLimits.name + 1) }),
                ("childRights", { $0.childRights = [55] }),
            ]
            for (field, change) in cases {
                var changed = goal
                change(&changed)
                do {
                    try await PlanEditor.saveGoal(changed, planID: mark, isNew: false, by: Actor(name: "anna"), on: store.db)
                    Issue.record("\(field): saved")
                } catch let invalid as PlanEditor.Invalid {
                    #expect(invalid.fields[field] != nil, "\(field): \(invalid.fields)")
                }
            }
            // a goal that contributes to itself
            var own = goal
            own.parentGoalIDs = [goal.id]
            await #expect(throws: PlanEditor.Invalid.self) { try await PlanEditor.saveGoal(own, planID: mark, isNew: false, by: Actor(name: "anna"), on: store.db) }
            #expect(try await PlanExporter.document(planID: mark, on: store.db) == before)
            // a goal with indicators is not deleted, a goal area in use is not taken off the plan
            await #expect(throws: PlanEditor.EditError.isParent) { try await PlanEditor.deleteGoal(goal.id, planID: mark, by: Actor(name: "anna"), on: store.db) }
            if let area = goal.goalAreaID {
                await #expect(throws: PlanEditor.EditError.isParent) { try await PlanEditor.removeGoalArea(area, planID: mark, by: Actor(name: "anna"), on: store.db) }
            }
            // and a good change is saved, with its audit record
            var renamed = goal
            renamed.title = "Ett nytt namn"
            try await PlanEditor.saveGoal(renamed, planID: mark, isNew: false, by: Actor(name: "anna"), on: store.db)
            #expect(try await PlanReads.plan(mark, on: store.db).goals.first { $0.id == goal.id }?.title == "Ett nytt namn")
            #expect(try await AuditLog.records(.init(actor: "anna", planID: mark), on: store.db).contains { $0.field == "titel" && $0.newValue == "Ett nytt namn" })
        }
    }
}

extension PlanWritesTests {
    /// Issue 22: a file that lists its units in another order than Tertial writes them is the same plan:
    /// the cover and the plan page must not say "ändrad efter planversion 1" while *Versioner* finds no difference.
    @Test func aVersionIsTheSamePlanWhateverTheOrderOfItsUnits() async throws {
        try await withStore { store in
            try await PlanImporter.importDocuments([try DemoData.sources()[2]], into: store.db, by: Actor(name: "import"))
            // when the municipality's units come in another order (another plan's import, a new unit)
            let units = try await OrgUnitModel.query(on: store.db).all()
            for (position, unit) in units.sorted(by: { $0.position < $1.position }).reversed().enumerated() {
                unit.position = position
                try await unit.update(on: store.db)
            }
            let frozen = try #require(try await PlanVersions.data(planID: mark, number: 1, on: store.db))
            #expect(frozen != InterchangeCodec.encode(try await PlanExporter.document(planID: mark, on: store.db)))
            let source = try await PlanReads.plan(planID: mark, version: nil, on: store.db).source
            #expect(source.hasPrefix("Planversion 1 (fastställd"), "\(source)")
            #expect(try await PlanReads.isUnchanged(planID: mark, since: 1, on: store.db))
            // and a real change still counts
            try await PlanWrites.setTarget(planID: mark, indicatorID: indicator, year: 2024, try Target(year: 2024, text: "≤ 95"), by: Actor(name: "anna"), on: store.db)
            #expect(try await PlanReads.plan(planID: mark, version: nil, on: store.db).source == "Arbetsversion, ändrad efter planversion 1")
            #expect(try await !PlanReads.isUnchanged(planID: mark, since: 1, on: store.db))
        }
    }
}
