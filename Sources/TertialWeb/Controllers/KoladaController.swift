import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialInterchange
import TertialKolada
import TertialStore
import Vapor

/// An indicator linked to a Kolada KPI compared with the country: the municipality's own value, its
/// comparison municipalities, the group's average and Riket (0000), per year, as a table and a chart,
/// credited "Källa: Kolada" with the snapshot the values come from.
enum KoladaController {
    @Sendable static func comparison(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanController.readableDocument(req, facts)
        guard let id = req.parameters.get("indicatorID"),
              let indicator = document.goals.flatMap(\.indicators).first(where: { $0.id == id }) else { throw Abort(.notFound) }
        let plan = document.plan
        let title = "Jämförelse: \(indicator.name)"
        var content: [Node<HTML.BodyContext>] = [.h1(.text(title))]
        guard indicator.source?.kind == .kolada, let kpi = indicator.source?.reference, !kpi.isEmpty else {
            content.append(.p(.text(indicator.source?.kind == .kolada
                ? "Indikatorns källa är Kolada, men nyckeltalets id är inte angivet. En planerare söker nyckeltalet och kopplar det under Ändra indikatorn."
                : "Indikatorn är inte kopplad till ett nyckeltal i Kolada. En planerare kopplar den under Ändra indikatorn (källa Kolada och nyckeltalets id).")))
            return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, title), context: req.pageContext, content: .div(.group(content))).response()
        }
        guard let settings = try await KoladaValues.settings(municipalityID: document.municipality.id, on: req.db) else {
            content.append(.p(.text("\(document.municipality.name) har ingen kommunkod i Kolada ännu. En administratör anger den och jämförelsekommunerna under kommunens inställningar.")))
            return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, title), context: req.pageContext, content: .div(.group(content))).response()
        }
        let values = try await KoladaValues.values(kpi: kpi, municipalities: settings.all, on: req.db).filter { $0.gender == "T" }
        let snapshot = try await KoladaValues.latestSnapshot(on: req.db)
        let table = comparisonTable(kpi: kpi, indicator: indicator, settings: settings, values: values, ownName: document.municipality.name)
        content.append(.p(.text("Nyckeltal \(kpi) i Kolada, totalt för kvinnor och män. ")))
        if table.rows.isEmpty || values.isEmpty {
            content.append(.p("Inga värden från Kolada är hämtade för nyckeltalet ännu (tertial kolada sync, eller en fil med tertial kolada import)."))
        } else {
            let years = table.header.dropFirst().map { $0 }
            let series = table.rows.map { row in
                Chart.Series(name: row.cells[0].text, values: row.cells.dropFirst().map { $0.number }, dashed: row.cells[0].text == "Riket")
            }
            content.append(.element(named: "figure", nodes: [.class("chart"),
                .raw(LineChartSVG.svg(title: title, categories: years, series: series, id: "kolada-\(indicator.id)")),
                .element(named: "figcaption", text: "\(indicator.name) – jämförelse per år. Källa: Kolada")]))
            content.append(EconomyController.fragment(.table(table), label: "Jämförelse"))
        }
        let fetched = snapshot.map { " Hämtat \(Self.day($0.at)) (ögonblicksbild \($0.id))." } ?? ""
        content.append(.p(.class("source"), .text("Källa: Kolada.\(fetched)")))
        return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, "Jämförelse"), context: req.pageContext, content: .div(.group(content))).response()
    }

    /// How many decimals Kolada gave (82.1 → 1).
    static func decimals(_ value: Decimal) -> Int {
        let text = "\(value)"
        return text.split(separator: ".").dropFirst().first.map(\.count) ?? 0
    }

    static func day(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Stockholm")!, from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    static func number(_ value: Decimal, decimals: Int) -> Cell {
        var cell = Cell(SwedishNumber.format(value, decimals: decimals))
        cell.number = value
        cell.decimals = decimals
        return cell
    }

    static func comparisonTable(kpi: String, indicator: IndicatorRecord, settings: KoladaValues.Settings,
                                values: [(municipality: String, period: Int, gender: String, value: Decimal?)], ownName: String) -> TertialDocuments.Table {
        let years = Array(Set(values.map(\.period))).sorted().suffix(6)
        func row(_ label: String, _ code: String) -> Row? {
            let cells = years.map { year -> Cell in
                guard let v = values.first(where: { $0.municipality == code && $0.period == year })?.value else { return Cell("") }
                return number(v, decimals: max(indicator.decimals, Self.decimals(v)))
            }
            return Row([Cell(label)] + cells)
        }
        var rows: [Row] = []
        if let own = row("\(ownName) (\(settings.code))", settings.code) { rows.append(own) }
        for code in settings.comparisons where code != settings.code { if let r = row("Kommun \(code)", code) { rows.append(r) } }
        if !settings.groupMembers.isEmpty {
            let cells = years.map { year -> Cell in
                let members = values.filter { settings.groupMembers.contains($0.municipality) && $0.period == year }.compactMap(\.value)
                guard !members.isEmpty else { return Cell("") }
                return number(members.reduce(0, +) / Decimal(members.count), decimals: max(indicator.decimals, 1))
            }
            rows.append(Row([Cell("Medel \(settings.groupTitle ?? settings.groupID ?? "jämförelsegrupp")")] + cells))
        }
        if let country = row("Riket", "0000") { rows.append(country) }
        return TertialDocuments.Table(name: "Kolada \(kpi)", caption: "\(indicator.name): egen kommun, jämförelsekommuner, gruppens medel och riket (Källa: Kolada)",
                     header: ["Kommun"] + years.map(String.init), numericColumns: Set(1...max(years.count, 1)), rows: rows)
    }
}
