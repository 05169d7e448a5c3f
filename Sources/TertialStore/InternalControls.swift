import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// A plan's internal control in the database: read, and changed by reporters (a control's result per
/// occasion) and planners (risks and their controls, the scale), each change audited, in one
/// transaction with the row locked.
public enum InternalControls {
    /// The plan's internal control as stored now (nil: none yet).
    public static func current(planID: String, on db: any Database) async throws -> InternalControl? {
        try await PlanInternalControlModel.find(planID, on: db)
            .map { try JSONDecoder().decode(InternalControlRecord.self, from: Data($0.document.utf8)).internalControl().0 }
    }

    /// The version of the whole internal control a form was made from: a fingerprint of its canonical
    /// stored form, so the page (which holds the typed value) and the save (which reads the row) agree.
    public static func fingerprint(_ control: InternalControl) -> String { documentFingerprint(Economies.encode(InternalControlRecord(control))) }

    /// Someone saved after the form was made: the whole internal control (a form without item
    /// versions), or these results (control id and occasion). Nothing was saved.
    public struct Conflict: Error, Sendable {
        public var results: [String]
        public init(results: [String] = []) { self.results = results }
    }

    /// The version of one control's result for one occasion as a page shows it; a save names the
    /// version its page showed and is a conflict only for the results that changed since.
    public static func itemVersion(_ result: ControlResult?) -> String {
        documentFingerprint("\(result?.status.rawValue ?? "-")\u{1F}\(result?.findings ?? "")\u{1F}\(result?.measures ?? "")")
    }
    public struct NoSuchRisk: Error, Sendable { public init() {} }

    /// A result for a control's occasion; `status` nil clears it.
    public struct ResultInput: Sendable, Hashable {
        public var controlID: String
        public var occasion: Day
        public var status: ControlResult.Status?
        public var findings: String?
        public var measures: String?
        /// `itemVersion` of the result when the person's form was made; nil: no check.
        public var expectedVersion: String?
        public init(controlID: String, occasion: Day, status: ControlResult.Status?, findings: String?, measures: String?, expectedVersion: String? = nil) {
            self.controlID = controlID; self.occasion = occasion; self.status = status; self.findings = findings; self.measures = measures
            self.expectedVersion = expectedVersion
        }
    }

    /// Saves the results that changed. Returns how many fields changed.
    public static func saveResults(planID: String, _ inputs: [ResultInput], expected: String?, by actor: Actor, at date: Date = Date(),
                                   on database: any Database) async throws -> Int {
        // A result on a day that a closed period covers is locked (checked before the document's transaction).
        for day in Set(inputs.map(\.occasion)) {
            if let closed = try await PeriodLocks.closure(planID: planID, locking: day, at: date, on: database) { throw closed }
        }
        return try await change(planID: planID, expected: expected, by: actor, at: date, on: database) { control in
            var entries: [AuditLog.Entry] = []
            var conflicts: [String] = []
            for input in inputs {
                guard let r = control.risks.firstIndex(where: { $0.controls.contains { $0.id == input.controlID } }),
                      let c = control.risks[r].controls.firstIndex(where: { $0.id == input.controlID }) else { continue }
                var results = control.risks[r].controls[c].results
                let old = results.firstIndex { $0.occasion == input.occasion }
                let before = old.map { results[$0] }
                let field = "resultat \(input.occasion)"
                let wanted = input.status.map { ControlResult(occasion: input.occasion, status: $0, findings: input.findings, measures: input.measures) }
                // Someone else saved this result after the person's page was made: theirs is kept, this one told.
                if wanted != before, let expected = input.expectedVersion, expected != itemVersion(before) {
                    conflicts.append("\(input.controlID).\(input.occasion)"); continue
                }
                guard let status = input.status else {
                    if let old { results.remove(at: old); entries.append(.init(.delete, "kontrollmoment", input.controlID, field: field, old: before?.status.label, planID: planID)) }
                    control.risks[r].controls[c].results = results
                    continue
                }
                let after = ControlResult(occasion: input.occasion, status: status, findings: input.findings, measures: input.measures)
                guard after != before else { continue }
                if let old { results[old] = after } else { results.append(after); results.sort { $0.occasion < $1.occasion } }
                control.risks[r].controls[c].results = results
                if before?.status != status {
                    entries.append(.init(before == nil ? .create : .update, "kontrollmoment", input.controlID, field: field, old: before?.status.label, new: status.label, planID: planID))
                }
                if before?.findings != input.findings {
                    entries.append(.init(.update, "kontrollmoment", input.controlID, field: "avvikelser \(input.occasion)", old: before?.findings, new: input.findings, planID: planID))
                }
                if before?.measures != input.measures {
                    entries.append(.init(.update, "kontrollmoment", input.controlID, field: "åtgärder \(input.occasion)", old: before?.measures, new: input.measures, planID: planID))
                }
            }
            if !conflicts.isEmpty { throw Conflict(results: conflicts) }
            return entries
        }
    }

    /// Moves every risk to a new scale (`InternalControl.rescaled`): levels mapped, values recalculated,
    /// the earlier assessments kept in each risk's history; audited per risk whose value changed.
    public static func changeScale(planID: String, to scale: RiskScale, on day: Day, expected: String?, by actor: Actor, at date: Date = Date(),
                                   on database: any Database) async throws -> Int {
        try await change(planID: planID, expected: expected, by: actor, at: date, on: database) { control in
            let before = control
            control = control.rescaled(to: scale, on: day)
            var entries: [AuditLog.Entry] = [.init(.update, "riskskala", planID, field: "skala",
                                                   old: "\(before.scale.likelihood.count)×\(before.scale.consequence.count), gräns \(before.scale.threshold)",
                                                   new: "\(scale.likelihood.count)×\(scale.consequence.count), gräns \(scale.threshold)", planID: planID)]
            for (old, new) in zip(before.risks, control.risks) where old.value != new.value {
                entries.append(.init(.update, "risk", new.id, field: "riskvärde", old: old.value.map(String.init), new: new.value.map(String.init), planID: planID))
            }
            return entries
        }
    }

    /// Adds a risk or changes one (its controls' results are kept), audited field by field. A plan
    /// without internal control gets one on the standard 5×5 scale for its budget year.
    public static func saveRisk(_ risk: Risk, planID: String, expected: String?, by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> Int {
        try await change(planID: planID, expected: expected, by: actor, at: date, on: database) { control in
            var risk = risk
            if let i = control.risks.firstIndex(where: { $0.id == risk.id }) {
                let before = control.risks[i]
                for (j, c) in risk.controls.enumerated() {
                    if let kept = before.controls.first(where: { $0.id == c.id }) { risk.controls[j].results = kept.results }
                }
                risk.history = before.history
                control.risks[i] = risk
                func text(_ c: Control) -> String { [c.control, c.responsible, c.frequencyText, c.method, c.reportedTo, c.followUp].compactMap { $0 }.joined(separator: " · ") }
                let fields: [(String, String?, String?)] = [
                    ("område", before.area, risk.area), ("process", before.process, risk.process), ("risk", before.risk, risk.risk),
                    ("sannolikhet", before.likelihood.map(String.init), risk.likelihood.map(String.init)),
                    ("konsekvens", before.consequence.map(String.init), risk.consequence.map(String.init)),
                    ("riskvärde", before.value.map(String.init), risk.value.map(String.init)),
                    ("med under gränsen", before.includedBelowThreshold ? "ja" : "nej", risk.includedBelowThreshold ? "ja" : "nej"),
                    ("motivering", before.motivation, risk.motivation),
                    ("kontrollmoment", before.controls.map(text).joined(separator: "\n"), risk.controls.map(text).joined(separator: "\n")),
                ]
                return fields.filter { ($0.1 ?? "") != ($0.2 ?? "") }.map { .init(.update, "risk", risk.id, field: $0.0, old: $0.1, new: $0.2, planID: planID) }
            }
            control.risks.append(risk)
            return [.init(.create, "risk", risk.id, field: "risk", new: [risk.process, risk.risk].compactMap { $0 }.joined(separator: ": "), planID: planID)]
        }
    }

    /// Removes a risk whose controls have no results (one that has is kept for the follow-up).
    public struct HasResults: Error, CustomStringConvertible, Sendable {
        public let process: String
        public var description: String { "Risken \"\(process.prefix(80))\" har kontrollresultat och kan inte tas bort; ta in den i planen eller låt den stå kvar under gränsen." }
    }

    public static func removeRisk(_ riskID: String, planID: String, expected: String?, by actor: Actor, at date: Date = Date(), on database: any Database) async throws {
        _ = try await change(planID: planID, expected: expected, by: actor, at: date, on: database) { control in
            guard let i = control.risks.firstIndex(where: { $0.id == riskID }) else { throw NoSuchRisk() }
            let risk = control.risks[i]
            guard risk.controls.allSatisfy({ $0.results.isEmpty }) else { throw HasResults(process: risk.process) }
            control.risks.remove(at: i)
            return [.init(.delete, "risk", riskID, field: "risk", old: [risk.process, risk.risk].compactMap { $0 }.joined(separator: ": "), planID: planID)]
        }
    }

    /// Read, change as TertialCore values, check with the import's rules, write and audit
    /// (`PerPlanDocument`). A plan without internal control gets one on the standard 5×5 scale for its budget year.
    static func change(planID: String, expected: String?, by actor: Actor, at date: Date, on database: any Database,
                       _ body: @escaping @Sendable (inout InternalControl) throws -> [AuditLog.Entry]) async throws -> Int {
        try await PerPlanDocument.change(PlanInternalControlModel.self, planID: planID, by: actor, at: date, on: database, noPlan: NoSuchRisk(),
                                         empty: { plan in InternalControlRecord(InternalControl(year: plan.budgetYear, scale: .fiveByFive, risks: [])) }) { record, _ in
            var control = record.internalControl().0
            if let expected, expected != fingerprint(control) { throw Conflict() }
            let entries = try body(&control)
            guard !entries.isEmpty else { return [] }
            record = InternalControlRecord(control)
            let problems = record.internalControl().1
            guard problems.isEmpty else { throw InterchangeError(problems) }
            return entries
        }
    }
}
