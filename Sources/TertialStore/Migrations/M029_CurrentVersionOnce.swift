import FluentKit
import SQLKit

/// A value's current version is kept once, in `measure_values`; `measure_value_versions` holds
/// the versions it replaced (`ValueHistory`). Until now every value also had a version row equal to
/// itself — 1,5 million copies in a large municipality, written twice by every import.
struct M029_CurrentVersionOnce: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            DELETE FROM measure_value_versions WHERE EXISTS (
              SELECT 1 FROM measure_values m WHERE m.id = measure_value_versions.value_id AND m.version = measure_value_versions.version)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            INSERT INTO measure_value_versions (id, value_id, version, value_text, comment, recorded_by, recorded_at)
            SELECT id, id, version, value_text, comment, recorded_by, recorded_at FROM measure_values
            """).run()
    }
}
