import Foundation
import TertialCore
import TertialInterchange
import TertialStore
import TertialTestSupport

/// `tertial-bench save`: saving one target of a 150-indicator plan, the way the indicator form did
/// before the typed plan (read the whole plan, change it in memory, validate it whole, write) and the
/// way it does now (`PlanEditor.saveIndicator` reads the indicator's own rows; `PlanWrites.setTarget`
/// the target's; `PlanEditor.saveGoal` the goal's and what it may refer to). Prints whole-plan reads per save and the median time per save, and the ratio.
enum SaveBench {
    static func run(repeats: Int) async throws {
        let document = SyntheticPlan.make(id: "save", goals: 30, indicatorsPerGoal: 5)
        let actor = Actor.system("bench")
        try await withStore { store in
            print("Saving one target of a plan with 150 indicators (\(store.scratch.engine)):")
            try await PlanImporter.importDocuments([.init(name: "save.json", document: document)], into: store.db, by: actor)
            let goal = document.goals[7], indicator = goal.indicators[2]
            var year = 0
            func nextTarget() throws -> (Int, Target) {
                year += 1
                let y = document.plan.budgetYear
                return (y, try Target(year: y, text: "≥ \(50 + year % 40)"))
            }
            func perSave(_ label: String, _ body: () async throws -> Void) async throws -> (ms: Double, reads: Double) {
                try await body()
                let readsBefore = PlanExporter.wholePlanReads
                var samples: [Double] = []
                for _ in 0..<repeats {
                    let start = ContinuousClock.now
                    try await body()
                    let elapsed = ContinuousClock.now - start
                    samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                }
                samples.sort()
                let reads = Double(PlanExporter.wholePlanReads - readsBefore) / Double(repeats)
                print("  " + label.padding(toLength: 52, withPad: " ", startingAt: 0)
                      + String(format: "median %7.2f ms  (min %.2f, max %.2f, n=%d)   whole-plan reads per save: %.0f", samples[samples.count / 2],
                               samples.first!, samples.last!, repeats, reads))
                return (samples[samples.count / 2], reads)
            }
            // Before: what PlanEditor.saveIndicator did until the typed plan (issue 21): the whole plan read,
            // changed in memory and validated, then the target row and its audit written.
            let before = try await perSave("before: read + validate whole plan, write target") {
                let (y, target) = try nextTarget()
                try await store.db.writeTransaction { db in
                    var whole = try await PlanExporter.document(planID: document.plan.id, on: db)
                    whole.goals[7].indicators[2].targets[String(y)] = target.text
                    guard PlanValidator.validate(whole).isEmpty else { fatalError("the bench's plan is invalid") }
                }
                try await PlanWrites.setTarget(planID: document.plan.id, indicatorID: indicator.id, year: y, target, by: actor, on: store.db)
            }
            let form = try await perSave("now: the indicator form (PlanEditor.saveIndicator)") {
                let (y, target) = try nextTarget()
                var record = indicator
                record.targets[String(y)] = target.text
                try await PlanEditor.saveIndicator(record, goalID: goal.id, planID: document.plan.id, isNew: false, by: actor, on: store.db)
            }
            let one = try await perSave("now: one target (PlanWrites.setTarget)") {
                let (y, target) = try nextTarget()
                try await PlanWrites.setTarget(planID: document.plan.id, indicatorID: indicator.id, year: y, target, by: actor, on: store.db)
            }
            var title = 0
            let goalForm = try await perSave("now: the goal form (PlanEditor.saveGoal)") {
                title += 1
                var record = goal
                record.title = "\(goal.title) \(title)"
                try await PlanEditor.saveGoal(record, planID: document.plan.id, isNew: false, by: actor, on: store.db)
            }
            print(String(format: "  before / indicator form: %.1f×   before / one target: %.1f×   before / goal form: %.1f×",
                         before.ms / form.ms, before.ms / one.ms, before.ms / goalForm.ms))
        }
    }
}
