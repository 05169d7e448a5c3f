import FluentKit
import Foundation
import TertialCore

/// A municipality's årshjul: the events an administrator adds, each follow-up period's reporting
/// deadlines per unit, and what the plans themselves put into the year (Core's `YearCycle`).
public enum YearCycles {
    public enum Refused: Error, CustomStringConvertible, Sendable {
        case noTitle, unknownUnit(String), unknownEvent
        public var description: String {
            switch self {
            case .noTitle: "Skriv vad som händer."
            case .unknownUnit(let id): "Enheten \"\(id.prefix(40))\" finns inte i kommunen."
            case .unknownEvent: "Händelsen finns inte (den kan redan ha tagits bort)."
            }
        }
    }

    public static func addEvent(municipalityID: String, day: Day, kind: CycleEvent.Kind, title: String, unitID: String?,
                                by actor: Actor, at date: Date = Date(), on database: any Database) async throws {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw Refused.noTitle }
        try await database.writeTransaction { db in
            if let unitID { try await requireUnit(unitID, of: municipalityID, on: db) }
            let row = CycleEventModel()
            row.id = UUID(); row.municipalityID = municipalityID; row.day = day.description; row.kind = kind.rawValue
            row.title = String(title.prefix(200)); row.unitID = unitID; row.createdBy = actor.name; row.createdAt = date
            try await row.create(on: db)
            try await AuditLog.append(.init(.create, "årshjul", "\(municipalityID) \(row.id!.uuidString)", field: kind.label,
                                            new: "\(day) \(row.title)"), by: actor, at: date, on: db)
        }
    }

    public static func removeEvent(id: UUID, municipalityID: String, by actor: Actor, at date: Date = Date(), on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let row = try await CycleEventModel.find(id, on: db), row.municipalityID == municipalityID else { throw Refused.unknownEvent }
            try await row.delete(on: db)
            try await AuditLog.append(.init(.delete, "årshjul", "\(municipalityID) \(id.uuidString)", field: CycleEvent.Kind(rawValue: row.kind)?.label,
                                            old: "\(row.day) \(row.title)"), by: actor, at: date, on: db)
        }
    }

    /// Sets (or with nil removes) a unit's last day to report `period`.
    public static func setDeadline(municipalityID: String, period: Period, unitID: String, day: Day?, by actor: Actor, at date: Date = Date(),
                                   on database: any Database) async throws {
        try await database.writeTransaction { db in
            try await requireUnit(unitID, of: municipalityID, on: db)
            let existing = try await ReportingDeadlineModel.query(on: db).filter(\.$municipalityID == municipalityID)
                .filter(\.$period == period.description).filter(\.$unitID == unitID).first()
            guard existing?.day != day?.description else { return }
            if let day {
                let row = existing ?? ReportingDeadlineModel()
                if existing == nil { row.id = UUID(); row.municipalityID = municipalityID; row.period = period.description; row.unitID = unitID }
                row.day = day.description
                try await existing == nil ? row.create(on: db) : row.update(on: db)
            } else if let existing {
                try await existing.delete(on: db)
            }
            try await AuditLog.append(.init(.update, "rapportering", "\(municipalityID) \(period.description)", field: "sista dag för \(unitID)",
                                            old: existing?.day, new: day?.description), by: actor, at: date, on: db)
        }
    }

    public static func deadlines(municipalityID: String, period: Period, on db: any Database) async throws -> ReportingDeadlines {
        let rows = try await ReportingDeadlineModel.query(on: db).filter(\.$municipalityID == municipalityID).filter(\.$period == period.description).all()
        return ReportingDeadlines(period: period, days: Dictionary(rows.compactMap { row in Day(row.day).map { (row.unitID, $0) } },
                                                                   uniquingKeysWith: { a, _ in a }))
    }

    /// Every event of `year`: those added by hand, each unit's reporting deadlines, and what the plans hold.
    public static func events(municipalityID: String, year: Int, on db: any Database) async throws -> [CycleEvent] {
        try await events(municipalityID: municipalityID, years: [year], on: db)
    }

    /// The same for several years, each plan read once.
    public static func events(municipalityID: String, years: [Int], on db: any Database) async throws -> [CycleEvent] {
        let years = Set(years)
        var events: [CycleEvent] = []
        for row in try await CycleEventModel.query(on: db).filter(\.$municipalityID == municipalityID).all() {
            guard let day = Day(row.day), years.contains(day.year), let kind = CycleEvent.Kind(rawValue: row.kind) else { continue }
            events.append(CycleEvent(day: day, kind: kind, title: row.title, unitID: row.unitID, id: row.id?.uuidString))
        }
        let units = try await OrgUnitModel.query(on: db).filter(\.$municipalityID == municipalityID).all()
        let names = Dictionary(units.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        for row in try await ReportingDeadlineModel.query(on: db).filter(\.$municipalityID == municipalityID).all() {
            guard let day = Day(row.day), years.contains(day.year), let period = Period(row.period) else { continue }
            events.append(CycleEvent(day: day, kind: .reportingDeadline, title: "\(ReportingRounds.periodName(period)): \(names[row.unitID] ?? row.unitID)",
                                     unitID: row.unitID, period: period))
        }
        for plan in try await PlanModel.query(on: db).filter(\.$municipalityID == municipalityID).all() {
            let covered = years.filter { (plan.firstYear...max(plan.firstYear, plan.lastYear)).contains($0) }
            guard !covered.isEmpty else { continue }
            let typed = try await PlanReads.plan(plan.id!, on: db)
            for year in covered.sorted() { events += YearCycle.events(of: typed, in: year) }
        }
        return YearCycle.sorted(events)
    }

    static func requireUnit(_ unitID: String, of municipalityID: String, on db: any Database) async throws {
        guard let unit = try await OrgUnitModel.find(unitID, on: db), unit.municipalityID == municipalityID else { throw Refused.unknownUnit(unitID) }
    }
}

/// A follow-up period's reporting round: per unit that owns a plan for the year, a report with a
/// responsible person and a deadline, which the unit marks ready and a controller approves or sends back.
public enum ReportingRounds {
    public struct Task: Sendable {
        public var id: UUID
        public var municipalityID: String
        public var period: Period
        public var unitID: String
        public var unitName: String
        public var responsibleID: UUID?
        public var responsibleName: String?
        public var deadline: Day?
        public var state: ReportingState
        public var comment: String?
        public var updatedAt: Date
        public var updatedBy: String
        /// The unit's plans for the period's year, and what they lack.
        public var plans: [(id: String, title: String)]
        public var gaps: ReportGaps
    }

    public enum Refused: Error, CustomStringConvertible, Sendable {
        case noPeriod, notFound, step(ReportingState.Refused), notResponsible
        public var description: String {
            switch self {
            case .noPeriod: "Välj en period."
            case .notFound: "Rapporten finns inte."
            case .step(let refused): refused.description
            case .notResponsible: "Bara enhetens rapportörer kan markera rapporten klar."
            }
        }
    }

    /// "Delår 2024", "Helår 2024", "Tertial 1 2024".
    public static func periodName(_ period: Period) -> String {
        if case .year = period.part { return "Helår \(period.year)" }
        return period.label.prefix(1).uppercased() + period.label.dropFirst()
    }

    /// The plans a unit reports `period` in: those that cover the year, the year's own budget plan first
    /// where there is one (a draft of next year's plan is not reported in).
    static func reportingPlans(_ plans: [PlanModel], year: Int) -> [PlanModel] {
        let covering = plans.filter { ($0.firstYear...max($0.firstYear, $0.lastYear)).contains(year) }
        let own = covering.filter { $0.budgetYear == year }
        return own.isEmpty ? covering : own
    }

    /// Opens `period` for reporting: a report for each unit with a plan for the year that has none yet,
    /// its responsible person the unit's first reporter (else planner). Returns how many were made.
    @discardableResult
    public static func open(municipalityID: String, period: Period, by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> Int {
        try await database.writeTransaction { db in
            let plans = try await PlanModel.query(on: db).filter(\.$municipalityID == municipalityID).all()
            let units = Set(reportingPlans(plans, year: period.year).map(\.ownerUnitID))
            let existing = Set(try await ReportingTaskModel.query(on: db).filter(\.$municipalityID == municipalityID)
                .filter(\.$period == period.description).all().map(\.unitID))
            let assignments = try await RoleAssignmentModel.query(on: db).all()
            let accounts = Dictionary(try await AccountModel.query(on: db).filter(\.$disabled == false).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            var made = 0
            for unitID in units.subtracting(existing).sorted() {
                let onUnit = assignments.filter { $0.unitID == unitID && accounts[$0.accountID] != nil }
                let responsible = (onUnit.filter { $0.role == UnitRole.reporter.rawValue }.sorted { accounts[$0.accountID]!.username < accounts[$1.accountID]!.username }.first
                    ?? onUnit.filter { $0.role == UnitRole.planner.rawValue }.sorted { accounts[$0.accountID]!.username < accounts[$1.accountID]!.username }.first)?.accountID
                let row = ReportingTaskModel()
                row.id = UUID(); row.municipalityID = municipalityID; row.period = period.description; row.unitID = unitID
                row.responsibleAccountID = responsible; row.state = ReportingState.notStarted.rawValue
                row.updatedAt = date; row.updatedBy = actor.name
                try await row.create(on: db)
                made += 1
            }
            try await AuditLog.append(.init(.create, "rapportering", "\(municipalityID) \(period.description)", field: "öppnad för rapportering",
                                            new: "\(made) enheter"), by: actor, at: date, on: db)
            return made
        }
    }

    /// The round's reports, with deadlines (a unit's own, else its committee's) and, when asked, what is missing.
    public static func tasks(municipalityID: String, period: Period, gaps: Bool = true, on db: any Database) async throws -> [Task] {
        let rows = try await ReportingTaskModel.query(on: db).filter(\.$municipalityID == municipalityID).filter(\.$period == period.description).all()
        return try await tasks(rows, gaps: gaps, on: db)
    }

    public static func task(id: UUID, on db: any Database) async throws -> Task? {
        guard let row = try await ReportingTaskModel.find(id, on: db) else { return nil }
        return try await tasks([row], gaps: true, on: db).first
    }

    /// The reports a person answers for that still await the unit, across municipalities, by deadline.
    public static func tasks(responsible accountID: UUID, on db: any Database) async throws -> [Task] {
        let rows = try await ReportingTaskModel.query(on: db).filter(\.$responsibleAccountID == accountID).all()
        return try await tasks(rows, gaps: true, on: db)
    }

    static func tasks(_ rows: [ReportingTaskModel], gaps: Bool, on db: any Database) async throws -> [Task] {
        var result: [Task] = []
        let byMunicipality = Dictionary(grouping: rows, by: \.municipalityID)
        for (municipalityID, rows) in byMunicipality {
            let units = try await OrgUnitModel.query(on: db).filter(\.$municipalityID == municipalityID).all()
            let parents = UnitTree.parents(units)
            let names = Dictionary(units.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
            let plans = try await PlanModel.query(on: db).filter(\.$municipalityID == municipalityID).sort(\.$position).all()
            let accountIDs = Set(rows.compactMap(\.responsibleAccountID))
            let accounts = accountIDs.isEmpty ? [] : try await AccountModel.query(on: db).filter(\.$id ~~ Array(accountIDs)).all()
            let accountNames = Dictionary(accounts.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
            var deadlines: [String: ReportingDeadlines] = [:]
            var typed: [String: Plan] = [:]
            for row in rows {
                guard let period = Period(row.period) else { continue }
                if deadlines[row.period] == nil { deadlines[row.period] = try await YearCycles.deadlines(municipalityID: municipalityID, period: period, on: db) }
                let unitPlans = reportingPlans(plans.filter { $0.ownerUnitID == row.unitID }, year: period.year)
                var found = ReportGaps()
                if gaps {
                    for plan in unitPlans {
                        if typed[plan.id!] == nil { typed[plan.id!] = try await PlanReads.plan(plan.id!, on: db) }
                        found = found + typed[plan.id!]!.gaps(for: period)
                    }
                }
                result.append(Task(id: row.id!, municipalityID: municipalityID, period: period, unitID: row.unitID, unitName: names[row.unitID] ?? row.unitID,
                                   responsibleID: row.responsibleAccountID, responsibleName: row.responsibleAccountID.flatMap { accountNames[$0] },
                                   deadline: deadlines[row.period]?.deadline(for: UnitTree.chain(of: row.unitID, parents: parents)),
                                   state: ReportingState(rawValue: row.state) ?? .notStarted, comment: row.comment,
                                   updatedAt: row.updatedAt, updatedBy: row.updatedBy,
                                   plans: unitPlans.map { ($0.id!, $0.title) }, gaps: found))
            }
        }
        let far = Day(year: 2200, month: 1, day: 1)!
        return result.sorted { ($0.deadline ?? far, $0.unitName) < ($1.deadline ?? far, $1.unitName) }
    }

    /// Reports marked ready that await a controller's review, oldest first.
    public static func awaitingReview(on db: any Database) async throws -> [Task] {
        let rows = try await ReportingTaskModel.query(on: db).filter(\.$state == ReportingState.readyForReview.rawValue).all()
        return try await tasks(rows, gaps: false, on: db).sorted { $0.updatedAt < $1.updatedAt }
    }

    /// Moves a report: the unit marks it ready (only a reporter or planner on the unit, or an
    /// administrator), a controller approves it or sends it back with a comment. Audited.
    public static func step(taskID: UUID, _ step: ReportingState.Step, by actor: Actor, principal: Principal?, at date: Date = Date(),
                            on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let row = try await ReportingTaskModel.find(taskID, on: db) else { throw Refused.notFound }
            let state = ReportingState(rawValue: row.state) ?? .notStarted
            let next: ReportingState
            do throws(ReportingState.Refused) { next = try state.after(step) } catch { throw Refused.step(error) }
            if case .markReady = step, let principal {
                let chain = try await Accounts.unitChain(row.unitID, on: db)
                guard AccessPolicy.allows(principal, .reportValues(chain: chain)) else { throw Refused.notResponsible }
            }
            var entries = [AuditLog.Entry(.update, "rapportering", "\(row.municipalityID) \(row.period) \(row.unitID)", field: "läge",
                                          old: state.label, new: next.label)]
            if case .sendBack(let comment) = step {
                row.comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
                entries.append(.init(.update, "rapportering", "\(row.municipalityID) \(row.period) \(row.unitID)", field: "kommentar", new: row.comment))
            }
            row.state = next.rawValue; row.updatedAt = date; row.updatedBy = actor.name
            try await row.update(on: db)
            try await AuditLog.append(entries, by: actor, at: date, on: db)
        }
    }

    public static func setResponsible(taskID: UUID, accountID: UUID?, by actor: Actor, at date: Date = Date(), on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let row = try await ReportingTaskModel.find(taskID, on: db) else { throw Refused.notFound }
            guard row.responsibleAccountID != accountID else { return }
            let old = try await row.responsibleAccountID.asyncMap { try await AccountModel.find($0, on: db)?.username }
            let new = try await accountID.asyncMap { try await AccountModel.find($0, on: db)?.username }
            row.responsibleAccountID = accountID; row.updatedAt = date; row.updatedBy = actor.name
            try await row.update(on: db)
            try await AuditLog.append(.init(.update, "rapportering", "\(row.municipalityID) \(row.period) \(row.unitID)", field: "ansvarig",
                                            old: old ?? nil, new: new ?? nil), by: actor, at: date, on: db)
        }
    }

    /// The report of a plan's unit for `period`, if the round is open.
    static func task(of plan: PlanModel, period: Period, on db: any Database) async throws -> ReportingTaskModel? {
        try await ReportingTaskModel.query(on: db).filter(\.$municipalityID == plan.municipalityID)
            .filter(\.$period == period.description).filter(\.$unitID == plan.ownerUnitID).first()
    }

    /// A unit that saves something for `period` has started its report.
    static func noteStarted(_ row: ReportingTaskModel, at date: Date, on db: any Database) async throws {
        guard row.state == ReportingState.notStarted.rawValue else { return }
        row.state = ReportingState.inProgress.rawValue; row.updatedAt = date
        try await row.update(on: db)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self { case .some(let value): try await transform(value); case .none: nil }
    }
}
