import FluentKit
import Foundation
import NIOCore
import SQLKit
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
                let expected = PlanEvaluation.goalStatuses(merged.typedKeepingWhatReads().plan, year: period.year, asOf: period)
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
    /// character of a comment and the time of the import, and each value's history is its one version.
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
            #expect(try await MeasureValueVersionModel.query(on: store.db).count() == 0, "a first version is the value itself")
            let (indicator, value) = (document.goals[1].indicators[0], document.goals[1].indicators[0].values[0])
            let cells = try await ValueHistory.allCells(planID: "bulk-plan", period: value.period, on: store.db)
            let cell = try #require(cells[indicator.id]?[value.gender]?[value.kind])
            #expect(cell.history.map(\.comment) == [comment] && cell.history.map(\.version) == [1])
        }
    }

    /// M029: databases made before it hold a version row equal to each value's current version;
    /// the migration removes exactly those, and every history reads as it did.
    @Test func theCurrentVersionsCopiesGoAndHistoriesStayTheSame() async throws {
        try await withStore { store in
            let document = SyntheticPlan.make(id: "old", goals: 1, indicatorsPerGoal: 2)
            try await PlanImporter.importDocuments([.init(name: "old.json", document: document)], into: store.db, by: .system("test"))
            let indicator = document.goals[1].indicators[0], first = indicator.values[0]
            for text in ["71", "72"] {
                try await ValueHistory.record(.indicator(indicator.id), period: first.period, gender: first.gender, kind: first.kind, text: text, by: .system("test"),
                                              on: store.db)
            }
            func histories() async throws -> [String: [String]] {
                var result: [String: [String]] = [:]
                for period in Set(document.goals.flatMap(\.indicators).flatMap(\.values).map(\.period)) {
                    for (id, genders) in try await ValueHistory.allCells(planID: "old-plan", period: period, on: store.db) {
                        for (gender, kinds) in genders { for (kind, cell) in kinds { result["\(id) \(period) \(gender) \(kind)"] = cell.history.map(\.text) } }
                    }
                }
                return result
            }
            let before = try await histories()
            #expect(before.values.filter { $0.count > 1 } == [[first.value, "71", "72"]])
            // As the schema before M029 kept them: a version row for every current value too.
            for value in try await MeasureValueModel.query(on: store.db).all() { try await MeasureValueVersionModel(snapshotOf: value).create(on: store.db) }
            try await M029_CurrentVersionOnce().prepare(on: store.db)
            #expect(try await MeasureValueVersionModel.query(on: store.db).sort(\.$version).all().map(\.valueText) == [first.value, "71"])
            #expect(try await histories() == before)
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

/// A first load builds the value table's indexes at the end (`FirstLoad`), on both engines.
@Suite struct FirstLoadTests {
    /// Every index and key of `measure_values`, as the database describes them.
    static func schema(_ db: any Database) async throws -> [String] {
        let sql = db as! any SQLDatabase
        let query: SQLQueryString = db.postgres != nil
            ? "SELECT indexname || ' ' || indexdef AS d FROM pg_indexes WHERE tablename = 'measure_values' AND schemaname = current_schema() UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'measure_values'::regclass"
            : "SELECT name || ' ' || coalesce(sql, '') AS d FROM sqlite_master WHERE tbl_name = 'measure_values' AND type = 'index'"
        return try await sql.raw(query).all().map { try $0.decode(column: "d", as: String.self) }.sorted()
    }

    static let big = SyntheticPlan.make(id: "big", goals: 3, indicatorsPerGoal: 60, years: 2001...2100)

    @Test func theIndexesGoPastTheThresholdAndComeBackAsTheyWere() async throws {
        try await withStore { store in
            let before = try await Self.schema(store.db)
            #expect(before.count >= 4)
            try await store.db.transaction { db in
                var load = try await FirstLoad.begin(on: db)
                try await load.wrote(FirstLoad.threshold - 1, on: db)
                #expect(!load.isBuildingAtTheEnd)
                try await load.wrote(1, on: db)
                #expect(load.isBuildingAtTheEnd)
                let during = try await Self.schema(db)
                #expect(during.count < before.count, "\(during)")
                #expect(!during.contains { $0.contains("measure_values_period") })
                try await load.finish(on: db)
                #expect(try await Self.schema(db) == before)
            }
        }
    }

    @Test func anImportIntoADatabaseWithValuesKeepsTheIndexes() async throws {
        try await withStore { store in
            try await PlanImporter.importDocuments([.init(name: "a.json", document: SyntheticPlan.make(id: "a", goals: 1, indicatorsPerGoal: 1))],
                                                   into: store.db, by: .system("test"))
            try await store.db.transaction { db in
                var load = try await FirstLoad.begin(on: db)
                try await load.wrote(FirstLoad.threshold * 10, on: db)
                #expect(!load.isBuildingAtTheEnd)
            }
        }
    }

    /// A first load that fails after its indexes went leaves them, and no value, behind; one that
    /// succeeds has every value, and the unique cell index holds again.
    @Test func aFailedFirstLoadLeavesTheSchemaAndASucceededOneHasEveryValue() async throws {
        try await withStore { store in
            let before = try await Self.schema(store.db)
            #expect(Self.big.valueCount >= FirstLoad.threshold)
            await #expect(throws: InterchangeError.self) {
                try await PlanImporter.importDocuments([.init(name: "big.json", document: Self.big), .init(name: "again.json", document: Self.big)],
                                                       into: store.db, by: .system("test"))
            }
            #expect(try await Self.schema(store.db) == before)
            #expect(try await MeasureValueModel.query(on: store.db).count() == 0)

            let small = SyntheticPlan.make(id: "small", goals: 1, indicatorsPerGoal: 2)
            try await PlanImporter.importDocuments([.init(name: "big.json", document: Self.big), .init(name: "small.json", document: small)],
                                                   into: store.db, by: .system("test"))
            #expect(try await Self.schema(store.db) == before)
            #expect(try await MeasureValueModel.query(on: store.db).count() == Self.big.valueCount + small.valueCount)
            #expect(try await PlanExporter.document(planID: "big-plan", on: store.db).goals.map { $0.indicators.map(\.values) }
                    == Self.big.goals.map { $0.indicators.map(\.values) })
            let value = try #require(try await MeasureValueModel.query(on: store.db).filter(\.$planID == "big-plan").first())
            let twin = MeasureValueModel(value.record, planID: value.planID, indicatorID: value.indicatorID, trackingMeasureID: nil, position: 999,
                                         recordedBy: "test", at: Date())
            await #expect(throws: (any Error).self) { try await twin.create(on: store.db) }
        }
    }
}

/// An import checks each file against what the files before it wrote (kept in `PlanImporter.Known`,
/// not read back for every plan) as strictly as against the database.
@Suite struct ImportOfManyFilesTests {
    @Test func aLaterFileThatDisagreesWithAnEarlierOneIsNamed() async throws {
        try await withStore { store in
            let a = SyntheticPlan.make(id: "a", goals: 2, indicatorsPerGoal: 1)
            var b = a
            b.plan.id = "a-plan-2"
            for g in b.goals.indices { for i in b.goals[g].indicators.indices { b.goals[g].indicators[i].id += "-2" } }
            // The same shared rows as a.json, identical: they go in once.
            try await PlanImporter.importDocuments([.init(name: "a.json", document: a), .init(name: "b.json", document: b)], into: store.db, by: .system("test"))
            #expect(try await PlanModel.query(on: store.db).count() == 2)
            #expect(try await GoalModel.query(on: store.db).count() == a.goals.count)

            var c = b, d = b
            c.plan.id = "a-plan-3"; d.plan.id = "a-plan-4"
            for g in c.goals.indices { for i in c.goals[g].indicators.indices { c.goals[g].indicators[i].id += "-3"; d.goals[g].indicators[i].id += "-4" } }
            c.units.append(UnitRecord(id: "a-ny", kind: .unit, name: "Ny enhet", parentId: "a-nmd"))
            d.units.append(UnitRecord(id: "a-ny", kind: .unit, name: "Annan enhet", parentId: "a-nmd"))
            d.municipality.name = "Annan kommun"
            d.goals[0].title = "Ändrat mål"
            let error = await #expect(throws: InterchangeError.self) {
                try await PlanImporter.importDocuments([.init(name: "c.json", document: c), .init(name: "d.json", document: d)], into: store.db, by: .system("test"))
            }
            let problems = error?.problems.map(\.description) ?? []
            #expect(problems.count == 3, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("d.json: $.municipality") })
            #expect(problems.contains { $0.hasPrefix("d.json: $.units[2]") && $0.contains("a-ny") })
            #expect(problems.contains { $0.hasPrefix("d.json: $.goals[0]") })
            #expect(try await PlanModel.query(on: store.db).count() == 2)
        }
    }
}
