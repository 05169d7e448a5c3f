import FluentKit

/// Per municipality: its code in Kolada ("0582") and whom it compares itself with — a chosen list of
/// municipality codes and/or a Kolada municipality group (its members as they were when chosen).
struct M021_CreateKoladaSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kolada_settings")
            .field("municipality_id", .string, .identifier(auto: false), .references("municipalities", "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("comparisons", .string, .required)
            .field("group_id", .string)
            .field("group_title", .string)
            .field("group_members", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kolada_settings").delete()
    }
}
