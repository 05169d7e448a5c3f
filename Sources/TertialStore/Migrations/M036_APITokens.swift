import FluentKit

/// Integrations' API tokens (issue 24, point 3): only a hash of the secret is kept, with its scopes,
/// units, expiry, last use and revocation.
struct M036_APITokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .field("id", .uuid, .identifier(auto: false))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("hint", .string, .required)
            .field("scopes", .string, .required)
            .field("unit_ids", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .field("expires_at", .datetime)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .field("revoked_by", .string)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
    }
}
