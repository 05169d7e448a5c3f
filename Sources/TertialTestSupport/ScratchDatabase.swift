import FluentKit
import FluentPostgresDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import TertialStore

/// A database of its own for one test or benchmark: a new SQLite file, or — when
/// `TERTIAL_TEST_DATABASE_URL=postgres://…` is set — a new schema in that PostgreSQL database.
/// The same tests therefore run against both engines (see `scripts/test`).
public struct ScratchDatabase: Sendable {
    public let config: DatabaseConfig
    public let engine: String
    private let dropAction: @Sendable () async -> Void

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["TERTIAL_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every scratch database made must be dropped (`drop()`): on PostgreSQL that also frees its slot.
    public static func make() async throws -> ScratchDatabase {
        if let url = postgresURL {
            await ScratchGate.postgres.acquire()
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            do {
                try await withAdmin(url) { try await $0.raw("CREATE SCHEMA \(ident: schema)").run() }
            } catch {
                await ScratchGate.postgres.release()
                throw error
            }
            return ScratchDatabase(config: .postgres(url: url, searchPath: [schema]), engine: "postgres") {
                try? await withAdmin(url) { try await $0.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
                await ScratchGate.postgres.release()
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tertial-test-\(UUID().uuidString).sqlite").path
        return ScratchDatabase(config: .sqlite(path: path), engine: "sqlite") {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    public func drop() async { await dropAction() }

    static func withAdmin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(try DatabaseConfig.postgres(url: url).factory(), as: .psql)
        do {
            let db = databases.database(.psql, logger: Logger(label: "scratch"), on: MultiThreadedEventLoopGroup.singleton.any())!
            try await body(db as! any SQLDatabase)
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        await databases.shutdownAsync()
    }
}

/// At most this many PostgreSQL scratch databases are in use at once. Tests run in parallel and each
/// one's application keeps a pool of connections (up to 4 per event loop); unbounded, the suite ran
/// the server out of connections (max_connections is 100 by default: "sorry, too many clients
/// already"). `TERTIAL_TEST_PG_PARALLEL` changes the bound.
actor ScratchGate {
    static let postgres = ScratchGate(limit: ProcessInfo.processInfo.environment["TERTIAL_TEST_PG_PARALLEL"].flatMap(Int.init) ?? 8)

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { available = max(1, limit) }

    func acquire() async {
        if available > 0 { available -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { available += 1 } else { waiting.removeFirst().resume() }
    }
}

/// Fluent without Vapor: a migrated scratch database for store tests and benchmarks.
public final class StoreHarness: @unchecked Sendable {
    public let scratch: ScratchDatabase
    public let databases: Databases
    public let logger: Logger

    public static func make(logger: Logger = StoreHarness.quietLogger) async throws -> StoreHarness {
        let scratch = try await ScratchDatabase.make()
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        do {
            databases.use(try scratch.config.factory(), as: scratch.config.databaseID)
        } catch {
            await databases.shutdownAsync()
            await scratch.drop()
            throw error
        }
        let migrations = Migrations()
        migrations.add(TertialSchema.migrations)
        let migrator = Migrator(databases: databases, migrations: migrations, logger: logger,
                                on: MultiThreadedEventLoopGroup.singleton.any())
        let harness = StoreHarness(scratch: scratch, databases: databases, logger: logger)
        do {
            try await migrator.setupIfNeeded().flatMap { migrator.prepareBatch() }.get()
        } catch {
            await harness.shutdown()
            throw error
        }
        return harness
    }

    /// Warnings and errors only: migrations and queries would drown the test output.
    public static var quietLogger: Logger {
        var logger = Logger(label: "tertial.test")
        logger.logLevel = .warning
        return logger
    }

    init(scratch: ScratchDatabase, databases: Databases, logger: Logger) {
        self.scratch = scratch
        self.databases = databases
        self.logger = logger
    }

    public var db: any Database { database(logger: logger) }

    public func database(logger: Logger) -> any Database {
        databases.database(scratch.config.databaseID, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    public func shutdown() async {
        await databases.shutdownAsync()
        await scratch.drop()
    }
}

/// Runs `body` with a fresh migrated store and always cleans up.
public func withStore<T>(_ body: (StoreHarness) async throws -> T) async throws -> T {
    let harness = try await StoreHarness.make()
    do {
        let result = try await body(harness)
        await harness.shutdown()
        return result
    } catch {
        await harness.shutdown()
        throw error
    }
}
