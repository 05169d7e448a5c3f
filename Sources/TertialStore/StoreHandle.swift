import Fluent
import Foundation
import SQLKit
import TertialCore
import Vapor

/// What the web holds of the database: a handle it passes to the store's reads and writes
/// (`on: req.store`). Only TertialStore runs queries on it; TertialWeb imports no Fluent, and its
/// files see only the members of modules they import (MemberImportVisibility), so a page cannot
/// reach the query API.
public typealias StoreHandle = any Database

extension Request {
    /// The request's database handle, for the store.
    public var store: StoreHandle { db }
}

extension Application {
    /// The application's database handle, for the store (startup, background work, the CLI).
    public var store: StoreHandle { db }
}

extension DatabaseConfig {
    /// Connects the application to this database, sets the file up and runs every migration.
    public func install(on app: Application) async throws {
        app.databases.use(try factory(), as: databaseID)
        try await Self.prepare(app.db)
        for migration in TertialSchema.migrations { app.migrations.add(migration) }
        try await app.autoMigrate()
    }

    /// Answers once the database does (`/healthz`).
    public static func ping(on db: any Database) async throws {
        _ = try await MunicipalityModel.query(on: db).count()
    }
}

// The small reads the web's pages make, by what they are about.

extension Catalogue {
    public static func municipality(_ id: String, on db: any Database) async throws -> MunicipalityModel? {
        try await MunicipalityModel.find(id, on: db)
    }

    public static func plan(_ id: String, on db: any Database) async throws -> PlanModel? {
        try await PlanModel.find(id, on: db)
    }

    public static func unitName(_ id: String, on db: any Database) async throws -> String? {
        try await OrgUnitModel.find(id, on: db)?.name
    }

    /// The names of a plan's municipality and owning unit (their ids when they are gone).
    public static func unitNames(of plan: PlanModel, on db: any Database) async throws -> (municipality: String, owner: String) {
        async let municipality = MunicipalityModel.find(plan.municipalityID, on: db)
        async let owner = OrgUnitModel.find(plan.ownerUnitID, on: db)
        return (try await municipality?.name ?? plan.municipalityID, try await owner?.name ?? plan.ownerUnitID)
    }

    /// Every municipality in its order.
    public static func municipalities(on db: any Database) async throws -> [MunicipalityModel] {
        try await MunicipalityModel.query(on: db).sort(\.$position).all()
    }

    /// Every unit, by municipality and in its order.
    public static func units(on db: any Database) async throws -> [OrgUnitModel] {
        try await OrgUnitModel.query(on: db).sort(\.$municipalityID).sort(\.$position).all()
    }
}

extension Accounts {
    public static func all(on db: any Database) async throws -> [AccountModel] {
        try await AccountModel.query(on: db).sort(\.$username).all()
    }

    public static func find(id: UUID, on db: any Database) async throws -> AccountModel? {
        try await AccountModel.find(id, on: db)
    }

    public static func roleAssignments(of accountID: UUID, on db: any Database) async throws -> [RoleAssignmentModel] {
        try await RoleAssignmentModel.query(on: db).filter(\.$accountID == accountID).all()
    }
}

extension AuditLog {
    /// Earlier versions of an indicator's fields and targets, newest first (at most 200): who, when,
    /// before, after. Values have their own history (`ValueHistory`).
    public static func indicatorChanges(_ indicatorID: String, planID: String, on db: any Database) async throws -> [AuditRecordModel] {
        try await AuditRecordModel.query(on: db).filter(\.$planID == planID).filter(\.$entityID == indicatorID)
            .filter(\.$entityType ~~ ["indikator", "målvärde"]).filter(\.$field != nil).sort(\.$sequence, .descending).limit(200).all()
            .filter { $0.field?.hasPrefix("Utfall") != true && $0.field?.hasPrefix("Prognos") != true }
    }
}

extension Assessments {
    /// The latest year with any yearly assessment of the plan's goals.
    public static func latestYear(planID: String, on db: any Database) async throws -> Period? {
        try await AssessmentModel.query(on: db).filter(\.$planID == planID).field(\.$period).unique().all(\.$period)
            .compactMap { Period($0) }.filter { $0.part == .year }.max()
    }
}

extension PlanReads {
    /// A plan's row and the revision of everything outside plans (units, settings, accounts), in one round trip.
    public static func planAndGlobalRevision(_ id: String, on db: any Database) async throws -> (plan: PlanModel, globalRevision: Int64)? {
        guard let sql = db as? any SQLDatabase,
              let row = try await sql.raw("""
                  SELECT plans.*, (SELECT n FROM write_lock WHERE id = 1) AS tertial_global_revision FROM plans WHERE id = \(bind: id)
                  """).first() else { return nil }
        return (try row.decode(fluentModel: PlanModel.self), try row.decode(column: "tertial_global_revision", as: Int64?.self) ?? 0)
    }
}

/// Goals and indicators to search, in the plans a visitor may read.
public enum PlanSearch {
    public struct Goal: Sendable { public let planID: String; public let goal: GoalModel }

    public static func candidates(planIDs: [String], on db: any Database) async throws -> (goals: [Goal], indicators: [IndicatorModel]) {
        async let planGoals = PlanGoalModel.query(on: db).filter(\.$planID ~~ planIDs).sort(\.$position).all()
        async let indicators = IndicatorModel.query(on: db).filter(\.$planID ~~ planIDs).sort(\.$position).all()
        let (links, allIndicators) = try await (planGoals, indicators)
        let goals = Dictionary(try await GoalModel.query(on: db).filter(\.$id ~~ links.map(\.goalID)).all().map { ($0.id!, $0) },
                               uniquingKeysWith: { a, _ in a })
        return (links.compactMap { link in goals[link.goalID].map { Goal(planID: link.planID, goal: $0) } }, allIndicators)
    }
}
