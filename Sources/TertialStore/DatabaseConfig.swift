import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging

/// Where the data lives: an SQLite file (the default) or PostgreSQL (`DATABASE_URL=postgres://…`).
public enum DatabaseConfig: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String, searchPath: [String]? = nil)

    /// `DATABASE_URL` wins when it names PostgreSQL; otherwise the SQLite file at `sqlitePath`.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment,
                               sqlitePath: String = "tertial.sqlite") -> DatabaseConfig {
        if let url = environment["DATABASE_URL"], url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return .postgres(url: url)
        }
        return .sqlite(path: sqlitePath)
    }

    /// A description safe to log: no password.
    public var redacted: String {
        switch self {
        case .sqlite(let path): return "SQLite \(path)"
        case .postgres(let url, _):
            guard var components = URLComponents(string: url) else { return "PostgreSQL" }
            if components.password != nil { components.password = "***" }
            return "PostgreSQL \(components.string ?? "")"
        }
    }

    public func factory(sqlLogLevel: Logger.Level = .debug) throws -> DatabaseConfigurationFactory {
        switch self {
        case .sqlite(let path):
            // One connection per event loop (the driver's rule); a request waits up to a minute for one
            // rather than failing while others write.
            return .sqlite(.file(path), connectionPoolTimeout: .seconds(60), dataEncoder: .init(), dataDecoder: .init(), sqlLogLevel: sqlLogLevel)
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url.replacingOccurrences(of: "postgresql://", with: "postgres://"))
            configuration.searchPath = searchPath
            return .postgres(configuration: configuration, maxConnectionsPerEventLoop: connectionsPerEventLoop, connectionPoolTimeout: .seconds(30), sqlLogLevel: sqlLogLevel)
        }
    }

    /// "sqlite" or "postgresql", for metrics.
    public var kind: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }

    /// The connections `factory` lets each event loop open.
    public var connectionsPerEventLoop: Int {
        switch self {
        case .sqlite: 1
        case .postgres: 4
        }
    }

    public var databaseID: DatabaseID {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .psql
        }
    }
}

/// The schema, in order. Each migration is its own file under `Migrations/`, with string column
/// names, so renaming a model property can never rewrite history.
public enum TertialSchema {
    public static let migrations: [any AsyncMigration] = [
        M001_CreateOrganisation(),
        M002_CreatePlans(),
        M003_CreateGoals(),
        M004_CreateIndicators(),
        M005_CreateTrackingMeasures(),
        M006_CreateValues(),
        M007_CreateAccounts(),
        M008_CreateAuditRecords(),
        M009_CreatePlanVersions(),
        M010_AddDecisionBasis(),
        M011_CreateAssessments(),
        M012_AddFollowUpPeriods(),
        M013_AddRetired(),
        M014_AddRetiredTrackingMeasures(),
        M015_ConcurrentWrites(),
        M016_CreateEconomy(),
        M017_CreateActivityPlans(),
        M018_CreateTextSections(),
        M019_CreateInternalControls(),
        M020_CreateKolada(),
        M021_CreateKoladaSettings(),
        M022_CreateKoladaMunicipalities(),
        M023_IndexValuesByPeriod(),
        M024_IndexPlanRows(),
        M025_CreateDatabaseIdentity(),
        M026_PartialValueCellIndexes(),
        M027_DropDuplicateIndexes(),
        M028_ValueSubjectKeys(),
        M029_CurrentVersionOnce(),
        M030_TamperTriggers(),
        M031_GoalLevelLabels(),
        M032_PlanColumnHeadings(),
        M033_GoalContinues(),
        M034_PeriodClosures(),
        M035_YearCycle(),
        M036_APITokens(),
        M037_ExternalSignIn(),
        M038_PublishedEditions(),
    ]
}
