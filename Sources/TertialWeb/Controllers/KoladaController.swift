import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialKolada
import TertialStore
import Vapor

/// An indicator linked to a Kolada KPI compared with the country: the municipality's own value, its
/// comparison municipalities, the group's average and Riket (0000), per year, as a table and a chart,
/// credited "Källa: Kolada" with the snapshot the values come from.
enum KoladaController {
    /// What the comparison page can show.
    enum Comparison {
        case notLinked(sourceIsKolada: Bool)
        case noMunicipalityCode
        case comparison(kpi: String, table: TertialDocuments.Table, hasValues: Bool, fetched: String?)
    }

    @Sendable static func comparison(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let plan = try await PlanController.readablePlan(req, facts)
        let document = plan
        guard let id = req.parameters.get("indicatorID"),
              let indicator = plan.goals.flatMap(\.indicators).first(where: { $0.id == id }) else { throw Abort(.notFound) }
        guard indicator.source?.kind == .kolada, let kpi = indicator.source?.reference, !kpi.isEmpty else {
            return page(req, plan, indicator, .notLinked(sourceIsKolada: indicator.source?.kind == .kolada)).response()
        }
        guard let settings = try await KoladaValues.settings(municipalityID: document.municipality.id, on: req.store) else {
            return page(req, plan, indicator, .noMunicipalityCode).response()
        }
        let values = try await KoladaValues.totals(kpi: kpi, municipalities: settings.all, on: req.store)
        let snapshot = try await KoladaValues.latestSnapshot(on: req.store)
        let table = KoladaTables.comparison(kpi: kpi, indicator: indicator, peers: settings.peers(name: document.municipality.name), values: values,
                                            names: try await KoladaValues.names(on: req.store))
        return page(req, plan, indicator, .comparison(kpi: kpi, table: table, hasValues: !values.isEmpty,
                                                       fetched: snapshot.map { "Hämtat \(KoladaValues.day($0.at)) (ögonblicksbild \($0.id))." })).response()
    }

}
