import FluentKit

/// Sign-in through an OpenID Connect provider (issue 24, point 1): the administrator's mappings from the
/// provider's groups to Tertial's roles, and the sign-ins under way (state, nonce and PKCE verifier, kept in
/// the database so that any server process can finish what another began; each used once).
struct M037_ExternalSignIn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("group_mappings")
            .field("id", .uuid, .identifier(auto: false))
            .field("group_name", .string, .required)
            .field("grant", .string, .required)
            .field("unit_id", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("external_sign_ins")
            .field("id", .string, .identifier(auto: false))
            .field("nonce", .string, .required)
            .field("verifier", .string, .required)
            .field("return_to", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("external_sign_ins").delete()
        try await database.schema("group_mappings").delete()
    }
}
