import FluentKit
import SQLKit
import Foundation
import TertialCore

/// Who did something: a signed-in account, the system (demo loading, migrations) or an
/// anonymous visitor (a failed sign-in), and from where.
public struct Actor: Sendable, Hashable {
    public let name: String
    public let accountID: UUID?
    public let address: String?

    public init(name: String, accountID: UUID? = nil, address: String? = nil) {
        self.name = name
        self.accountID = accountID
        self.address = address
    }

    public static func system(_ what: String) -> Actor { Actor(name: "system:\(what)") }
}

/// The append-only audit trail: who, when, what entity, which field, old and new value, from where.
/// There is no function here that changes or deletes a record, and the database refuses to.
public enum AuditLog {
    public enum Action: String, Sendable, CaseIterable {
        case create, update, delete, signIn = "sign-in", signInFailed = "sign-in-failed", signOut = "sign-out"
        case importPlan = "import", exportPlan = "export", adopt, statusChange = "status"

        public var label: String {
            switch self {
            case .create: "Skapad"
            case .update: "Ändrad"
            case .delete: "Borttagen"
            case .signIn: "Inloggning"
            case .signInFailed: "Misslyckad inloggning"
            case .signOut: "Utloggning"
            case .importPlan: "Import"
            case .exportPlan: "Export"
            case .adopt: "Fastställd"
            case .statusChange: "Ny status"
            }
        }
    }

    public struct Entry: Sendable, Hashable {
        public var action: Action
        public var entityType: String
        public var entityID: String
        public var field: String?
        public var oldValue: String?
        public var newValue: String?
        public var planID: String?

        public init(_ action: Action, _ entityType: String, _ entityID: String, field: String? = nil,
                    old: String? = nil, new: String? = nil, planID: String? = nil) {
            self.action = action; self.entityType = entityType; self.entityID = entityID
            self.field = field; self.oldValue = old; self.newValue = new; self.planID = planID
        }
    }

    /// Appends entries in order. Call it inside the transaction of the change it records.
    /// The database numbers them: a sequence on PostgreSQL; on SQLite the number is computed in the
    /// same single INSERT statement, which holds the write lock, so two writers never read the same
    /// `max`. (A retry after a clash is impossible inside a PostgreSQL transaction, which the clash aborts.)
    public static func append(_ entries: [Entry], by actor: Actor, at date: Date = Date(), on db: any Database) async throws {
        guard !entries.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else { return }
        let next: SQLQueryString = db.sqlite != nil
            ? "(SELECT COALESCE(MAX(sequence), 0) + 1 FROM audit_records)"
            : "nextval('audit_records_sequence')"
        for entry in entries {
            try await sql.raw("""
                INSERT INTO audit_records (id, sequence, at, actor, account_id, action, entity_type, entity_id, field, old_value, new_value, address, plan_id)
                VALUES (\(bind: UUID()), \(next), \(bind: date), \(bind: actor.name), \(bind: actor.accountID), \(bind: entry.action.rawValue),
                        \(bind: entry.entityType), \(bind: entry.entityID), \(bind: entry.field), \(bind: entry.oldValue), \(bind: entry.newValue),
                        \(bind: actor.address), \(bind: entry.planID))
                """).run()
        }
        // What changed the data also changes the revisions that cached pages are keyed by, in the same
        // transaction: the plans named, or — for a change outside any plan (units, settings, accounts) — all.
        let changes = entries.filter { ![.signIn, .signInFailed, .signOut, .exportPlan].contains($0.action) }
        for planID in Set(changes.compactMap(\.planID)).sorted() {
            try await sql.raw("UPDATE plans SET revision = COALESCE(revision, 0) + 1 WHERE id = \(bind: planID)").run()
        }
        if changes.contains(where: { $0.planID == nil }) {
            try await sql.raw("UPDATE write_lock SET n = n + 1 WHERE id = 1").run()
        }
    }

    /// The revision of everything outside plans (bumped by changes that name no plan).
    public static func globalRevision(on db: any Database) async throws -> Int64 {
        guard let sql = db as? any SQLDatabase else { return 0 }
        return try await sql.raw("SELECT n FROM write_lock WHERE id = 1").first(decodingColumn: "n", as: Int64.self) ?? 0
    }

    public static func append(_ entry: Entry, by actor: Actor, at date: Date = Date(), on db: any Database) async throws {
        try await append([entry], by: actor, at: date, on: db)
    }

    public struct Filter: Sendable, Hashable {
        public var actor: String?
        public var action: Action?
        public var entityType: String?
        public var planID: String?
        public var from: Date?
        public var to: Date?
        public init(actor: String? = nil, action: Action? = nil, entityType: String? = nil, planID: String? = nil, from: Date? = nil, to: Date? = nil) {
            self.actor = actor; self.action = action; self.entityType = entityType; self.planID = planID; self.from = from; self.to = to
        }
    }

    /// Newest first.
    public static func records(_ filter: Filter, limit: Int = 500, on db: any Database) async throws -> [AuditRecordModel] {
        let query = AuditRecordModel.query(on: db)
        if let actor = filter.actor, !actor.isEmpty { query.filter(\.$actor == actor) }
        if let action = filter.action { query.filter(\.$action == action.rawValue) }
        if let type = filter.entityType, !type.isEmpty { query.filter(\.$entityType == type) }
        if let plan = filter.planID, !plan.isEmpty { query.filter(\.$planID == plan) }
        if let from = filter.from { query.filter(\.$at >= from) }
        if let to = filter.to { query.filter(\.$at < to) }
        return try await query.sort(\.$sequence, .descending).limit(limit).all()
    }

    /// Failed sign-ins for an account name or an address since `date` (for throttling; shared by every server process).
    public static func failedSignIns(username: String? = nil, address: String? = nil, since date: Date, on db: any Database) async throws -> Int {
        let query = AuditRecordModel.query(on: db).filter(\.$action == Action.signInFailed.rawValue).filter(\.$at >= date)
        if let username { query.filter(\.$entityID == username) }
        if let address { query.filter(\.$address == address) }
        return try await query.count()
    }

    /// CSV (RFC 4180, UTF-8 with BOM so Excel reads å, ä, ö), one row per record, oldest first.
    public static func csv(_ records: [AuditRecordModel]) -> String {
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: "Europe/Stockholm")
        var lines = ["\u{FEFF}Nr;Tid;Användare;Åtgärd;Typ;Id;Fält;Gammalt värde;Nytt värde;Adress;Plan"]
        for r in records.sorted(by: { $0.sequence < $1.sequence }) {
            let action = Action(rawValue: r.action)?.label ?? r.action
            let fields = [String(r.sequence), iso.string(from: r.at), r.actor, action, r.entityType, r.entityID,
                          r.field ?? "", r.oldValue ?? "", r.newValue ?? "", r.address ?? "", r.planID ?? ""]
            lines.append(fields.map(csvField).joined(separator: ";"))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when needed, and defuses spreadsheet formulas (a field starting with = + - @).
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        if text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}

extension PlanModel {
    /// Anyone may read it: public and adopted.
    public var isPubliclyReadable: Bool { isPublic && status == PlanStatus.adopted.rawValue }
}

extension AuditLog {
    /// Records that a plan (or one of its frozen versions, `entity` "planversion") left Tertial as a
    /// file or document, unless anyone may read it anyway. `what` says the format and, for a document, its title.
    public static func recordExport(of plan: PlanModel, entity: String = "plan", id: String? = nil, as what: String,
                                    by actor: Actor, on db: any Database) async throws {
        guard !plan.isPubliclyReadable, let planID = plan.id else { return }
        try await append(.init(.exportPlan, entity, id ?? planID, new: what, planID: planID), by: actor, on: db)
    }
}
