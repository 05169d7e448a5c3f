import FluentKit
import Foundation
import NIOCore
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

    /// Tracking measures' values take the bulk path too, and a plan's values go with the plan.
    @Test func trackingMeasureValuesGoInAndEveryValueLeavesWithItsPlan() async throws {
        try await withStore { store in
            var document = SyntheticPlan.make(id: "bulk", goals: 1, indicatorsPerGoal: 2)
            document.trackingMeasures = [TrackingMeasureRecord(id: "bulk-tm", name: "Antal ärenden", group: nil, unit: "st", decimals: 0, basicMissionId: nil,
                                                               approvedLevel: nil, values: [ValueRecord(period: Period(year: 2024), kind: .outcome, value: "1 204"),
                                                                                            ValueRecord(period: Period(year: 2025), kind: .outcome, value: "1 310")],
                                                               note: nil)]
            try await PlanImporter.importDocuments([.init(name: "bulk.json", document: document)], into: store.db, by: .system("test"))
            let exported = try await PlanExporter.document(planID: "bulk-plan", on: store.db)
            #expect(exported.trackingMeasures.map(\.values) == document.trackingMeasures.map(\.values), "on \(store.scratch.engine)")
            #expect(try await MeasureValueModel.query(on: store.db).count() == document.valueCount)

            try await PlanModel.find("bulk-plan", on: store.db)!.delete(on: store.db)
            #expect(try await MeasureValueModel.query(on: store.db).count() == 0, "on \(store.scratch.engine)")
            #expect(try await MeasureValueVersionModel.query(on: store.db).count() == 0, "on \(store.scratch.engine)")
        }
    }

    /// On PostgreSQL a value refers to its indicator and plan together (M028): a value that names
    /// another plan than its indicator's is refused by the database itself.
    @Test func aValueCannotNameAnotherPlanThanItsIndicators() async throws {
        try await withStore { store in
            guard store.scratch.engine == "postgres" else { return }   // SQLite keeps M006's keys
            try await PlanImporter.importDocuments([.init(name: "a.json", document: SyntheticPlan.make(id: "a", goals: 1, indicatorsPerGoal: 1)),
                                                    .init(name: "b.json", document: SyntheticPlan.make(id: "b", goals: 1, indicatorsPerGoal: 1))],
                                                   into: store.db, by: .system("test"))
            let value = try #require(try await MeasureValueModel.query(on: store.db).filter(\.$planID == "a-plan").first())
            value.planID = "b-plan"
            await #expect(throws: (any Error).self) { try await value.update(on: store.db) }
            let orphan = MeasureValueModel(ValueRecord(period: Period(year: 2030), kind: .outcome, value: "1"), planID: "a-plan", indicatorID: nil,
                                           trackingMeasureID: nil, position: 0, recordedBy: "test", at: Date())
            await #expect(throws: (any Error).self) { try await orphan.create(on: store.db) }
        }
    }
}

@Suite struct TimeOrderedUUIDTests {
    /// Version 7 (RFC 9562): the first 48 bits are the time in milliseconds, and within one
    /// generator every key is larger than the one before, so new rows land at the end of an index.
    @Test func keysGrowWithinAGeneratorCarryTheTimeAndAreUnique() {
        let now = Date(timeIntervalSince1970: 1_796_126_748.5)
        var ids = TimeOrderedUUIDs(count: 10_000, now: now)
        let keys = (0..<12_000).map { _ in ids.next() }   // beyond the batch it was made for, too
        let bytes = keys.map { withUnsafeBytes(of: $0.uuid) { Array($0) } }
        #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        #expect(Set(keys).count == keys.count)
        #expect(bytes.allSatisfy { $0[6] >> 4 == 7 && $0[8] >> 6 == 0b10 })
        let milliseconds = bytes[0].prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == 1_796_126_748_500)
        // 4 096 keys to the millisecond, then the next millisecond
        let later = bytes[4_096].prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(later == milliseconds + 1)
    }

    @Test func aKeyInCopyTextIsTheUUIDInLowercase() {
        var ids = TimeOrderedUUIDs(count: 3)
        for _ in 0..<3 {
            let id = ids.next()
            var buffer = ByteBuffer()
            CopyText.uuid(id, into: &buffer, last: true)
            #expect(buffer.readString(length: buffer.readableBytes) == id.uuidString.lowercased() + "\n")
        }
    }
}
