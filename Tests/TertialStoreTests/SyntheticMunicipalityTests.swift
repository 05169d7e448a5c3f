import FluentKit
import Foundation
import Testing
import TertialCore
import TertialInterchange
@testable import TertialStore
import TertialSynthetic
import TertialTestSupport

/// The synthetic municipality of the scale benchmarks (`tertial demo generate`).
@Suite struct SyntheticMunicipalityTests {
    @Test func theSameSeedGivesTheSamePlansAndAnotherSeedOthers() {
        let one = SyntheticMunicipality(size: .small, seed: 7).documents().map(InterchangeCodec.encode)
        let again = SyntheticMunicipality(size: .small, seed: 7).documents().map(InterchangeCodec.encode)
        let other = SyntheticMunicipality(size: .small, seed: 8).documents().map(InterchangeCodec.encode)
        #expect(one == again)
        #expect(one != other)
        #expect(one.count == other.count)
    }

    @Test func mediumIsATenthOfLargeAndEveryPlanPassesTheImportChecks() {
        let municipality = SyntheticMunicipality(size: .medium, seed: 1)
        let documents = municipality.documents()
        for document in documents {
            #expect(PlanValidator.validate(document) == [], "\(document.plan.id)")
        }
        // large: 40 committees, 1 000 units, 6 000 goals, 25 000 indicators, 1 500 000 values, 10 000
        // activities, 2 000 risks, 40 budgets of 50 lines over 8 years — medium a tenth of each
        let committeePlans = documents.filter { $0.plan.kind == .committeePlan }
        let units = Set(documents.flatMap(\.units).filter { $0.kind == .unit }.map(\.id))
        let goals = Set(documents.flatMap(\.goals).map(\.id))
        let indicators = documents.flatMap { $0.goals.flatMap(\.indicators) }
        #expect(committeePlans.count == 4)
        #expect(units.count == 100)
        #expect(goals.count >= 600)
        #expect(indicators.count >= 2_500)
        #expect(indicators.reduce(0) { $0 + $1.values.count } >= 150_000)
        #expect(documents.reduce(0) { $0 + ($1.activityPlan?.activities.count ?? 0) } == 1_000)
        #expect(committeePlans.reduce(0) { $0 + ($1.internalControl?.risks.count ?? 0) } == 200)
        for plan in committeePlans {
            let budget = try! #require(plan.economy?.operatingBudgets.first)
            #expect(budget.columns.count == 8)
            #expect(budget.sections.flatMap(\.lines).count == 50)
        }
        // a committee plan is the page the benchmark loads: about 150 indicators
        #expect(committeePlans[0].goals.flatMap(\.indicators).count == 150)
    }

    @Test func theSmallMunicipalityImportsAndExportsAsGenerated() async throws {
        try await withStore { store in
            let documents = SyntheticMunicipality(size: .small, seed: 3).documents()
            try await PlanImporter.importDocuments(documents.map { PlanImporter.Source(name: $0.plan.id, document: $0) }, into: store.db, by: .system("test"))
            for document in documents {
                let exported = try await PlanExporter.document(planID: document.plan.id, on: store.db)
                #expect(InterchangeCodec.encode(exported) == InterchangeCodec.encode(document), "\(document.plan.id) on \(store.scratch.engine)")
            }
        }
    }

    @Test func theMunicipalityEvaluationAgreesWithThePlanRulesOverAllPlans() async throws {
        try await withStore { store in
            let documents = SyntheticMunicipality(size: .small, seed: 5).documents()
            try await PlanImporter.importDocuments(documents.map { PlanImporter.Source(name: $0.plan.id, document: $0) }, into: store.db, by: .system("test"))
            // the plans' goals as one document, each goal once with every indicator it has in any plan
            var merged = documents[0]
            var goals: [String: GoalRecord] = [:], order: [String] = []
            for goal in documents.flatMap(\.goals) {
                if goals[goal.id] == nil { order.append(goal.id); goals[goal.id] = goal } else { goals[goal.id]!.indicators += goal.indicators }
            }
            merged.goals = order.map { goals[$0]! }
            for period in [Period(year: 2026, part: .tertial(2)), Period(year: 2026), Period(year: 2027)] {
                let result = try await MunicipalityEvaluation.goalStatuses(municipalityID: SyntheticMunicipality.municipalityID, period: period, on: store.db)
                let expected = PlanEvaluation.goalStatuses(merged, year: period.year, asOf: period)
                #expect(result.statuses == expected, "\(period) on \(store.scratch.engine)")
                #expect(result.statuses.count == order.count)
            }
            // at the second tertial the forecasts give real statuses, not only "not assessable"
            let t2 = try await MunicipalityEvaluation.goalStatuses(municipalityID: SyntheticMunicipality.municipalityID, period: Period(year: 2026, part: .tertial(2)), on: store.db)
            #expect(t2.count(.met) > 0 && t2.count(.notMet) > 0)
            #expect(t2.indicatorsEvaluated == documents.flatMap { $0.goals.flatMap(\.indicators) }.count)
        }
    }
}

@Suite struct BulkValueTests {
    /// Values go in through COPY on PostgreSQL and multi-row INSERTs on SQLite; both keep every
    /// character of a comment and the time of the import, and the history has each value's first version.
    @Test func valuesWithEveryKindOfCharacterSurviveTheBulkPath() async throws {
        try await withStore { store in
            var document = SyntheticPlan.make(id: "bulk", goals: 1, indicatorsPerGoal: 2)
            let comment = "tab\there, a back\\slash, \\N, \\t and\nanother line; åäö “citat” 😀"
            document.goals[1].indicators[0].values[0].comment = comment
            document.goals[1].indicators[0].values[1].value = "42,5"
            let at = Date(timeIntervalSince1970: 1_796_126_748.123456)
            try await PlanImporter.importDocuments([.init(name: "bulk.json", document: document)], into: store.db, by: .system("test"), at: at)
            let exported = try await PlanExporter.document(planID: "bulk-plan", on: store.db)
            #expect(exported.goals[1].indicators[0].values == document.goals[1].indicators[0].values, "on \(store.scratch.engine)")
            let rows = try await MeasureValueModel.query(on: store.db).filter(\.$planID == "bulk-plan").all()
            #expect(rows.count == document.goals.flatMap(\.indicators).reduce(0) { $0 + $1.values.count })
            for row in rows { #expect(abs(row.recordedAt.timeIntervalSince(at)) < 0.000_002, "\(row.recordedAt) on \(store.scratch.engine)") }
            let versions = try await MeasureValueVersionModel.query(on: store.db).all()
            #expect(Set(versions.map(\.valueID)) == Set(rows.map { $0.id! }))
            #expect(versions.first { $0.comment != nil }?.comment == comment)
        }
    }
}
