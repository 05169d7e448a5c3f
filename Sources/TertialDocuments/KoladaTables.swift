import Foundation
import TertialCore

/// An indicator compared through Kolada: the municipality's own value, its comparison municipalities,
/// their group's average and the country, per year — the same table on the page and in the reports.
public enum KoladaTables {
    public typealias Peers = KoladaPeers
    public typealias Value = KoladaValue

    /// The report's part: which snapshot of Kolada's values it was built from, and the tables.
    public struct ReportPart: Sendable, Hashable {
        public var snapshot: Int
        public var fetched: String
        public var tables: [Table]
        public init(snapshot: Int, fetched: String, tables: [Table]) { self.snapshot = snapshot; self.fetched = fetched; self.tables = tables }
    }

    /// The report's part for what the store gathered: a comparison table per linked indicator.
    public static func reportPart(_ comparisons: KoladaComparisons) -> ReportPart {
        ReportPart(snapshot: comparisons.snapshot, fetched: comparisons.fetched, tables: comparisons.items.map {
            comparison(kpi: $0.kpi, indicator: $0.indicator, peers: comparisons.peers, values: $0.values, names: comparisons.names)
        })
    }

    /// `names`: Kolada's names of the municipalities by code; a code without one prints as "Kommun 0560".
    public static func comparison(kpi: String, indicator: Indicator, peers: Peers, values: [Value], names: [String: String] = [:],
                                  lastYears: Int = 6) -> Table {
        let years = Array(Array(Set(values.map(\.year))).sorted().suffix(lastYears))
        func number(_ value: Decimal, decimals: Int) -> Cell {
            var cell = Cell(SwedishNumber.format(value, decimals: decimals))
            cell.number = value
            cell.decimals = decimals
            return cell
        }
        func given(_ v: Decimal) -> Int { "\(v)".split(separator: ".").dropFirst().first.map(\.count) ?? 0 }
        func row(_ label: String, _ code: String) -> Row {
            Row([Cell(label)] + years.map { year in
                values.first { $0.municipality == code && $0.year == year }.map { number($0.value, decimals: max(indicator.decimals, given($0.value))) } ?? Cell("")
            })
        }
        var rows = [row("\(peers.name) (\(peers.code))", peers.code)]
        for code in peers.comparisons where code != peers.code { rows.append(row(names[code] ?? "Kommun \(code)", code)) }
        if !peers.groupMembers.isEmpty {
            rows.append(Row([Cell("Medel \(peers.groupTitle ?? "jämförelsegrupp")")] + years.map { year in
                let members = values.filter { peers.groupMembers.contains($0.municipality) && $0.year == year }.map(\.value)
                return members.isEmpty ? Cell("") : number(members.reduce(0, +) / Decimal(members.count), decimals: max(indicator.decimals, 1))
            }))
        }
        rows.append(row("Riket", "0000"))
        return Table(name: "Kolada \(kpi)", caption: "\(indicator.name): egen kommun, jämförelsekommuner, gruppens medel och riket (Källa: Kolada)",
                     header: ["Kommun"] + years.map(String.init), numericColumns: Set(1...max(years.count, 1)), rows: rows)
    }

    /// The comparison as a line chart (Word's own chart, SVG in HTML and PDF), the country dashed, every
    /// figure in words in the description.
    public static func chart(_ table: Table, id: String) -> Chart {
        let categories = Array(table.header.dropFirst())
        let series = table.rows.map { row in Chart.Series(name: row.cells[0].text, values: row.cells.dropFirst().map(\.number), dashed: row.cells[0].text == "Riket") }
        let description = table.rows.map { row in
            row.cells[0].text + ": " + zip(categories, row.cells.dropFirst()).map { "\($0) \($1.text.isEmpty ? "inget värde" : $1.text)" }.joined(separator: ", ")
        }.joined(separator: "; ") + ". Källa: Kolada."
        let title = "Jämförelse: " + table.caption.components(separatedBy: ":").first!
        return Chart(title: title, description: description, categories: categories, series: series,
                     svg: LineChartSVG.svg(title: title, categories: categories, series: series, id: id))
    }
}
