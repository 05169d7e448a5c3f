import FluentKit
import Foundation
import SQLKit
import TertialCore

/// Sends one message; the web layer's SMTP client, or a test's recorder.
public protocol ReminderMailer: Sendable {
    func send(to address: String, subject: String, body: String, messageID: String) async throws
}

/// Reminders of reporting deadlines: one digest per person and day, naming each report the person
/// answers for whose deadline is `policy`'s number of days away (or has passed by them) and that still
/// awaits the unit. A digest is claimed (a row, unique per person and day) before it is sent, so two
/// servers on one database, or a server restarted mid-run, never send it twice; a send the relay
/// refused is retried on later runs; a claim whose outcome is unknown (the server stopped while
/// sending) is marked `uncertain` and never sent again by itself. Without a mailer, or for a person
/// with no address, the digest is kept for the application to show (`inApp`).
public enum Reminders {
    public enum Status: String, Sendable { case sending, sent, failed, inApp, uncertain }

    /// Tries per digest before a failed send is left failed.
    public static let maxAttempts = 5
    /// A claim older than this whose send never reported back is uncertain.
    public static let claimTimeout: TimeInterval = 600

    public struct Recipient: Sendable {
        public let accountID: UUID
        public let username: String
        public let displayName: String
        public let email: String?
    }

    /// The subject and text of a person's digest.
    public typealias Compose = @Sendable (_ recipient: Recipient, _ tasks: [ReportingRounds.Task], _ today: Day) -> (subject: String, body: String)

    public struct RunResult: Sendable, Equatable {
        public var sent = 0, inApp = 0, failed = 0, retried = 0, alreadyDone = 0, uncertain = 0
        public init() {}
    }

    /// The reports each person should be reminded of on `today`.
    public static func due(today: Day, policy: ReminderPolicy, on db: any Database) async throws -> [(Recipient, [ReportingRounds.Task])] {
        let rows = try await ReportingTaskModel.query(on: db).filter(\.$responsibleAccountID != nil).all()
            .filter { ReportingState(rawValue: $0.state)?.awaitsUnit ?? false }
        // Deadlines first (cheap); what is missing only for the reports due a reminder today (it reads each plan).
        let dueIDs = Set(try await ReportingRounds.tasks(rows, gaps: false, on: db)
            .filter { task in task.deadline.map { policy.remindsOn(today, deadline: $0) } ?? false }.map(\.id))
        guard !dueIDs.isEmpty else { return [] }
        let tasks = try await ReportingRounds.tasks(rows.filter { dueIDs.contains($0.id!) }, gaps: true, on: db)
        let accounts = Dictionary(try await AccountModel.query(on: db).filter(\.$disabled == false).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return Dictionary(grouping: tasks, by: { $0.responsibleID! }).compactMap { accountID, tasks in
            guard let account = accounts[accountID], account.remindersOff != true else { return nil }
            return (Recipient(accountID: accountID, username: account.username, displayName: account.displayName, email: account.email), tasks)
        }.sorted { $0.0.username < $1.0.username }
    }

    /// One run: retries the day's failed sends, marks stale claims uncertain, then claims and sends each
    /// digest due today that nobody has claimed.
    public static func run(today: Day, policy: ReminderPolicy, mailer: (any ReminderMailer)?, compose: Compose,
                           at date: Date = Date(), on db: any Database) async throws -> RunResult {
        var result = RunResult()
        // Claims whose send never reported back (a server stopped mid-send): never resent automatically.
        for row in try await ReminderDigestModel.query(on: db).filter(\.$status == Status.sending.rawValue)
            .filter(\.$claimedAt < date.addingTimeInterval(-claimTimeout)).all() {
            row.status = Status.uncertain.rawValue
            row.error = "Servern stannade medan brevet skickades; det kan ha kommit fram. Skickas inte igen automatiskt."
            try await row.update(on: db)
            result.uncertain += 1
        }
        if let mailer {
            for row in try await ReminderDigestModel.query(on: db).filter(\.$status == Status.failed.rawValue).filter(\.$attempts < maxAttempts).all() {
                guard try await claimAgain(row.id!, at: date, on: db) else { continue }
                guard let account = try await AccountModel.find(row.accountID, on: db), let email = account.email else { continue }
                try await send(row.id!, to: email, subject: row.subject, body: row.body, mailer: mailer, at: date, on: db)
                result.retried += 1
            }
        }
        for (recipient, tasks) in try await due(today: today, policy: policy, on: db) {
            let (subject, body) = compose(recipient, tasks, today)
            let email = recipient.email.flatMap { $0.isEmpty ? nil : $0 }
            let willMail = mailer != nil && email != nil
            guard let id = try await claim(recipient.accountID, today: today, status: willMail ? .sending : .inApp,
                                           subject: subject, body: body, at: date, on: db) else {
                result.alreadyDone += 1
                continue
            }
            guard willMail, let mailer, let email else { result.inApp += 1; continue }
            if try await send(id, to: email, subject: subject, body: body, mailer: mailer, at: date, on: db) { result.sent += 1 } else { result.failed += 1 }
        }
        return result
    }

    /// Inserts the person's digest of the day; nil when it already exists (claimed by this or another server).
    static func claim(_ accountID: UUID, today: Day, status: Status, subject: String, body: String, at date: Date, on db: any Database) async throws -> UUID? {
        if try await ReminderDigestModel.query(on: db).filter(\.$accountID == accountID).filter(\.$day == today.description).first() != nil { return nil }
        let row = ReminderDigestModel()
        row.id = UUID(); row.accountID = accountID; row.day = today.description; row.status = status.rawValue
        row.subject = subject; row.body = body; row.attempts = status == .sending ? 1 : 0; row.claimedAt = date
        do {
            try await row.create(on: db)
        } catch {
            // Another server claimed it between the check and the insert (the unique key refused ours).
            if try await ReminderDigestModel.query(on: db).filter(\.$accountID == accountID).filter(\.$day == today.description).first() != nil { return nil }
            throw error
        }
        return row.id
    }

    /// Takes a failed digest back for one more try, atomically: only one server gets it.
    static func claimAgain(_ id: UUID, at date: Date, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let rows = try await sql.raw("""
            UPDATE reminder_digests SET status = \(bind: Status.sending.rawValue), attempts = attempts + 1, claimed_at = \(bind: date)
            WHERE id = \(bind: id) AND status = \(bind: Status.failed.rawValue) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    @discardableResult
    static func send(_ id: UUID, to email: String, subject: String, body: String, mailer: any ReminderMailer, at date: Date, on db: any Database) async throws -> Bool {
        let outcome: String?
        do {
            try await mailer.send(to: email, subject: subject, body: body, messageID: "\(id.uuidString.lowercased())@tertial")
            outcome = nil
        } catch {
            outcome = String(describing: error)
        }
        guard let row = try await ReminderDigestModel.find(id, on: db) else { return false }
        row.status = (outcome == nil ? Status.sent : Status.failed).rawValue
        row.sentAt = outcome == nil ? Date() : nil
        row.error = outcome.map { String($0.prefix(500)) }
        try await row.update(on: db)
        return outcome == nil
    }

    /// A person's digests of the last `days` days, newest first: what the application shows.
    public static func recent(accountID: UUID, days: Int = 14, today: Day, on db: any Database) async throws -> [ReminderDigestModel] {
        let since = today.adding(days: -days).description
        return try await ReminderDigestModel.query(on: db).filter(\.$accountID == accountID).filter(\.$day >= since)
            .sort(\.$day, .descending).all()
    }

    /// The latest digests of everyone, for the administrator's page.
    public static func log(limit: Int = 50, on db: any Database) async throws -> [(digest: ReminderDigestModel, username: String)] {
        let rows = try await ReminderDigestModel.query(on: db).sort(\.$claimedAt, .descending).limit(limit).all()
        let ids = Array(Set(rows.map(\.accountID)))
        let names = ids.isEmpty ? [:] : Dictionary(try await AccountModel.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.username) },
                                                    uniquingKeysWith: { a, _ in a })
        return rows.map { ($0, names[$0.accountID] ?? "?") }
    }
}

/// A person's own settings for the year's process: the address reminders go to, whether they want
/// them, and the secret of their calendar feed.
public enum PersonalSettings {
    public enum Refused: Error, CustomStringConvertible, Sendable {
        case badEmail
        public var description: String { "Skriv en e-postadress som namn@kommun.se, eller lämna fältet tomt." }
    }

    public static func isValidEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !text.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) })
    }

    public static func save(accountID: UUID, email: String?, remindersOff: Bool, by actor: Actor, on database: any Database) async throws {
        let email = email?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let address = (email?.isEmpty ?? true) ? nil : email
        if let address, !isValidEmail(address) { throw Refused.badEmail }
        try await database.writeTransaction { db in
            guard let account = try await AccountModel.find(accountID, on: db) else { throw Accounts.AccountError.notFound }
            var entries: [AuditLog.Entry] = []
            if account.email != address { entries.append(.init(.update, "konto", account.username, field: "e-post", old: account.email, new: address)) }
            if (account.remindersOff ?? false) != remindersOff {
                entries.append(.init(.update, "konto", account.username, field: "påminnelser", old: remindersOff ? "på" : "av", new: remindersOff ? "av" : "på"))
            }
            guard !entries.isEmpty else { return }
            account.email = address; account.remindersOff = remindersOff
            try await account.update(on: db)
            try await AuditLog.append(entries, by: actor, on: db)
        }
    }

    /// Stores the hash of a new calendar secret (the old feed URL stops working); the web makes the secret.
    public static func setCalendarToken(accountID: UUID, hash: String, by actor: Actor, on database: any Database) async throws {
        try await setCalendarHash(accountID: accountID, hash: hash, field: "ny adress", by: actor, on: database)
    }

    public static func revokeCalendar(accountID: UUID, by actor: Actor, on database: any Database) async throws {
        try await setCalendarHash(accountID: accountID, hash: nil, field: "återkallad", by: actor, on: database)
    }

    static func setCalendarHash(accountID: UUID, hash: String?, field: String, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let account = try await AccountModel.find(accountID, on: db) else { throw Accounts.AccountError.notFound }
            account.calendarTokenHash = hash
            try await account.update(on: db)
            try await AuditLog.append(.init(.update, "konto", account.username, field: "kalenderflöde", new: field), by: actor, on: db)
        }
    }

    /// The account whose calendar secret has this hash (nil: unknown or revoked).
    public static func account(calendarTokenHash hash: String, on db: any Database) async throws -> AccountModel? {
        try await AccountModel.query(on: db).filter(\.$calendarTokenHash == hash).filter(\.$disabled == false).first()
    }

    /// A person's deadlines: the reports they answer for (each with its deadline), and the events of `years`
    /// of the units they hold a role on, the units below and above them, and the whole municipality.
    public static func deadlines(accountID: UUID, years: [Int], on db: any Database) async throws -> [CycleEvent] {
        var events: [CycleEvent] = []
        for task in try await ReportingRounds.tasks(responsible: accountID, on: db) {
            guard let deadline = task.deadline else { continue }
            events.append(CycleEvent(day: deadline, kind: .reportingDeadline,
                                     title: "Rapportera \(ReportingRounds.periodName(task.period).lowercased()): \(task.unitName)",
                                     unitID: task.unitID, period: task.period, id: task.id.uuidString))
        }
        let units = Set(try await RoleAssignmentModel.query(on: db).filter(\.$accountID == accountID).all().map(\.unitID))
        guard !units.isEmpty else { return YearCycle.sorted(events) }
        let municipalities = Set(try await OrgUnitModel.query(on: db).filter(\.$id ~~ Array(units)).all().map(\.municipalityID))
        for municipalityID in municipalities.sorted() {
            let all = try await OrgUnitModel.query(on: db).filter(\.$municipalityID == municipalityID).all()
            let parents = UnitTree.parents(all)
            // Units at or below one the person holds a role on, and those above it (the committee's meetings).
            let mine = Set(all.map { $0.id! }.filter { !Set(UnitTree.chain(of: $0, parents: parents)).isDisjoint(with: units) })
                .union(units.flatMap { UnitTree.chain(of: $0, parents: parents) })
            for event in try await YearCycles.events(municipalityID: municipalityID, years: years, on: db)
            where event.kind != .reportingDeadline && (event.unitID.map(mine.contains) ?? true) {
                events.append(event)
            }
        }
        return YearCycle.sorted(events)
    }
}
