import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

@Suite struct PlanEvaluationTests {
    @Test func councilGoalsRollUpFromTheGoalsThatContributeToThem() throws {
        let mark = try InterchangeCodec.decode(try Fixtures.mark)
        // 2023: the council goal's own indicator (≤108, forecast 108) is met; the committee goal
        // "Bästa barnkommun" has one met and one not met (=0 with forecast 3).
        let plan = try mark.typed()
        let statuses = PlanEvaluation.goalStatuses(plan, year: 2023)
        #expect(statuses["mark-sn-basta-barnkommun"] == .notMet)
        #expect(statuses["mark-kf-basta-barnkommun"] == .partlyMet)
        // A person's override of the committee goal counts in the council goal's roll-up.
        let overridden = PlanEvaluation.goalStatuses(plan, year: 2023, overrides: ["mark-sn-basta-barnkommun": .met])
        #expect(overridden["mark-kf-basta-barnkommun"] == .met)
        // Qualitative goals have nothing to compute from.
        #expect(statuses["mark-sn-digitalt-forst"] == .notAssessable)
    }
}
