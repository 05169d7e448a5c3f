import FluentKit
import Foundation
import SQLKit

/// A random identity for the database, made once: caches in a process that may hold more than one
/// database (the test suites, the benchmarks) tell them apart by it. Every server on one PostgreSQL
/// database sees the same identity, as it sees the same data.
struct M025_CreateDatabaseIdentity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("database_identity")
            .field("id", .int, .identifier(auto: false))
            .field("identity", .string, .required)
            .create()
        try await (database as! any SQLDatabase).raw("INSERT INTO database_identity (id, identity) VALUES (1, \(bind: UUID().uuidString))").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("database_identity").delete()
    }
}
