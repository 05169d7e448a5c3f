import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

/// Issue 22, point 3: the short summary table ("Ekonomi, belopp tkr") is held as the plan states it,
/// printed as adopted, and checked against the operating budget and the investments.
@Suite struct EconomySummaryFormatTests {
    static func linkoping(_ change: (inout [String: Any]) -> Void = { _ in }) throws -> Data {
        var tree = try JSONSerialization.jsonObject(with: try Fixtures.data("linkoping-son-internbudget-2021.json")) as! [String: Any]
        change(&tree)
        return try JSONSerialization.data(withJSONObject: tree)
    }

    @Test func linkopingsSummaryReadsAndAgreesWithItsTables() throws {
        let plan = try InterchangeCodec.decode(try Self.linkoping()).typed()
        let economy = try #require(plan.economy)
        let summary = try #require(economy.summaries.first)
        #expect(summary.heading == "Ekonomi, belopp tkr")
        #expect(summary.rows.map(\.role) == [.netCost, .costs, .income, .investments])
        #expect(summary.rows[0].amounts[BudgetColumn(.budgetProposal, 2021, heading: "Budget förslag 2021")] == 1_560_188)
        // the stated figures are those of the budget (its stated totals) and the investments (800 over empty lines)
        #expect(economy.differences(summary).isEmpty)
        // written back as it was read
        #expect(try InterchangeCodec.decode(InterchangeCodec.encode(PlanDocument(plan))).typed().economy?.summaries == economy.summaries)
    }

    @Test func aFigureTheTablesSayOtherwiseIsShownBesideTheStatedOne() throws {
        var plan = try InterchangeCodec.decode(try Self.linkoping()).typed()
        let column = BudgetColumn(.plan, 2023, heading: "Plan förslag 2023")
        plan.economy!.summaries[0].rows[1].amounts[column] = 1_874_100
        plan.economy!.summaries[0].rows[3].amounts[column] = 900
        let differences = plan.economy!.differences(plan.economy!.summaries[0])
        #expect(differences.map { $0.description.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ") } == [
            "Plan förslag 2023: varav kostnader är 1 874 100 tkr i sammanfattningen, men 1 874 009 tkr i driftsammandrag (skillnad 91)",
            "Plan förslag 2023: Investeringar, netto är 900 tkr i sammanfattningen, men 800 tkr i investeringar (skillnad 100)",
        ])
    }

    @Test func aSummaryIsVersion3AndItsProblemsAreNamed() throws {
        expectRefused(try Self.linkoping { $0["version"] = 2 }, at: "$.economy.summaries", "version 3")
        expectRefused(try Self.linkoping { tree in
            var economy = tree[object: "economy"]
            var summaries = economy[array: "summaries"] as! [[String: Any]]
            var rows = summaries[0]["rows"] as! [[String: Any]]
            rows[0]["amounts"] = ["1 560 188", "1 546 397"]
            rows[1]["role"] = "brutto"
            rows[2]["amounts"] = ["350 000", "350 000", "trehundra", "350 000"]
            summaries[0]["rows"] = rows
            economy["summaries"] = summaries
            tree["economy"] = economy
        }, at: "$.economy.summaries[0].rows[1].role", "brutto")
        do {
            _ = try InterchangeCodec.decode(try Self.linkoping { tree in
                var economy = tree[object: "economy"]
                var summaries = economy[array: "summaries"] as! [[String: Any]]
                var rows = summaries[0]["rows"] as! [[String: Any]]
                rows[0]["amounts"] = ["1 560 188", "1 546 397"]
                rows[2]["amounts"] = ["350 000", "350 000", "trehundra", "350 000"]
                summaries[0]["rows"] = rows
                economy["summaries"] = summaries
                tree["economy"] = economy
            })
            Issue.record("accepted")
        } catch let error as InterchangeError {
            let problems = error.problems.map { "\($0.namedPath ?? $0.path): \($0.message)" }
            #expect(problems.contains { $0.hasPrefix("$.economy.summaries[0] (id ekonomi-sammanfattning).rows[0].amounts: har 2 celler men tabellen har 4 kolumner") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("$.economy.summaries[0] (id ekonomi-sammanfattning).rows[2].amounts[2]:") && $0.contains("trehundra") }, "\(problems)")
        }
    }
}
