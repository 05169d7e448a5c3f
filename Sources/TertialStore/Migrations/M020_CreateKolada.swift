import FluentKit
import SQLKit

/// Kolada (issue 13): the values fetched, one row per KPI, municipality, year and gender, with the
/// provenance of the fetch (snapshot); every earlier state of a value Kolada revised or deleted; and
/// one row per sync or file import (a snapshot a report can name to be rebuilt identically).
struct M020_CreateKolada: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kolada_snapshots")
            .field("id", .int, .identifier(auto: true))
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime)
            .field("source", .string, .required)
            .field("arguments", .string, .required)
            .field("rows", .int, .required)
            .field("changed", .int, .required)
            .create()
        try await database.schema("kolada_values")
            .id()
            .field("kpi", .string, .required)
            .field("municipality", .string, .required)
            .field("period", .int, .required)
            .field("gender", .string, .required)
            .field("value", .string)
            .field("count", .int)
            .field("status", .string)
            .field("is_deleted", .bool, .required)
            .field("fetched_at", .datetime, .required)
            .field("snapshot_id", .int, .required, .references("kolada_snapshots", "id"))
            .unique(on: "kpi", "municipality", "period", "gender")
            .create()
        try await database.schema("kolada_value_versions")
            .id()
            .field("kpi", .string, .required)
            .field("municipality", .string, .required)
            .field("period", .int, .required)
            .field("gender", .string, .required)
            .field("value", .string)
            .field("count", .int)
            .field("status", .string)
            .field("is_deleted", .bool, .required)
            .field("fetched_at", .datetime, .required)
            .field("snapshot_id", .int, .required)
            .field("replaced_at", .datetime, .required)
            .field("replaced_by_snapshot", .int, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "kolada_values_kpi_period").on("kolada_values").column("kpi").column("period").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kolada_value_versions").delete()
        try await database.schema("kolada_values").delete()
        try await database.schema("kolada_snapshots").delete()
    }
}
