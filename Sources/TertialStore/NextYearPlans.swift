import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// *Skapa nästa års plan*: next year's draft made from a plan (see `Plan.nextYearDraft`), stored the way
/// an imported plan file is — all or nothing, by the import's rules — and audited. The old plan is only
/// read.
public enum NextYearPlans {
    /// The draft's id and title as they will be, for the page that offers it.
    public static func preview(of plan: Plan) -> (id: String, title: String, years: [Int]) {
        let draft = plan.nextYearDraft()
        return (draft.id, draft.title, draft.planYears)
    }

    /// A draft that could not be stored, with the import's problems ("path: message"); `taken` when its
    /// id (or an indicator's) exists already: next year's plan was made before.
    public struct Refused: Error, CustomStringConvertible, Sendable {
        public let taken: Bool
        public let problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// Makes and stores next year's draft of `planID`; returns its id. A draft that cannot be stored is
    /// refused (`Refused`) and nothing is written.
    public static func create(from planID: String, by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> String {
        let plan = try await PlanReads.plan(planID, on: database)
        let draft = plan.nextYearDraft()
        var document = PlanDocument(draft)
        document.version = document.requiredVersion
        do {
            try await PlanImporter.importDocuments([.init(name: "nästa års plan från \(planID)", document: document)], into: database, by: actor, at: date)
        } catch let error as InterchangeError {
            throw Refused(taken: error.problems.contains { $0.message.contains("finns redan") },
                          problems: error.problems.map { "\($0.path): \($0.message)" })
        }
        try await AuditLog.append(.init(.create, "plan", draft.id, field: "nästa års plan", old: planID, new: draft.id, planID: draft.id),
                                  by: actor, at: date, on: database)
        return draft.id
    }
}
