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

/// Issue 22, point 6: the plan names its own column headings, and periods include runs of months.
@Suite struct ColumnHeadingFormatTests {
    static func mark(version: Int, _ change: (inout [String: Any]) -> Void) throws -> Data {
        try Fixtures.markChanged { tree in
            tree["version"] = version
            change(&tree)
        }
    }

    @Test func thePlansHeadingsAndARunOfMonthsRead() throws {
        let data = try Self.mark(version: 3) { tree in
            var plan = tree[object: "plan"]
            plan["columnHeadings"] = ["target": "Riktning {year}", "baseline": "Utgångsläge"]
            tree["plan"] = plan
            tree.edit("goals", 3) { goal in
                var indicators = goal["indicators"] as! [[String: Any]]
                var values = indicators[0]["values"] as! [[String: Any]]
                values.append(["period": "2023-01..07", "gender": "total", "kind": "outcome", "value": "12"])
                indicators[0]["values"] = values
                goal["indicators"] = indicators
            }
        }
        let plan = try InterchangeCodec.decode(data).typed()
        #expect(plan.columnHeadings == PlanColumnHeadings(target: "Riktning {year}", baseline: "Utgångsläge"))
        #expect(plan.goals[3].indicators[0].values.contains { $0.period == Period(year: 2023, part: .months(1, 7)) })
        #expect(PlanDocument(plan).requiredVersion == 3)
        #expect(try InterchangeCodec.decode(InterchangeCodec.encode(PlanDocument(plan))).typed() == plan)
    }

    @Test func whatVersion2CannotHoldAndBrokenHeadingsAreNamed() throws {
        expectRefused(try Self.mark(version: 2) { tree in
            var plan = tree[object: "plan"]; plan["columnHeadings"] = ["target": "Riktning {year}"]; tree["plan"] = plan
        }, at: "$.plan.columnHeadings", "version 3")
        expectRefused(try Self.mark(version: 2) { tree in
            tree.edit("goals", 3) { goal in
                var indicators = goal["indicators"] as! [[String: Any]]
                indicators[0]["values"] = [["period": "2023-01..07", "gender": "total", "kind": "outcome", "value": "12"]]
                goal["indicators"] = indicators
            }
        }, at: "$.goals[3].indicators[0].values[0].period", "version 3")
        expectRefused(try Self.mark(version: 3) { tree in
            var plan = tree[object: "plan"]; plan["columnHeadings"] = ["target": "Riktning"]; tree["plan"] = plan
        }, at: "$.plan.columnHeadings.target", "{year}")
    }
}
