import Plot
import TertialCore
import TertialDocuments
import Vapor

/// The pages of `KoladaController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension KoladaController {
    /// An indicator compared with other municipalities and the country, or why it cannot be.
    static func page(_ req: Request, _ plan: Plan, _ indicator: Indicator, _ comparison: Comparison) -> PageShell {
        let title = "Jämförelse: \(indicator.name)"
        var content: [Node<HTML.BodyContext>] = [.h1(.text(title))]
        switch comparison {
        case .notLinked(let sourceIsKolada):
            content.append(.p(.text(sourceIsKolada
                ? "Indikatorns källa är Kolada, men nyckeltalets id är inte angivet. En planerare söker nyckeltalet och kopplar det under Ändra indikatorn."
                : "Indikatorn är inte kopplad till ett nyckeltal i Kolada. En planerare kopplar den under Ändra indikatorn (källa Kolada och nyckeltalets id).")))
            return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, title), context: req.pageContext, content: .div(.group(content)))
        case .noMunicipalityCode:
            content.append(.p(.text("\(plan.municipality.name) har ingen kommunkod i Kolada ännu. En administratör anger den och jämförelsekommunerna under kommunens inställningar.")))
            return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, title), context: req.pageContext, content: .div(.group(content)))
        case .comparison(let kpi, let table, let hasValues, let fetched):
            content.append(.p(.text("Nyckeltal \(kpi) i Kolada, totalt för kvinnor och män. ")))
            if table.rows.isEmpty || !hasValues {
                content.append(.p("Inga värden från Kolada är hämtade för nyckeltalet ännu (tertial kolada sync, eller en fil med tertial kolada import)."))
            } else {
                let chart = KoladaTables.chart(table, id: "kolada-\(indicator.id)")
                content.append(.element(named: "figure", nodes: [.class("chart"), .raw(chart.svg),
                    .element(named: "figcaption", text: "\(indicator.name) – jämförelse per år. Källa: Kolada")]))
                content.append(EconomyController.fragment(.table(table), label: "Jämförelse"))
            }
            content.append(.p(.class("source"), .text("Källa: Kolada." + (fetched.map { " " + $0 } ?? ""))))
            return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, "Jämförelse"), context: req.pageContext, content: .div(.group(content)))
        }
    }
}
