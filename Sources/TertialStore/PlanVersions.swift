import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// Frozen versions of a plan, and the lifecycle that makes them: utkast → förslag → fastställd → ersatt.
/// Adopting freezes the whole plan as it is (its interchange document, byte for byte); later edits
/// change the live plan only, and a later adoption makes the next version.
public enum PlanVersions {
    public struct Summary: Sendable, Hashable {
        public let number: Int
        public let status: PlanStatus
        public let decisionDate: String?
        public let createdAt: Date
        public let createdBy: String
    }

    @discardableResult
    /// `encoded`: the document's interchange encoding, when the caller has made it already.
    public static func snapshot(_ document: PlanDocument, encoded: String? = nil, by actor: Actor, at date: Date = Date(),
                                on db: any Database) async throws -> Int {
        let number = (try await PlanVersionModel.query(on: db).filter(\.$planID == document.plan.id).max(\.$number) ?? 0) + 1
        let model = PlanVersionModel()
        model.id = UUID(); model.planID = document.plan.id; model.number = number; model.status = document.plan.status.rawValue
        model.decisionDate = document.plan.decision?.date; model.createdAt = date; model.createdBy = actor.name
        model.document = encoded ?? String(decoding: InterchangeCodec.encode(document), as: UTF8.self)
        try await model.create(on: db)
        try await AuditLog.append(.init(.create, "planversion", "\(document.plan.id)#\(number)", new: "version \(number)", planID: document.plan.id),
                                  by: actor, at: date, on: db)
        return number
    }

    public static func list(planID: String, on db: any Database) async throws -> [Summary] {
        try await PlanVersionModel.query(on: db).filter(\.$planID == planID).sort(\.$number).all().map {
            Summary(number: $0.number, status: PlanStatus(rawValue: $0.status) ?? .adopted, decisionDate: $0.decisionDate,
                    createdAt: $0.createdAt, createdBy: $0.createdBy)
        }
    }

    /// The frozen bytes of a version, exactly as they were exported when it was made.
    public static func data(planID: String, number: Int, on db: any Database) async throws -> Data? {
        try await PlanVersionModel.query(on: db).filter(\.$planID == planID).filter(\.$number == number).first()
            .map { Data($0.document.utf8) }
    }

    /// The version in force on `date` (ISO, YYYY-MM-DD): the last adopted version whose decision date is on or before it.
    public static func adopted(planID: String, on date: String, on db: any Database) async throws -> Summary? {
        try await list(planID: planID, on: db).last { $0.status == .adopted && ($0.decisionDate ?? "") <= date && $0.decisionDate != nil }
    }

    public enum TransitionError: Error, CustomStringConvertible, Equatable {
        case notAllowed(from: PlanStatus, to: PlanStatus)
        case decisionRequired(String)
        public var description: String {
            switch self {
            case .notAllowed(let from, let to): "En plan kan inte gå från \(from.label.lowercased()) till \(to.label.lowercased())."
            case .decisionRequired(let field): "\(field) måste anges när planen fastställs."
            }
        }
    }

    public static let allowedTransitions: [PlanStatus: Set<PlanStatus>] = [
        .draft: [.proposal],
        .proposal: [.draft, .adopted],
        .adopted: [.proposal, .superseded],
        .superseded: [],
    ]

    /// Changes a plan's status; adopting records the decision and freezes a new version.
    /// Moves a plan to a new status; adopting it needs the decision (body and date at least).
    public static func transition(planID: String, to status: PlanStatus, decision: Decision?, by actor: Actor,
                                  at date: Date = Date(), on database: any Database) async throws {
        let record = decision.map {
            DecisionRecord(body: $0.body, date: $0.date?.description, paragraph: $0.paragraph, caseNumber: $0.caseNumber, points: $0.points, basis: $0.basis)
        }
        try await transition(planID: planID, to: status, decision: record, by: actor, at: date, on: database)
    }

    public static func transition(planID: String, to status: PlanStatus, decision: DecisionRecord?, by actor: Actor,
                                  at date: Date = Date(), on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let plan = try await PlanModel.find(planID, on: db) else { throw PlanNotFound(id: planID) }
            let current = PlanStatus(rawValue: plan.status) ?? .draft
            guard allowedTransitions[current]?.contains(status) == true else { throw TransitionError.notAllowed(from: current, to: status) }
            var entries = [AuditLog.Entry(.statusChange, "plan", planID, field: "status", old: current.rawValue, new: status.rawValue, planID: planID)]
            if status == .adopted {
                guard let decision, !decision.body.trimmingCharacters(in: .whitespaces).isEmpty else { throw TransitionError.decisionRequired("Beslutande organ") }
                guard let day = decision.date, !day.isEmpty else { throw TransitionError.decisionRequired("Beslutsdatum") }
                let old = plan.record.decision
                for (field, before, after) in [("beslut, organ", old?.body, decision.body), ("beslut, datum", old?.date, day),
                                               ("beslut, paragraf", old?.paragraph, decision.paragraph), ("beslut, diarienummer", old?.caseNumber, decision.caseNumber)]
                    where before != after {
                    entries.append(.init(.update, "plan", planID, field: field, old: before, new: after, planID: planID))
                }
                plan.decisionBody = decision.body; plan.decisionDate = day; plan.decisionParagraph = decision.paragraph
                plan.decisionCaseNumber = decision.caseNumber; plan.decisionPoints = decision.points
                if let basis = decision.basis { plan.decisionBasis = basis }
            }
            plan.status = status.rawValue
            try await plan.update(on: db)
            // The import's rules for what was written (control characters, lengths): what is stored
            // must always export and import again. Problems roll the transaction back.
            let document = try await PlanExporter.document(planID: planID, on: db)
            try PlanEditor.check(document, prefix: "$.plan.decision.")
            try await AuditLog.append(entries, by: actor, at: date, on: db)
            if status == .adopted {
                try await snapshot(document, by: actor, at: date, on: db)
            }
        }
    }
}
