import FluentKit
import TertialCore

/// The plans that break a committee's plan down: plans owned by units below the plan's owner whose
/// years meet the plan's (a unit's enhetsplan 2024 under the committee's nämndplan 2024–2025).
public enum UnitPlans {
    /// In catalogue order, each with its owner's unit chain (what the access rules need).
    public static func below(_ plan: PlanModel, on db: any Database) async throws -> [(plan: PlanModel, chain: [String])] {
        let units = try await OrgUnitModel.query(on: db).filter(\.$municipalityID == plan.municipalityID).all()
        let parents = UnitTree.parents(units)
        let owner = plan.ownerUnitID
        let below = units.compactMap(\.id).filter { $0 != owner && UnitTree.chain(of: $0, parents: parents).contains(owner) }
        guard !below.isEmpty else { return [] }
        let plans = try await PlanModel.query(on: db).filter(\.$ownerUnitID ~~ below)
            .filter(\.$firstYear <= plan.lastYear).filter(\.$lastYear >= plan.firstYear)
            .sort(\.$position).all()
        return plans.filter { $0.id != plan.id }.map { ($0, UnitTree.chain(of: $0.ownerUnitID, parents: parents)) }
    }
}
