import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

/// Issue 22, point 12: a municipality names its goal levels; the format carries the names (version 3).
@Suite struct GoalLevelLabelFormatTests {
    @Test func theNamesReadAndTheirProblemsAreNamed() throws {
        let data = try Fixtures.markChanged { tree in
            tree["version"] = 3
            var municipality = tree[object: "municipality"]
            municipality["goalLevelLabels"] = ["council": "Verksamhetsmål", "committee": "Nämndens mål"]
            tree["municipality"] = municipality
        }
        let plan = try InterchangeCodec.decode(data).typed()
        #expect(plan.municipality.goalLabel(.council) == "Verksamhetsmål")
        #expect(plan.municipality.goalLabel(.unit) == "Enhetsmål")
        #expect(PlanDocument(plan).requiredVersion == 3)
        expectRefused(try Fixtures.markChanged { tree in
            var municipality = tree[object: "municipality"]
            municipality["goalLevelLabels"] = ["council": "Verksamhetsmål"]
            tree["municipality"] = municipality
        }, at: "$.municipality.goalLevelLabels", "version 3")
        expectRefused(try Fixtures.markChanged { tree in
            tree["version"] = 3
            var municipality = tree[object: "municipality"]
            municipality["goalLevelLabels"] = ["kommun": "Verksamhetsmål"]
            tree["municipality"] = municipality
        }, at: "$.municipality.goalLevelLabels.kommun", "okänd målnivå")
    }
}
