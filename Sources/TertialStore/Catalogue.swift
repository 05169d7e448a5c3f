import FluentKit
import TertialCore

/// What the start page and `tertial plans` list: municipalities, their units and plans.
public struct Catalogue: Sendable {
    public struct Entry: Sendable {
        public let municipality: MunicipalityModel
        public let units: [OrgUnitModel]
        public let plans: [PlanModel]
    }

    public let entries: [Entry]

    /// Three queries, whatever the number of municipalities and plans.
    public static func load(on db: any Database) async throws -> Catalogue {
        async let municipalities = MunicipalityModel.query(on: db).sort(\.$position).sort(\.$name).all()
        async let units = OrgUnitModel.query(on: db).sort(\.$position).all()
        async let plans = PlanModel.query(on: db).sort(\.$position).all()
        let (m, u, p) = try await (municipalities, units, plans)
        let unitsByMunicipality = Dictionary(grouping: u, by: \.municipalityID)
        let plansByMunicipality = Dictionary(grouping: p, by: \.municipalityID)
        return Catalogue(entries: m.map {
            Entry(municipality: $0, units: unitsByMunicipality[$0.id!] ?? [], plans: plansByMunicipality[$0.id!] ?? [])
        })
    }

    /// One line per plan: `ID<TAB>municipality<TAB>owner unit<TAB>title`.
    public var planLines: [String] {
        entries.flatMap { entry in
            let unitNames = Dictionary(entry.units.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
            return entry.plans.map { plan in
                [plan.id!, entry.municipality.name, unitNames[plan.ownerUnitID] ?? plan.ownerUnitID, plan.title]
                    .map { $0.replacingOccurrences(of: "\t", with: " ") }
                    .joined(separator: "\t")
            }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }
}

/// Walking the organisation tree upwards: a unit and its ancestors, nearest first (the chain the
/// access rules take, since roles hold for a unit and every unit below it).
public enum UnitTree {
    public static func chain(of unitID: String, parents: [String: String?]) -> [String] {
        var chain = [unitID]
        var current = parents[unitID] ?? nil
        while let next = current, !chain.contains(next) {
            chain.append(next)
            current = parents[next] ?? nil
        }
        return chain
    }

    public static func parents(_ units: [OrgUnitModel]) -> [String: String?] {
        Dictionary(units.map { ($0.id!, $0.parentID) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Catalogue.Entry {
    /// Whether `principal` (nil: an anonymous visitor) may read `plan` of this municipality.
    public func isReadable(_ plan: PlanModel, by principal: Principal?) -> Bool {
        let chain = UnitTree.chain(of: plan.ownerUnitID, parents: UnitTree.parents(units))
        return AccessPolicy.allows(principal, .readPlan(chain: chain, isPublic: plan.isPublic, isAdopted: plan.status == PlanStatus.adopted.rawValue))
    }
}
