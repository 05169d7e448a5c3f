import FluentKit

/// Kolada's names of the municipalities (and of Riket, 0000), kept at each sync so that comparisons
/// name them ("Kinda" rather than "0513").
struct M022_CreateKoladaMunicipalities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kolada_municipalities")
            .field("code", .string, .identifier(auto: false))
            .field("title", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kolada_municipalities").delete()
    }
}
