import FluentKit
import Foundation
import TertialCore

/// Closed follow-up periods: an administrator closes a municipality's period (now, or from a set date);
/// from then its figures, assessments, activity follow-ups and control results — and those of the same
/// year that end no later — cannot be changed, until an administrator opens one unit's part again with
/// a reason. Every step is audited; every write that a closure locks asks `requireOpen` inside its
/// transaction.
public enum PeriodLocks {
    /// A write refused because its period is closed.
    public struct Closed: Error, CustomStringConvertible, Sendable {
        public let period: Period
        public let closedPeriod: Period
        public let since: Date
        /// Set when it is not the period that is closed but the unit's report that is marked ready (or
        /// approved): it is read-only for the unit until a controller sends it back.
        public var report: (state: ReportingState, unitName: String)? = nil
        public var description: String {
            if let report {
                return "Rapporten för \(ReportingRounds.periodName(period).lowercased()) är \(report.state.label.lowercased()) för \(report.unitName) "
                    + "sedan \(Day(since)). Inget sparades; den kan ändras igen när den har skickats tillbaka."
            }
            let name = closedPeriod.label
            let what = closedPeriod == period ? name : "\(period.label) (stängd med \(name))"
            return "\(what.prefix(1).uppercased() + what.dropFirst()) är stängd för rapportering sedan \(Day(since).description). Inget sparades; "
                + "be en administratör att öppna enhetens del igen om något måste ändras."
        }
        /// What a page of the closed period says before anyone types.
        public var readOnlyNotice: String {
            if let report {
                return "Rapporten för \(ReportingRounds.periodName(period).lowercased()) är \(report.state.label.lowercased()) för \(report.unitName). "
                    + "Värdena kan läsas men inte ändras förrän den skickas tillbaka."
            }
            return "\(closedPeriod.label.prefix(1).uppercased() + closedPeriod.label.dropFirst()) är stängd för rapportering sedan \(Day(since)). "
                + "Värdena kan läsas men inte ändras; en administratör kan öppna enhetens del igen."
        }
    }

    public enum Refused: Error, CustomStringConvertible, Sendable {
        case noReason, unknownPeriod(String), notClosed, alreadyOpen
        public var description: String {
            switch self {
            case .noReason: "Skriv varför enhetens del öppnas igen."
            case .unknownPeriod(let text): "\"\(text.prefix(40))\" är ingen period."
            case .notClosed: "Perioden är inte stängd."
            case .alreadyOpen: "Enhetens del är redan öppen."
            }
        }
    }

    /// A period's state for the municipality's page.
    public struct State: Sendable {
        public var period: Period
        /// When it closes or closed; nil: open.
        public var closesAt: Date?
        public var closedBy: String?
        /// Units whose part is open again, with the reason.
        public var reopened: [(unitID: String, reason: String, by: String, at: Date)]
        public func isClosed(at date: Date) -> Bool { closesAt.map { $0 <= date } ?? false }
    }

    /// Closes a municipality's period from `from` (now when nil). Closing it again moves the date.
    public static func close(municipalityID: String, period: Period, from: Date? = nil, by actor: Actor, at date: Date = Date(),
                             on database: any Database) async throws {
        try await database.writeTransaction { db in
            let closesAt = from ?? date
            let existing = try await PeriodClosureModel.query(on: db).filter(\.$municipalityID == municipalityID)
                .filter(\.$period == period.description).first()
            let old = existing.map { Day($0.closesAt).description }
            let row = existing ?? PeriodClosureModel()
            if existing == nil { row.id = UUID(); row.municipalityID = municipalityID; row.period = period.description }
            row.closesAt = closesAt; row.closedBy = actor.name; row.recordedAt = date
            try await existing == nil ? row.create(on: db) : row.update(on: db)
            // Parts opened again are closed with the period.
            for reopening in try await openReopenings(municipalityID, period, on: db) {
                reopening.closedAgainAt = date
                try await reopening.update(on: db)
            }
            try await AuditLog.append(.init(.update, "period", "\(municipalityID) \(period.description)", field: "stängd från",
                                            old: old, new: Day(closesAt).description), by: actor, at: date, on: db)
        }
    }

    /// Opens the period again for the whole municipality (a closure made by mistake).
    public static func open(municipalityID: String, period: Period, by actor: Actor, at date: Date = Date(), on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let row = try await PeriodClosureModel.query(on: db).filter(\.$municipalityID == municipalityID)
                .filter(\.$period == period.description).first() else { throw Refused.notClosed }
            try await row.delete(on: db)
            try await AuditLog.append(.init(.update, "period", "\(municipalityID) \(period.description)", field: "stängd från",
                                            old: Day(row.closesAt).description, new: nil), by: actor, at: date, on: db)
        }
    }

    /// Opens one unit's part of a closed period again (its plans and the plans of units below it).
    public static func reopen(municipalityID: String, period: Period, unitID: String, reason: String, by actor: Actor, at date: Date = Date(),
                              on database: any Database) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw Refused.noReason }
        try await database.writeTransaction { db in
            guard try await PeriodClosureModel.query(on: db).filter(\.$municipalityID == municipalityID)
                .filter(\.$period == period.description).first() != nil else { throw Refused.notClosed }
            guard try await !openReopenings(municipalityID, period, on: db).contains(where: { $0.unitID == unitID }) else { throw Refused.alreadyOpen }
            let row = PeriodReopeningModel()
            row.id = UUID(); row.municipalityID = municipalityID; row.period = period.description; row.unitID = unitID
            row.reason = reason; row.reopenedBy = actor.name; row.reopenedAt = date
            try await row.create(on: db)
            try await AuditLog.append(.init(.update, "period", "\(municipalityID) \(period.description)", field: "öppnad igen för \(unitID)",
                                            old: nil, new: reason), by: actor, at: date, on: db)
        }
    }

    /// Closes a unit's part again.
    public static func closeAgain(municipalityID: String, period: Period, unitID: String, by actor: Actor, at date: Date = Date(),
                                  on database: any Database) async throws {
        try await database.writeTransaction { db in
            let open = try await openReopenings(municipalityID, period, on: db).filter { $0.unitID == unitID }
            guard !open.isEmpty else { throw Refused.notClosed }
            for row in open { row.closedAgainAt = date; try await row.update(on: db) }
            try await AuditLog.append(.init(.update, "period", "\(municipalityID) \(period.description)", field: "stängd igen för \(unitID)",
                                            old: open.first?.reason, new: nil), by: actor, at: date, on: db)
        }
    }

    static func openReopenings(_ municipalityID: String, _ period: Period, on db: any Database) async throws -> [PeriodReopeningModel] {
        try await PeriodReopeningModel.query(on: db).filter(\.$municipalityID == municipalityID).filter(\.$period == period.description)
            .filter(\.$closedAgainAt == nil).all()
    }

    /// Every period the municipality has closed or set a date for, with the parts opened again.
    public static func states(municipalityID: String, on db: any Database) async throws -> [State] {
        let closures = try await PeriodClosureModel.query(on: db).filter(\.$municipalityID == municipalityID).all()
        let reopenings = try await PeriodReopeningModel.query(on: db).filter(\.$municipalityID == municipalityID).filter(\.$closedAgainAt == nil).all()
        return closures.compactMap { row -> State? in
            guard let period = Period(row.period) else { return nil }
            return State(period: period, closesAt: row.closesAt, closedBy: row.closedBy,
                         reopened: reopenings.filter { $0.period == row.period }.map { ($0.unitID, $0.reason, $0.reopenedBy, $0.reopenedAt) })
        }.sorted { $0.period < $1.period }
    }

    /// The closure that locks `period` for a plan at `date`, or nil when the plan may write it.
    public static func closure(planID: String, locking period: Period, at date: Date = Date(), on db: any Database) async throws -> Closed? {
        if let closed = try await closure(planID: planID, at: date, on: db, { $0.locks(period) }).map({ Closed(period: period, closedPeriod: $0.0, since: $0.1) }) {
            return closed
        }
        guard let plan = try await PlanModel.find(planID, on: db),
              let row = try await ReportingRounds.task(of: plan, period: period, on: db) else { return nil }
        return try await markedReady(row, period, on: db)
    }

    /// The unit's report for `period` when it is marked ready or approved: read-only for the unit.
    static func markedReady(_ row: ReportingTaskModel, _ period: Period, on db: any Database) async throws -> Closed? {
        guard let state = ReportingState(rawValue: row.state), state.isReadOnlyForUnit else { return nil }
        let unitName = try await OrgUnitModel.find(row.unitID, on: db)?.name ?? row.unitID
        return Closed(period: period, closedPeriod: period, since: row.updatedAt, report: (state, unitName))
    }

    /// The closure that locks a control result on `day` for a plan, or nil.
    public static func closure(planID: String, locking day: Day, at date: Date = Date(), on db: any Database) async throws -> Closed? {
        if let closed = try await closure(planID: planID, at: date, on: db, { $0.locks(day) }).map({ Closed(period: $0.0, closedPeriod: $0.0, since: $0.1) }) {
            return closed
        }
        // A control occasion belongs to the reports of the periods of its year that end on or after it.
        guard let plan = try await PlanModel.find(planID, on: db) else { return nil }
        for row in try await ReportingTaskModel.query(on: db).filter(\.$municipalityID == plan.municipalityID).filter(\.$unitID == plan.ownerUnitID).all() {
            guard let period = Period(row.period), period.year == day.year, day.month >= period.startMonth, day <= Day.end(of: period) else { continue }
            if let closed = try await markedReady(row, period, on: db) { return closed }
        }
        return nil
    }

    static func closure(planID: String, at date: Date, on db: any Database, _ locks: (PeriodClosure) -> Bool) async throws -> (Period, Date)? {
        guard let plan = try await PlanModel.find(planID, on: db) else { return nil }
        let closures = try await PeriodClosureModel.query(on: db).filter(\.$municipalityID == plan.municipalityID)
            .filter(\.$closesAt <= date).all()
            .compactMap { row in Period(row.period).map { ($0, row.closesAt) } }
            .filter { locks(PeriodClosure(period: $0.0)) }
        guard !closures.isEmpty else { return nil }
        let chain = Set(try await Accounts.unitChain(plan.ownerUnitID, on: db))
        let reopened = try await PeriodReopeningModel.query(on: db).filter(\.$municipalityID == plan.municipalityID)
            .filter(\.$closedAgainAt == nil).all().filter { chain.contains($0.unitID) }.map(\.period)
        return closures.filter { !reopened.contains($0.0.description) }.min { $0.0 < $1.0 }
    }

    /// Throws `Closed` when a closure locks `period` for the plan; call it inside the write's transaction.
    /// A write that passes has started the unit's report for the period (Ej påbörjad → Pågår).
    public static func requireOpen(planID: String, period: Period, at date: Date = Date(), on db: any Database) async throws {
        if let closed = try await closure(planID: planID, at: date, on: db, { $0.locks(period) }) {
            throw Closed(period: period, closedPeriod: closed.0, since: closed.1)
        }
        // One look at the unit's report: read-only when marked ready, else started by this write.
        guard let plan = try await PlanModel.find(planID, on: db), let row = try await ReportingRounds.task(of: plan, period: period, on: db) else { return }
        if let ready = try await markedReady(row, period, on: db) { throw ready }
        try await ReportingRounds.noteStarted(row, at: date, on: db)
    }
}
