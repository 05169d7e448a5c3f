import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

/// Issue 22, point 11: a year's follow-up travels in the format — goal assessments and analyses —
/// so an annual report can come from an earlier system; and an annual report is a kind of its own.
@Suite struct AssessmentFormatTests {
    static func mark(version: Int = 3, _ assessments: [[String: Any]]?, kind: String? = nil) throws -> Data {
        try Fixtures.markChanged { tree in
            tree["version"] = version
            tree["assessments"] = assessments
            if let kind { var plan = tree[object: "plan"]; plan["kind"] = kind; tree["plan"] = plan }
        }
    }

    @Test func assessmentsAndAnalysesRead() throws {
        let goal = try JSONSerialization.jsonObject(with: try Fixtures.mark) as! [String: Any]
        let goalID = ((goal["goals"] as! [[String: Any]])[3])["id"] as! String
        let data = try Self.mark([["goalId": goalID, "period": "2024", "assessment": "met", "analysis": "Målet är nått: **92 %**."],
                                  ["goalId": goalID, "period": "2024-D", "analysis": "Halvvägs."]], kind: "annualReport")
        let plan = try InterchangeCodec.decode(data).typed()
        #expect(plan.kind == .annualReport)
        #expect(plan.assessments == [GoalAssessment(goalID: goalID, period: Period(year: 2024), assessment: .met, analysis: "Målet är nått: **92 %**."),
                                     GoalAssessment(goalID: goalID, period: Period(year: 2024, part: .interim), analysis: "Halvvägs.")])
        #expect(try InterchangeCodec.decode(InterchangeCodec.encode(PlanDocument(plan))).typed() == plan)
    }

    @Test func whatIsWrongIsNamed() throws {
        expectRefused(try Self.mark(version: 2, [["goalId": "x", "period": "2024", "analysis": "a"]]), at: "$.assessments", "version 3")
        expectRefused(try Self.mark(version: 2, nil, kind: "annualReport"), at: "$.plan.kind", "version 3")
        expectRefused(try Self.mark([["goalId": "finns-inte", "period": "2024", "analysis": "a"]]), at: "$.assessments[0].goalId", "finns-inte")
        expectRefused(try Self.mark([["goalId": "mark-sn-digitalt-forst", "period": "2024"]]), at: "$.assessments[0]", "varken")
        expectRefused(try Self.mark([["goalId": "mark-sn-digitalt-forst", "period": "2024", "reason": "r", "analysis": "a"]]),
                      at: "$.assessments[0].reason", "hör till en bedömning")
        expectRefused(try Self.mark([["goalId": "mark-sn-digitalt-forst", "period": "2024", "analysis": "a"],
                                     ["goalId": "mark-sn-digitalt-forst", "period": "2024", "analysis": "b"]]), at: "$.assessments[1]", "redan en bedömning")
        expectRefused(try Self.mark([["goalId": "mark-sn-digitalt-forst", "period": "2024", "assessment": "klart"]]), at: "$.assessments[0].assessment", "klart")
    }
}
