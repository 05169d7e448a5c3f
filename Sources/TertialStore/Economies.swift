import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// A plan's economy in the database: the adopted tables (one document per plan), the frame transfers
/// of the municipality that concern the plan's committee, and the monthly follow-up with its history.
public enum Economies {
    /// The changed tables break a rule of the plan format (a total that no longer adds up, say); nothing was saved.
    public struct Refused: Error, Sendable {
        public let messages: [String]
    }

    // MARK: Import and export

    /// Writes an imported plan's economy. Frame transfers may exist already (the other committee's plan
    /// brought them) and must then be identical. Returns the conflicts; writes nothing when there are any.
    static func write(_ record: EconomyRecord, planID: String, municipalityID: String, recordedBy: String, at date: Date,
                      on db: any Database) async throws -> [InterchangeProblem] {
        let path = JSONPath() + "economy"
        var conflicts: [InterchangeProblem] = []
        var newTransfers: [FrameTransferModel] = []
        let existing = try await FrameTransferModel.query(on: db).filter(\.$id ~~ record.frameTransfers.map(\.id)).all()
        let byID = Dictionary(existing.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, transfer) in record.frameTransfers.enumerated() {
            let model = FrameTransferModel(transfer, municipalityID: municipalityID)
            if let old = byID[transfer.id] {
                if old.record != transfer || old.municipalityID != municipalityID {
                    conflicts.append(InterchangeProblem(path: ((path + "frameTransfers")[i]).description, message: "ramöverföringen \"\(transfer.id)\" finns redan med andra uppgifter"))
                }
            } else {
                newTransfers.append(model)
            }
        }
        guard conflicts.isEmpty else { return conflicts }
        try await newTransfers.create(on: db)
        // What is stored is what TertialCore reads: the typed economy written back ("-269.0" → "-269").
        let canonical = EconomyRecord(record.economy().0)
        var tables = canonical
        tables.frameTransfers = []
        tables.followUps = []
        let economy = PlanEconomyModel()
        economy.id = planID
        economy.document = encode(tables)
        try await economy.create(on: db)
        let rows = canonical.followUps.map { EconomyFollowUpModel($0, planID: planID, version: 1, source: "import", recordedBy: recordedBy, at: date) }
        for chunk in rows.chunked(500) { try await chunk.create(on: db) }
        return []
    }

    /// The plan's economy as the interchange format holds it, nil when it has none.
    public static func record(planID: String, ownerUnitID: String, on db: any Database) async throws -> EconomyRecord? {
        async let stored = PlanEconomyModel.find(planID, on: db)
        async let transfers = FrameTransferModel.query(on: db).group(.or) { $0.filter(\.$fromUnitID == ownerUnitID).filter(\.$toUnitID == ownerUnitID) }
            .sort(\.$fromYear).sort(\.$id).all()
        async let followUps = latestFollowUps(planID: planID, on: db)
        let (economy, transferRows, followUpRows) = try await (stored, transfers, followUps)
        guard economy != nil || !transferRows.isEmpty || !followUpRows.isEmpty else { return nil }
        var record = try economy.map { try JSONDecoder().decode(EconomyRecord.self, from: Data($0.document.utf8)) } ?? EconomyRecord()
        record.frameTransfers = transferRows.map(\.record)
        record.followUps = followUpRows.map(\.record)
        return record
    }

    static func encode<T: Encodable>(_ record: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(record), as: UTF8.self)
    }

    /// The newest save of every line and month, in a fixed order (budget, year, month, line).
    static func latestFollowUps(planID: String, on db: any Database) async throws -> [EconomyFollowUpModel] {
        let rows = try await EconomyFollowUpModel.query(on: db).filter(\.$planID == planID).sort(\.$version).all()
        var latest: [String: EconomyFollowUpModel] = [:]
        for row in rows { latest[row.key] = row }
        return latest.values.filter { $0.outcomeToDate != nil || $0.forecast != nil || $0.comment != nil }
            .sorted { ($0.budgetID, $0.year, $0.month, $0.lineID) < ($1.budgetID, $1.year, $1.month, $1.lineID) }
    }

    // MARK: Monthly follow-up

    public struct Entry: Sendable, Hashable {
        public let lineID: String
        public let outcomeToDate: Decimal?
        public let forecast: Decimal?
        public let comment: String?
        public let version: Int
        public let source: String
        public let recordedBy: String
        public let recordedAt: Date
    }

    /// Every save of every line of a budget for one month, oldest first.
    public static func history(planID: String, budgetID: String, year: Int, month: Int, on db: any Database) async throws -> [String: [Entry]] {
        let rows = try await EconomyFollowUpModel.query(on: db).filter(\.$planID == planID).filter(\.$budgetID == budgetID)
            .filter(\.$year == year).filter(\.$month == month).sort(\.$version).all()
        return Dictionary(grouping: rows.map(\.entry), by: \.lineID)
    }

    public struct Input: Sendable, Hashable {
        public var lineID: String
        public var outcomeToDate: Decimal?
        public var forecast: Decimal?
        public var comment: String?
        /// The version the person saw; a later save by someone else is a conflict.
        public var expectedVersion: Int?
        public init(lineID: String, outcomeToDate: Decimal?, forecast: Decimal?, comment: String?, expectedVersion: Int? = nil) {
            self.lineID = lineID; self.outcomeToDate = outcomeToDate; self.forecast = forecast; self.comment = comment; self.expectedVersion = expectedVersion
        }
    }

    public struct Conflict: Error, Sendable { public let lineIDs: [String] }

    /// The rules a month's follow-up must pass before anything is saved: the line exists, texts are
    /// clean, and a forecast that deviates beyond the threshold comes with the measures taken.
    /// Returns a problem per line id.
    public static func problems(_ inputs: [Input], economy: Economy, budgetID: String, year: Int, month: Int) -> [String: String] {
        guard let budget = economy.budget(budgetID) else { return ["": "driftbudgeten \"\(budgetID)\" finns inte"] }
        var problems: [String: String] = [:]
        let column = budget.budgetColumn(year: year)
        for input in inputs {
            guard let line = budget.followedUpLines.first(where: { $0.id == input.lineID }) else {
                problems[input.lineID] = "raden \"\(input.lineID)\" finns inte i driftbudgeten"; continue
            }
            if let comment = input.comment, let problem = ValueText.formProblem(comment, maxLength: PlanValidator.maxTextLength) {
                problems[input.lineID] = "\(line.name), kommentar: \(problem)"; continue
            }
            // The same rule as the validator's: nothing saved here can fail it later.
            if let (what, problem) = [("utfall hittills", input.outcomeToDate), ("helårsprognos", input.forecast)]
                .lazy.compactMap({ what, value in value.flatMap(Amount.problem).map { (what, $0) } }).first {
                problems[input.lineID] = "\(line.name), \(what): \(problem)"; continue
            }
            guard let forecast = input.forecast, let annual = column.flatMap({ line.amounts[$0] }) else { continue }
            let followUp = MonthlyFollowUp(budgetID: budgetID, lineID: line.id, year: year, month: month, annualBudget: annual,
                                           outcomeToDate: input.outcomeToDate ?? 0, forecast: forecast, comment: input.comment)
            do { _ = try followUp.validated(lineName: line.name, threshold: economy.threshold, sign: budget.sign, unit: budget.unit) }
            catch { problems[input.lineID] = error.description }
        }
        return problems
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let problems: [String: String]
        public var description: String { problems.sorted { $0.key < $1.key }.map(\.value).joined(separator: "\n") }
    }

    /// Saves the lines whose figures or comment changed, in one transaction, audited. Returns how many changed.
    public static func save(planID: String, budgetID: String, year: Int, month: Int, _ inputs: [Input], source: String = "web",
                            by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> Int {
        try await database.writeTransaction { db in
            try await save(planID: planID, budgetID: budgetID, year: year, month: month, inputs, source: source, by: actor, at: date, inTransaction: db)
        }
    }

    /// The same inside a transaction the caller holds (a ledger import saves every month in one).
    static func save(planID: String, budgetID: String, year: Int, month: Int, _ inputs: [Input], source: String,
                     by actor: Actor, at date: Date, inTransaction db: any Database, economy known: Economy? = nil) async throws -> Int {
        do {
            let economy: Economy
            if let known { economy = known } else { economy = try await typed(planID: planID, on: db) }
            let problems = problems(inputs, economy: economy, budgetID: budgetID, year: year, month: month)
            guard problems.isEmpty else { throw Invalid(problems: problems) }
            let current = try await history(planID: planID, budgetID: budgetID, year: year, month: month, on: db).mapValues { $0.last! }
            var changed = 0
            var conflicts: [String] = []
            var entries: [AuditLog.Entry] = []
            var rows: [EconomyFollowUpModel] = []
            let period = "\(SwedishMonth.name(month)) \(year)"
            for input in inputs {
                let before = current[input.lineID]
                if before?.outcomeToDate == input.outcomeToDate, before?.forecast == input.forecast, before?.comment == input.comment { continue }
                if before == nil, input.outcomeToDate == nil, input.forecast == nil, input.comment == nil { continue }
                if let expected = input.expectedVersion, (before?.version ?? 0) != expected { conflicts.append(input.lineID); continue }
                let row = EconomyFollowUpModel()
                row.id = UUID(); row.planID = planID; row.budgetID = budgetID; row.lineID = input.lineID; row.year = year; row.month = month
                row.version = (before?.version ?? 0) + 1
                row.outcomeToDate = input.outcomeToDate.map(Amount.write); row.forecast = input.forecast.map(Amount.write); row.comment = input.comment
                row.source = source; row.recordedBy = actor.name; row.recordedAt = date
                rows.append(row)
                let entity = "\(budgetID)/\(input.lineID)"
                for (field, old, new) in [("utfall hittills \(period)", before?.outcomeToDate, input.outcomeToDate), ("helårsprognos \(period)", before?.forecast, input.forecast)]
                    where old != new {
                    entries.append(.init(before == nil ? .create : .update, "budgetrad", entity, field: field,
                                         old: old.map { SwedishNumber.formatNatural($0) }, new: new.map { SwedishNumber.formatNatural($0) }, planID: planID))
                }
                if before?.comment != input.comment {
                    entries.append(.init(.update, "budgetrad", entity, field: "åtgärder \(period)", old: before?.comment, new: input.comment, planID: planID))
                }
                changed += 1
            }
            if !conflicts.isEmpty { throw Conflict(lineIDs: conflicts) }
            do {
                for chunk in rows.chunked(500) { try await chunk.create(on: db) }
            } catch where isUniqueViolation(error) {
                throw Conflict(lineIDs: rows.map(\.lineID)) // another save of the same month at the same moment
            }
            try await AuditLog.append(entries, by: actor, at: date, on: db)
            return changed
        }
    }

    public struct NoEconomy: Error, CustomStringConvertible, Sendable {
        public var description: String { "Planen har ingen ekonomi i Tertial." }
    }

    /// Sets when a forecast deviation needs the measures taken written down (audited).
    public static func setThreshold(planID: String, _ threshold: DeviationThreshold, by actor: Actor, at date: Date = Date(),
                                    on database: any Database) async throws {
        try await changeTables(planID: planID, by: actor, at: date, on: database) { economy, _ in
            let before = economy.threshold
            guard before != threshold else { return [] }
            economy.threshold = threshold
            return [.init(.update, "ekonomi", planID, field: "avvikelsegräns", old: describe(before), new: describe(threshold), planID: planID)]
        }
    }

    /// The tables were saved by someone else after the form was made.
    public struct TablesChanged: Error, Sendable {}

    /// The fingerprint of the plan's stored tables, for a form to carry (nil when it has none).
    public static func tablesFingerprint(planID: String, on db: any Database) async throws -> String? {
        try await PlanEconomyModel.find(planID, on: db).map { documentFingerprint($0.document) }
    }

    public struct LineInUse: Error, CustomStringConvertible, Sendable {
        public let line: String
        public var description: String { "Raden \"\(line)\" har månadsuppföljning och kan inte tas bort." }
    }

    /// Replaces one operating budget of the plan (lines, amounts and frame, as edited in the browser),
    /// audited cell by cell. A line that has a monthly follow-up cannot be removed.
    public static func updateBudget(planID: String, budgetID: String, _ budget: OperatingBudget, expected: String? = nil, by actor: Actor,
                                    at date: Date = Date(), on database: any Database) async throws {
        try await changeTables(planID: planID, expected: expected, by: actor, at: date, on: database) { economy, db in
            guard let index = economy.operatingBudgets.firstIndex(where: { $0.id == budgetID }) else { throw NoEconomy() }
            let before = economy.operatingBudgets[index].budget
            let kept = Set(budget.sections.flatMap { $0.lines.map(\.id) })
            let followed = try await EconomyFollowUpModel.query(on: db).filter(\.$planID == planID).filter(\.$budgetID == budgetID).all().map(\.lineID)
            if let removed = before.sections.flatMap(\.lines).first(where: { !kept.contains($0.id) && followed.contains($0.id) }) {
                throw LineInUse(line: removed.name)
            }
            economy.operatingBudgets[index].budget = keepingStatedTotals(of: before, in: budget)
            return changes(before, budget, budgetID: budgetID, planID: planID)
        }
    }

    /// A section's stated (adopted) total belongs to the lines it was stated for: where a person changes a
    /// line's amount in a column, or adds or removes a line, that column's total is computed again.
    static func keepingStatedTotals(of before: OperatingBudget, in after: OperatingBudget) -> OperatingBudget {
        var after = after
        for s in after.sections.indices {
            let old = s < before.sections.count ? before.sections[s] : nil
            for column in after.sections[s].printedTotals.keys {
                func amounts(_ section: BudgetSection?) -> [String] { (section?.lines ?? []).map { "\($0.id)=\($0.amounts[column].map { "\($0)" } ?? "")" } }
                if amounts(old) != amounts(after.sections[s]) || old?.printedTotals[column] == nil { after.sections[s].printedTotals[column] = nil }
            }
        }
        return after
    }

    /// Read the plan's stored tables as TertialCore values, change them, check that they read back with
    /// the import's rules, write them and the audit entries — one transaction, the row locked.
    static func changeTables(planID: String, expected: String? = nil, by actor: Actor, at date: Date, on database: any Database,
                             _ body: @escaping @Sendable (inout Economy, any Database) async throws -> [AuditLog.Entry]) async throws {
        try await database.writeTransaction { db in
            try await lockRow("plan_economies", planID: planID, on: db)
            guard let stored = try await PlanEconomyModel.find(planID, on: db) else { throw NoEconomy() }
            if let expected, expected != documentFingerprint(stored.document) { throw TablesChanged() }
            var economy = try JSONDecoder().decode(EconomyRecord.self, from: Data(stored.document.utf8)).economy().0
            let entries = try await body(&economy, db)
            guard !entries.isEmpty else { return }
            var written = EconomyRecord(economy)
            written.frameTransfers = []
            written.followUps = []
            let problems = written.economy().1
            guard problems.isEmpty else { throw Refused(messages: problems.map(\.message)) }
            stored.document = encode(written)
            try await stored.update(on: db)
            try await AuditLog.append(entries, by: actor, at: date, on: db)
        }
    }

    /// One audit entry per changed name, amount or frame figure, and per added or removed line.
    static func changes(_ old: OperatingBudget, _ new: OperatingBudget, budgetID: String, planID: String) -> [AuditLog.Entry] {
        var entries: [AuditLog.Entry] = []
        let oldLines = Dictionary(old.sections.flatMap(\.lines).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newLines = Dictionary(new.sections.flatMap(\.lines).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func text(_ d: Decimal?) -> String? { d.map { SwedishNumber.formatNatural($0) } }
        for line in new.sections.flatMap(\.lines) {
            let entity = "\(budgetID)/\(line.id)"
            guard let before = oldLines[line.id] else {
                entries.append(.init(.create, "budgetrad", entity, field: "rad", new: line.name, planID: planID)); continue
            }
            if before.name != line.name { entries.append(.init(.update, "budgetrad", entity, field: "namn", old: before.name, new: line.name, planID: planID)) }
            for column in new.columns where before.amounts[column] != line.amounts[column] {
                entries.append(.init(.update, "budgetrad", entity, field: "\(line.name), \(column.printedHeading)", old: text(before.amounts[column]),
                                     new: text(line.amounts[column]), planID: planID))
            }
        }
        for line in old.sections.flatMap(\.lines) where newLines[line.id] == nil {
            entries.append(.init(.delete, "budgetrad", "\(budgetID)/\(line.id)", field: "rad", old: line.name, planID: planID))
        }
        for column in new.columns where old.frame[column] != new.frame[column] {
            entries.append(.init(.update, "driftbudget", budgetID, field: "ram, \(column.printedHeading)", old: text(old.frame[column]), new: text(new.frame[column]), planID: planID))
        }
        return entries
    }

    /// "1 000 tkr eller 1 % av budgeten".
    public static func describe(_ threshold: DeviationThreshold, unit: MoneyUnit? = nil) -> String {
        var parts: [String] = []
        if let amount = threshold.amount { parts.append(SwedishNumber.formatNatural(amount) + (unit.map { " \($0.label)" } ?? "")) }
        if let share = threshold.share { parts.append(SwedishNumber.formatNatural(share * 100) + " % av budgeten") }
        return parts.isEmpty ? "ingen" : parts.joined(separator: " eller ")
    }

    /// The plan's economy as typed values (empty when it has none).
    public static func typed(planID: String, on db: any Database) async throws -> Economy {
        guard let plan = try await PlanModel.find(planID, on: db) else { throw PlanNotFound(id: planID) }
        guard let record = try await record(planID: planID, ownerUnitID: plan.ownerUnitID, on: db) else { return Economy() }
        return record.economy().0
    }
}

extension EconomyFollowUpModel {
    convenience init(_ record: FollowUpRecord, planID: String, version: Int, source: String, recordedBy: String, at date: Date) {
        self.init()
        id = UUID(); self.planID = planID; budgetID = record.budgetId; lineID = record.lineId; year = record.year; month = record.month
        self.version = version; outcomeToDate = record.outcomeToDate; forecast = record.forecast; comment = record.comment
        self.source = source; self.recordedBy = recordedBy; recordedAt = date
    }

    var key: String { "\(budgetID)\u{1F}\(lineID)\u{1F}\(year)\u{1F}\(month)" }

    var record: FollowUpRecord {
        FollowUpRecord(budgetId: budgetID, lineId: lineID, year: year, month: month, outcomeToDate: outcomeToDate, forecast: forecast, comment: comment)
    }

    var entry: Economies.Entry {
        Economies.Entry(lineID: lineID, outcomeToDate: outcomeToDate.flatMap(Amount.parse), forecast: forecast.flatMap(Amount.parse), comment: comment,
                        version: version, source: source, recordedBy: recordedBy, recordedAt: recordedAt)
    }
}

extension FrameTransferModel {
    convenience init(_ record: FrameTransferRecord, municipalityID: String) {
        self.init()
        id = record.id; self.municipalityID = municipalityID; fromUnitID = record.fromUnitId; toUnitID = record.toUnitId
        amount = record.amount; unit = record.unit.rawValue; fromYear = record.fromYear; text = record.text
    }

    var record: FrameTransferRecord {
        FrameTransferRecord(id: id!, fromUnitId: fromUnitID, toUnitId: toUnitID, amount: amount, unit: MoneyUnit(rawValue: unit) ?? .tkr,
                            fromYear: fromYear, text: text)
    }
}
