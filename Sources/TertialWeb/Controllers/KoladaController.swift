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
    @Sendable static func comparison(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let plan = try await PlanController.readablePlan(req, facts)
        let document = plan
        guard let id = req.parameters.get("indicatorID"),
              let indicator = plan.goals.flatMap(\.indicators).first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let title = "Jämförelse: \(indicator.name)"
        var content: [Node<HTML.BodyContext>] = [.h1(.text(title))]
        guard indicator.source?.kind == .kolada, let kpi = indicator.source?.reference, !kpi.isEmpty else {
            content.append(.p(.text(indicator.source?.kind == .kolada
                ? "Indikatorns källa är Kolada, men nyckeltalets id är inte angivet. En planerare söker nyckeltalet och kopplar det under Ändra indikatorn."
                : "Indikatorn är inte kopplad till ett nyckeltal i Kolada. En planerare kopplar den under Ändra indikatorn (källa Kolada och nyckeltalets id).")))
            return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, title), context: req.pageContext, content: .div(.group(content))).response()
        }
        guard let settings = try await KoladaValues.settings(municipalityID: document.municipality.id, on: req.store) else {
            content.append(.p(.text("\(document.municipality.name) har ingen kommunkod i Kolada ännu. En administratör anger den och jämförelsekommunerna under kommunens inställningar.")))
            return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, title), context: req.pageContext, content: .div(.group(content))).response()
        }
        let values = try await KoladaValues.totals(kpi: kpi, municipalities: settings.all, on: req.store)
        let snapshot = try await KoladaValues.latestSnapshot(on: req.store)
        let table = KoladaTables.comparison(kpi: kpi, indicator: indicator, peers: settings.peers(name: document.municipality.name), values: values,
                                            names: try await KoladaValues.names(on: req.store))
        content.append(.p(.text("Nyckeltal \(kpi) i Kolada, totalt för kvinnor och män. ")))
        if table.rows.isEmpty || values.isEmpty {
            content.append(.p("Inga värden från Kolada är hämtade för nyckeltalet ännu (tertial kolada sync, eller en fil med tertial kolada import)."))
        } else {
            let chart = KoladaTables.chart(table, id: "kolada-\(indicator.id)")
            content.append(.element(named: "figure", nodes: [.class("chart"), .raw(chart.svg),
                .element(named: "figcaption", text: "\(indicator.name) – jämförelse per år. Källa: Kolada")]))
            content.append(EconomyController.fragment(.table(table), label: "Jämförelse"))
        }
        let fetched = snapshot.map { " Hämtat \(KoladaValues.day($0.at)) (ögonblicksbild \($0.id))." } ?? ""
        content.append(.p(.class("source"), .text("Källa: Kolada.\(fetched)")))
        return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, "Jämförelse"), context: req.pageContext, content: .div(.group(content))).response()
    }

}
