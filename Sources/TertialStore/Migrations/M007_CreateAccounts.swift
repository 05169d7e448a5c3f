import FluentKit

/// Accounts, roles per unit, and sessions kept in the database (so several server processes
/// can serve the same person). `external_issuer`/`external_subject` leave room to link an
/// OpenID Connect identity (e.g. Entra ID) to an account later.
struct M007_CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .field("id", .uuid, .identifier(auto: false))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string)
            .field("is_administrator", .bool, .required)
            .field("is_auditor", .bool, .required)
            .field("disabled", .bool, .required)
            .field("external_issuer", .string)
            .field("external_subject", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "username")
            .create()
        try await database.schema("role_assignments")
            .field("id", .uuid, .identifier(auto: false))
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("unit_id", .string, .required, .references("org_units", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "account_id", "unit_id")
            .create()
        try await database.schema("sessions")
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("address", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
        try await database.schema("role_assignments").delete()
        try await database.schema("accounts").delete()
    }
}
