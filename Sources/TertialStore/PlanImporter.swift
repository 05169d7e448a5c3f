import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit
import TertialCore
import TertialInterchange

/// Writes plan documents into the database: all files of one import in one transaction, so a
/// problem in any of them leaves the database as it was.
///
/// Municipalities, units, goal areas and goals may already exist (another plan of the same
/// municipality brought them); then they must be identical, or the import names the conflict.
/// Plans, indicators, tracking measures and basic missions must be new.
public enum PlanImporter {
    public struct Source: Sendable {
        public var name: String
        public var document: PlanDocument
        public init(name: String, document: PlanDocument) { self.name = name; self.document = document }
    }

    public static func importDocuments(_ sources: [Source], into database: any Database,
                                       by actor: Actor, at date: Date = Date()) async throws {
        let stream = AsyncStream<Result<Source, InterchangeError>> { continuation in
            for source in sources { continuation.yield(.success(source)) }
            continuation.finish()
        }
        try await importDocuments(streaming: stream, into: database, by: actor, at: date)
    }

    /// `sources` in the order they are imported, as they are read: the import writes the first
    /// while later ones are still being read (`tertial import` reads a thousand files on the other
    /// cores meanwhile). One that could not be read fails the whole import, which then names every
    /// such failure and nothing else — as if nothing had been written, which nothing has.
    public static func importDocuments<S: AsyncSequence & Sendable>(streaming sources: S, into database: any Database,
                                                                    by actor: Actor, at date: Date = Date()) async throws
    where S.Element == Result<Source, InterchangeError> {
        let values = try await database.writeTransaction { db in
            // A large import touches far more pages than SQLite's default cache (2 MB) holds; without
            // more, it writes pages out to the log and reads them back many times within the one
            // transaction. The cache is the connection's; it is set back at the end.
            if let sql = db.sqlite { try await sql.raw("PRAGMA cache_size = -262144").run() }
            do {
                let values = try await write(sources, by: actor, at: date, on: db)
                if let sql = db.sqlite { try await sql.raw("PRAGMA cache_size = -2000").run() }
                return values
            } catch {
                if let sql = db.sqlite { try? await sql.raw("PRAGMA cache_size = -2000").run() }
                throw error
            }
        }
        // After a large import PostgreSQL's planner knows nothing of the new rows until autovacuum gets
        // to them; until then the municipality's evaluation took 5,7 s instead of 0,4 (bench/RESULTS.md).
        // The import has committed: statistics that cannot be gathered now are autovacuum's later.
        if values >= 10_000, let sql = database.postgres {
            try? await sql.raw("ANALYZE measure_values, measure_value_versions, indicators, targets, goals, goal_links, plan_goals, plans").run()
        }
    }

    /// Writes each source as it arrives and returns how many values went in.
    static func write<S: AsyncSequence>(_ sources: S, by actor: Actor, at date: Date, on db: any Database) async throws -> Int
    where S.Element == Result<Source, InterchangeError> {
        var unreadable: [InterchangeProblem] = [], conflicts: [InterchangeProblem] = []
        var values = 0
        // A plan's value rows are made on another core while the plan before it is written: the
        // client's work and the database's then overlap instead of taking turns.
        let encoding: ImportedRows.Encoding = db.postgres != nil ? .copy : .rows
        var pending: (source: Source, values: Task<ImportedRows, Never>)?
        var firstLoad = try await FirstLoad.begin(on: db)
        let known = Known()
        for try await result in sources {
            switch result {
            case .failure(let error):
                unreadable += error.problems
                pending = nil
            case .success(let source):
                guard unreadable.isEmpty else { continue }
                let (document, recordedBy) = (source.document, actor.name)
                let prepared = Task { ImportedRows(document, recordedBy: recordedBy, at: date, encoding: encoding) }
                if let pending {
                    conflicts += try await write(pending.source, values: await pending.values.value, known: known, by: actor, at: date, on: db)
                    values += pending.source.document.valueCount
                    try await firstLoad.wrote(pending.source.document.valueCount, on: db)
                }
                pending = (source, prepared)
            }
        }
        if unreadable.isEmpty, let pending {
            conflicts += try await write(pending.source, values: await pending.values.value, known: known, by: actor, at: date, on: db)
            values += pending.source.document.valueCount
        }
        if !unreadable.isEmpty { throw InterchangeError(unreadable) }
        if !conflicts.isEmpty { throw InterchangeError(conflicts) }
        try await firstLoad.finish(on: db)
        return values
    }

    /// One source; returns what conflicts with the database, named in the source's file.
    static func write(_ source: Source, values: ImportedRows, known: Known, by actor: Actor, at date: Date,
                      on db: any Database) async throws -> [InterchangeProblem] {
        do {
            try await write(source.document, values: values, known: known, into: db, recordedBy: actor.name, at: date)
            try await AuditLog.append(.init(.importPlan, "plan", source.document.plan.id, new: source.name, planID: source.document.plan.id),
                                      by: actor, at: date, on: db)
            // An adopted plan arrives with its decision: freeze it as version 1.
            if source.document.plan.status == .adopted {
                try await PlanVersions.snapshot(source.document, encoded: values.frozen, by: actor, at: date, on: db)
            }
            return []
        } catch let error as InterchangeError {
            return error.inFile(source.name).problems
        }
    }

    /// What an import has written or found so far, in its own transaction: a thousand plans of one
    /// municipality name the same municipality, units, goal areas and council goals, and each was
    /// read back from the database for every plan (a third of the time a large import took).
    final class Known {
        var municipalities: [String: MunicipalityModel] = [:]
        var units: [String: OrgUnitModel] = [:]
        var areas: [String: GoalAreaModel] = [:]
        var goals: [String: (GoalModel, parents: [String])] = [:]
        var nextPlanPosition: Int?
    }

    static func write(_ doc: PlanDocument, values: ImportedRows, known: Known, into db: any Database, recordedBy: String,
                      at date: Date) async throws {
        var conflicts: [InterchangeProblem] = []
        func conflict(_ path: JSONPath, _ message: String) { conflicts.append(InterchangeProblem(path: path.description, message: message)) }
        let root = JSONPath()
        let municipalityID = doc.municipality.id

        // Municipality.
        let knownMunicipality: MunicipalityModel?
        if let cached = known.municipalities[municipalityID] { knownMunicipality = cached } else {
            knownMunicipality = try await MunicipalityModel.find(municipalityID, on: db)
        }
        if let existing = knownMunicipality {
            if existing.name != doc.municipality.name || (existing.unitKindLabels ?? [:]) != (doc.municipality.unitKindLabels ?? [:])
                || existing.followUpPeriods != doc.municipality.followUpPeriods
                // the names of goal levels an administrator set stand when a file says nothing of them
                || (doc.municipality.goalLevelLabels != nil && existing.goalLevelLabels != doc.municipality.goalLevelLabels) {
                conflict(root + "municipality", "kommunen \"\(municipalityID)\" finns redan med andra uppgifter")
            }
        } else {
            let count = try await MunicipalityModel.query(on: db).count()
            let model = MunicipalityModel(doc.municipality, position: count)
            try await model.create(on: db)
            known.municipalities[municipalityID] = model
        }
        if known.municipalities[municipalityID] == nil, let knownMunicipality, conflicts.isEmpty { known.municipalities[municipalityID] = knownMunicipality }

        // Units, parents first.
        let unknownUnits = doc.units.map(\.id).filter { known.units[$0] == nil }
        let existingUnits = unknownUnits.isEmpty ? [] : try await OrgUnitModel.query(on: db).filter(\.$id ~~ unknownUnits).all()
        let unitsByID = Dictionary(existingUnits.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }).merging(known.units) { a, _ in a }
        var newUnits: [(Int, OrgUnitModel)] = []
        for (i, unit) in doc.units.enumerated() {
            let model = OrgUnitModel(unit, municipalityID: municipalityID, position: i)
            if let existing = unitsByID[unit.id] {
                if !existing.sameContent(as: model) { conflict((root + "units")[i], "enheten \"\(unit.id)\" finns redan med andra uppgifter") }
            } else {
                newUnits.append((depth(of: unit.id, in: doc.units), model))
            }
        }
        for (_, model) in newUnits.sorted(by: { $0.0 < $1.0 }) { try await model.create(on: db) }
        for model in existingUnits + newUnits.map(\.1) { known.units[model.id!] = model }

        // Goal areas.
        let unknownAreas = doc.goalAreas.map(\.id).filter { known.areas[$0] == nil }
        let existingAreas = unknownAreas.isEmpty ? [] : try await GoalAreaModel.query(on: db).filter(\.$id ~~ unknownAreas).all()
        let areasByID = Dictionary(existingAreas.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }).merging(known.areas) { a, _ in a }
        for model in existingAreas { known.areas[model.id!] = model }
        for (i, area) in doc.goalAreas.enumerated() {
            let model = GoalAreaModel(area, municipalityID: municipalityID)
            if let existing = areasByID[area.id] {
                if !existing.sameContent(as: model) { conflict((root + "goalAreas")[i], "målområdet \"\(area.id)\" finns redan med andra uppgifter") }
            } else {
                try await model.create(on: db)
                known.areas[area.id] = model
            }
        }

        // The plan must be new, and so must everything that belongs to it alone.
        if try await PlanModel.find(doc.plan.id, on: db) != nil {
            conflict(root + "plan" + "id", "planen \"\(doc.plan.id)\" finns redan; ta bort den eller ge den ett nytt id")
        }
        try await requireNew(BasicMissionModel.self, ids: doc.basicMissions.map(\.id), kind: "grunduppdraget", on: db) { id in
            (root + "basicMissions")[doc.basicMissions.firstIndex { $0.id == id }!] + "id"
        }.forEach { conflicts.append($0) }
        let indicatorPaths = Dictionary(doc.goals.enumerated().flatMap { g, goal in
            goal.indicators.enumerated().map { i, indicator in (indicator.id, ((root + "goals")[g] + "indicators")[i] + "id") }
        }, uniquingKeysWith: { a, _ in a })
        try await requireNew(IndicatorModel.self, ids: Array(indicatorPaths.keys), kind: "indikatorn", on: db) { indicatorPaths[$0]! }
            .forEach { conflicts.append($0) }
        try await requireNew(TrackingMeasureModel.self, ids: doc.trackingMeasures.map(\.id), kind: "följetalet", on: db) { id in
            (root + "trackingMeasures")[doc.trackingMeasures.firstIndex { $0.id == id }!] + "id"
        }.forEach { conflicts.append($0) }

        // Goals: shared goals (council goals above all) may exist already, identical.
        let unknownGoals = doc.goals.map(\.id).filter { known.goals[$0] == nil }
        let existingGoals = unknownGoals.isEmpty ? [] : try await GoalModel.query(on: db).filter(\.$id ~~ unknownGoals).all()
        let existingLinks = existingGoals.isEmpty ? []
            : try await GoalLinkModel.query(on: db).filter(\.$goalID ~~ existingGoals.map { $0.id! }).sort(\.$position).all()
        for goal in existingGoals { known.goals[goal.id!] = (goal, existingLinks.filter { $0.goalID == goal.id }.map(\.parentGoalID)) }
        var newGoals: [(GoalRecord, GoalModel)] = []
        for (g, goal) in doc.goals.enumerated() {
            let model = GoalModel(goal, municipalityID: municipalityID)
            if let (existing, links) = known.goals[goal.id] {
                if !existing.sameContent(as: model) || links != goal.parentGoalIds {
                    conflict((root + "goals")[g], "målet \"\(goal.id)\" finns redan med andra uppgifter")
                }
            } else {
                newGoals.append((goal, model))
            }
        }
        guard conflicts.isEmpty else { throw InterchangeError(conflicts) }

        let position: Int
        if let next = known.nextPlanPosition { position = next } else { position = try await PlanModel.query(on: db).count() }
        try await PlanModel(doc.plan, municipalityID: municipalityID, position: position).create(on: db)
        known.nextPlanPosition = position + 1
        try await doc.goalAreas.enumerated().map { PlanGoalAreaModel(planID: doc.plan.id, goalAreaID: $1.id, position: $0) }.create(on: db)
        try await doc.basicMissions.enumerated().map { BasicMissionModel($1, planID: doc.plan.id, position: $0) }.create(on: db)
        // Rows go in by the hundred: on PostgreSQL each statement is a round trip.
        for chunk in newGoals.map(\.1).chunked(200) { try await chunk.create(on: db) }
        try await newGoals.flatMap { goal, _ in
            goal.parentGoalIds.enumerated().map { GoalLinkModel(goalID: goal.id, parentGoalID: $1, position: $0) }
        }.create(on: db)
        try await doc.goals.enumerated().map { PlanGoalModel(planID: doc.plan.id, goalID: $1.id, position: $0) }.create(on: db)
        for (goal, model) in newGoals { known.goals[goal.id] = (model, goal.parentGoalIds) }

        try await values.writeIndicatorsAndTargets(on: db)
        try await doc.trackingMeasures.enumerated().map { TrackingMeasureModel($1, planID: doc.plan.id, position: $0) }.create(on: db)
        try await values.write(on: db)
        if let economy = doc.economy {
            let problems = try await Economies.write(economy, planID: doc.plan.id, municipalityID: municipalityID, recordedBy: recordedBy, at: date, on: db)
            if !problems.isEmpty { throw InterchangeError(problems) }
        }
        if let texts = doc.textSections {
            let model = PlanTextSectionsModel()
            model.id = doc.plan.id
            model.document = Economies.encode(texts)
            try await model.create(on: db)
        }
        if let control = doc.internalControl {
            let model = PlanInternalControlModel()
            model.id = doc.plan.id
            model.document = Economies.encode(control)
            try await model.create(on: db)
        }
        if let activityPlan = doc.activityPlan {
            let model = PlanActivityPlanModel()
            model.id = doc.plan.id
            model.document = Economies.encode(activityPlan)
            try await model.create(on: db)
        }
        if let records = doc.assessments, !records.isEmpty {
            // Each as a first version, beside the status Tertial computes from the plan's own figures; an
            // assessment the file gives without a reason says where it came from.
            let plan = doc.typedKeepingWhatReads().plan
            var computed: [Period: [String: Attainment]] = [:]
            for record in records {
                if computed[record.period] == nil {
                    computed[record.period] = PlanEvaluation.goalStatuses(plan, year: record.period.year, asOf: record.period)
                }
                let row = AssessmentModel()
                row.id = UUID(); row.planID = doc.plan.id; row.goalID = record.goalId; row.period = record.period.description
                row.version = 1; row.computed = (computed[record.period]?[record.goalId] ?? .notAssessable).rawValue
                row.override = record.assessment?.rawValue
                row.reason = record.assessment == nil ? nil : (record.reason ?? GoalAssessment.importedReason)
                row.analysis = record.analysis; row.recordedBy = recordedBy; row.recordedAt = date
                try await row.create(on: db)
            }
        }
    }

    static func requireNew<M: Model>(_ type: M.Type, ids: [String], kind: String, on db: any Database,
                                     path: (String) -> JSONPath) async throws -> [InterchangeProblem] where M.IDValue == String {
        guard !ids.isEmpty else { return [] }
        let existing = try await M.query(on: db).filter(\._$id ~~ ids).all().compactMap(\.id)
        return existing.sorted().map { InterchangeProblem(path: path($0).description, message: "\(kind) \"\($0)\" finns redan i databasen") }
    }

    static func depth(of id: String, in units: [UnitRecord]) -> Int {
        var depth = 0
        var current = units.first { $0.id == id }?.parentId
        while let parent = current, depth < units.count {
            depth += 1
            current = units.first { $0.id == parent }?.parentId
        }
        return depth
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension ArraySlice where Element: Model {
    func create(on db: any Database) async throws { try await Array(self).create(on: db) }
}
