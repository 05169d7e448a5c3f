import FluentKit
import TertialCore

extension PlanReads {
    /// The plans of the municipality's committees for `year` (plans owned by the board or a committee
    /// whose years include it; unit plans roll up into them), in the plans' order, with each owner's
    /// name. Nil when the municipality does not exist.
    public static func committeePlans(municipalityID: String, year: Int, on db: any Database) async throws
        -> (municipality: String, plans: [(plan: PlanModel, ownerName: String)])? {
        guard let municipality = try await MunicipalityModel.find(municipalityID, on: db) else { return nil }
        let committees = try await OrgUnitModel.query(on: db).filter(\.$municipalityID == municipalityID)
            .filter(\.$kind ~~ [OrgUnitKind.committee.rawValue, OrgUnitKind.board.rawValue]).all()
        let names = Dictionary(committees.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let plans = try await PlanModel.query(on: db).filter(\.$municipalityID == municipalityID)
            .filter(\.$ownerUnitID ~~ Array(names.keys)).filter(\.$firstYear <= year).filter(\.$lastYear >= year).sort(\.$position).all()
        return (municipality.name, plans.map { ($0, names[$0.ownerUnitID] ?? $0.ownerUnitID) })
    }
}
