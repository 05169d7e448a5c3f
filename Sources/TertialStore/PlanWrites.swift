import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// Writes of one field of a plan, typed: each touches that field's rows and its audit record in one
/// transaction, without reading the whole plan (the import's rules for the field are checked here;
/// the value arrives already parsed, as a Core type).
public enum PlanWrites {
    /// Sets (or, with nil, removes) an indicator's target for `year`.
    public static func setTarget(planID: String, indicatorID: String, year: Int, _ target: Target?, by actor: Actor,
                                 at date: Date = Date(), on database: any Database) async throws {
        if let target {
            precondition(target.year == year, "a target for \(target.year) set as \(year)'s")
            if let problem = PlanValidator.nameProblem(target.text) { throw PlanEditor.Invalid(fields: ["target-\(year)": problem]) }
        }
        guard (1900...2200).contains(year) else { throw PlanEditor.Invalid(fields: ["target-\(year)": "\(year) är inget årtal"]) }
        try await database.writeTransaction { db in
            guard let indicator = try await IndicatorModel.find(indicatorID, on: db), indicator.planID == planID else {
                throw PlanEditor.EditError.notInPlan(indicatorID)
            }
            let existing = try await TargetModel.query(on: db).filter(\.$indicatorID == indicatorID).filter(\.$year == year).first()
            let before = existing?.text, after = target?.text
            guard before != after else { return }
            if let existing {
                if let after { existing.text = after; try await existing.update(on: db) } else { try await existing.delete(on: db) }
            } else if let after {
                try await TargetModel(planID: planID, indicatorID: indicatorID, year: year, text: after).create(on: db)
            }
            try await AuditLog.append(.init(before == nil ? .create : (after == nil ? .delete : .update), "målvärde", indicatorID,
                                            field: "målvärde \(year)", old: before, new: after, planID: planID), by: actor, at: date, on: db)
        }
    }
}
