import FluentKit
import Foundation
import SQLKit
import Testing
import TertialCore
import TertialInterchange
@testable import TertialStore
import TertialTestSupport

/// Frozen plan versions and audit records cannot be replaced or emptied through the application's
/// own database connection (issue 20, finding 10): not by a row statement (M008, M015), not by
/// SQLite's INSERT OR REPLACE, not by PostgreSQL's TRUNCATE (M030).
@Suite struct TamperTests {
    @Test func frozenVersionsAndTheAuditTrailCannotBeReplacedOrEmptied() async throws {
        try await withStore { store in
            try await PlanImporter.importDocuments(try DemoData.sources(), into: store.db, by: .system("test"))
            let sql = store.db as! any SQLDatabase
            let versions = try await sql.raw("SELECT COUNT(*) AS n FROM plan_versions").first(decoding: Count.self)?.n ?? 0
            let records = try await sql.raw("SELECT COUNT(*) AS n FROM audit_records").first(decoding: Count.self)?.n ?? 0
            try #require(versions > 0 && records > 0)
            if sql.dialect.name == "sqlite" {
                // given a statement that replaces version 1 of a plan (and an audit record) with other text
                await #expect(throws: (any Error).self) {
                    try await sql.raw("""
                        INSERT OR REPLACE INTO plan_versions (id, plan_id, number, status, decision_date, created_at, created_by, document)
                        SELECT id, plan_id, number, status, decision_date, created_at, created_by, 'MANIPULERAD' FROM plan_versions LIMIT 1
                        """).run()
                }
                await #expect(throws: (any Error).self) {
                    try await sql.raw("""
                        INSERT OR REPLACE INTO audit_records (id, sequence, at, actor, action, entity_type, entity_id)
                        SELECT id, sequence, at, 'angripare', action, entity_type, entity_id FROM audit_records LIMIT 1
                        """).run()
                }
            } else {
                await #expect(throws: (any Error).self) { try await sql.raw("TRUNCATE plan_versions").run() }
                await #expect(throws: (any Error).self) { try await sql.raw("TRUNCATE audit_records").run() }
            }
            // and nothing changed
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM plan_versions WHERE document = 'MANIPULERAD'").first(decoding: Count.self)?.n == 0)
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM plan_versions").first(decoding: Count.self)?.n == versions)
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM audit_records").first(decoding: Count.self)?.n == records)
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM audit_records WHERE actor = 'angripare'").first(decoding: Count.self)?.n == 0)
        }
    }

    struct Count: Decodable { let n: Int }
}
