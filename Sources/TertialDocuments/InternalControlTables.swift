import Foundation
import TertialCore

/// The tables and the risk matrix of a committee's internal control, the same on the web pages and in
/// the documents: the scale as a legend, the matrix with each risk in its cell (colour and words), the
/// control plan in each municipality's layout, the results of a year's occasions and what is overdue.
public enum InternalControlTables {
    /// How a municipality prints its internal control plan.
    public enum Layout: Hashable, Sendable {
        /// Mark: a table per area — process, risk, likelihood and consequence in words, value, control, follow-up.
        case byArea
        /// Söderköping: one table of controls — area/process, control, responsible, frequency, method, reported to, value.
        case controls
        /// Everything Tertial holds, for any other municipality.
        case full
    }

    /// The scale as Mark prints it: each step's number with its likelihood and consequence label, highest first.
    public static func scaleLegend(_ scale: RiskScale) -> Table {
        let steps = max(scale.likelihood.count, scale.consequence.count)
        var rows: [Row] = []
        for n in (1...steps).reversed() {
            let likelihood = label(scale.likelihood, n), consequence = label(scale.consequence, n)
            rows.append(Row([Cell(String(n)), Cell(likelihood), Cell(consequence)]))
        }
        return Table(name: "Riskmatris", caption: "Riskmatris", header: ["", "Sannolikhet", scale.consequenceName], numericColumns: [], rows: rows)
    }

    /// Long headings of narrow columns with a soft hyphen where Word may break them ("Sanno-likhet")
    /// instead of anywhere: the risk tables have seven columns on a portrait page.
    static func soft(_ heading: String) -> String {
        let breaks = ["Huvudprocess": "Huvud\u{AD}process", "Sannolikhet": "Sanno\u{AD}likhet", "Väsentlighet": "Väsent\u{AD}lighet",
                      "Konsekvens": "Konse\u{AD}kvens", "Riskvärde": "Risk\u{AD}värde", "Kontrollmoment": "Kontroll\u{AD}moment",
                      "Uppföljning": "Upp\u{AD}följning", "Riskbedömning": "Risk\u{AD}bedömning", "Kontrollansvarig": "Kontroll\u{AD}ansvarig"]
        return breaks[heading] ?? heading
    }

    /// "3 Möjlig", or "3" where the step's label is its number (Söderköping names no steps).
    static func step(_ steps: [String], _ n: Int) -> String {
        let label = steps.indices.contains(n - 1) ? steps[n - 1] : ""
        return label == String(n) || label.isEmpty ? String(n) : "\(n) \(label)"
    }

    static func label(_ steps: [String], _ level: Int?) -> String {
        guard let level, steps.indices.contains(level - 1) else { return "" }
        return steps[level - 1]
    }

    /// The control plan: the risks in the plan (at or above the threshold, or taken in with a motivation).
    /// `byArea` gives one table per area, in the order the areas first appear.
    public static func controlPlan(_ control: InternalControl, layout: Layout) -> [(area: String?, table: Table)] {
        let risks = control.plannedRisks
        let scale = control.scale
        switch layout {
        case .byArea:
            var areas: [String?] = []
            for risk in risks where !areas.contains(risk.area) { areas.append(risk.area) }
            return areas.map { area in
                var previous: String?
                let rows: [Row] = risks.filter { $0.area == area }.flatMap { risk -> [Row] in
                    let process = risk.process == previous ? "" : risk.process
                    previous = risk.process
                    let controls = risk.controls.isEmpty ? [Control(id: "", control: "")] : risk.controls
                    return controls.enumerated().map { i, c in
                        Row([Cell(i == 0 ? process : ""), Cell(i == 0 ? risk.risk ?? "" : ""), Cell(i == 0 ? label(scale.likelihood, risk.likelihood) : ""),
                             Cell(i == 0 ? label(scale.consequence, risk.consequence) : ""), valueCell(risk, scale, show: i == 0),
                             Cell(c.control), Cell(c.followUp ?? "")])
                    }
                }
                return (area, Table(name: area ?? "Internkontrollplan", caption: area.map { "Internkontrollplan: \($0)" } ?? "Internkontrollplan",
                                    header: ["Huvudprocess", "Risker", "Sannolikhet", scale.consequenceName, "Riskvärde", "Kontrollmoment", "Uppföljning"].map(soft),
                                    numericColumns: [4], rows: rows).droppingEmptyColumns([6]))
            }
        case .controls:
            let rows = risks.flatMap { risk -> [Row] in
                (risk.controls.isEmpty ? [Control(id: "", control: "")] : risk.controls).map { c in
                    Row([Cell(risk.process), Cell(c.control), Cell(c.responsible ?? ""), Cell(c.frequencyText ?? ""), Cell(c.method ?? ""),
                         Cell(c.reportedTo ?? ""), valueCell(risk, scale, show: true)])
                }
            }
            return [(nil, Table(name: "Internkontrollplan", caption: "Internkontrollplan \(control.year)",
                                header: ["Riskområde/Process", "Kontrollmoment", "Kontrollansvarig", "Frekvens", "Metod", "Rapportering till", "Riskbedömning"].map(soft),
                                numericColumns: [6], rows: rows).droppingEmptyColumns([2, 3, 4, 5]))]
        case .full:
            let rows = risks.flatMap { risk -> [Row] in
                (risk.controls.isEmpty ? [Control(id: "", control: "")] : risk.controls).enumerated().map { i, c in
                    Row([Cell(i == 0 ? [risk.area, risk.process].compactMap { $0 }.joined(separator: ": ") : ""), Cell(i == 0 ? risk.risk ?? "" : "",
                                                                                                                       detail: i == 0 ? motivation(risk, scale) : nil),
                         Cell(i == 0 ? label(scale.likelihood, risk.likelihood) : ""), Cell(i == 0 ? label(scale.consequence, risk.consequence) : ""),
                         valueCell(risk, scale, show: i == 0), Cell(c.control), Cell(c.responsible ?? ""), Cell(c.frequencyText ?? ""),
                         Cell(c.method ?? ""), Cell(c.reportedTo ?? "")])
                }
            }
            return [(nil, Table(name: "Internkontrollplan", caption: "Internkontrollplan \(control.year)",
                                header: ["Process", "Risk", "Sannolikhet", scale.consequenceName, "Riskvärde", "Kontrollmoment", "Ansvarig", "Frekvens", "Metod",
                                         "Rapporteras till"].map(soft),
                                numericColumns: [4], rows: rows).droppingEmptyColumns([6, 7, 8, 9]))]
        }
    }

    static func valueCell(_ risk: Risk, _ scale: RiskScale, show: Bool) -> Cell {
        guard show, let value = risk.value else { return Cell("") }
        var cell = Cell(String(value))
        cell.number = Decimal(value)
        return cell
    }

    static func motivation(_ risk: Risk, _ scale: RiskScale) -> String? {
        guard (risk.value ?? 0) < scale.threshold, risk.includedBelowThreshold, let text = risk.motivation else { return nil }
        return "Under gränsen \(scale.threshold), med i planen: \(text)"
    }

    /// The risk analysis: every risk with its value, band and whether it is in the plan (and why).
    public static func riskAnalysis(_ control: InternalControl) -> Table {
        let scale = control.scale
        return Table(name: "Riskanalys", caption: "Riskanalys \(control.year) – gräns för internkontrollplanen: riskvärde \(scale.threshold)",
                     header: ["Nr", "Process", "Risk", "Sannolikhet", scale.consequenceName, "Riskvärde", "Nivå", "I planen"], numericColumns: [5],
                     rows: control.risks.enumerated().map { i, risk in
                         let inPlan = risk.isInPlan(scale)
                         let why = (risk.value ?? 0) >= scale.threshold ? "Ja" : inPlan ? "Ja, med motivering: \(risk.motivation ?? "")" : "Nej"
                         return Row([Cell("R\(i + 1)"), Cell([risk.area, risk.process].compactMap { $0 }.joined(separator: ": ")), Cell(risk.risk ?? ""),
                                     Cell(label(scale.likelihood, risk.likelihood)), Cell(label(scale.consequence, risk.consequence)),
                                     valueCell(risk, scale, show: true), Cell(risk.value.map { scale.band(of: $0).label } ?? ""), Cell(why)])
                     })
    }

    /// Hex colours of the bands; the band's name is always written beside.
    public static func colour(_ band: RiskBand) -> String {
        switch band {
        case .low: "CFE8D5"
        case .medium: "FFF1B8"
        case .high: "F9C58D"
        case .veryHigh: "F2A0A0"
        }
    }

    /// The risk matrix as a figure: SVG for HTML and PDF, a shaded table for Word. Rows are likelihood
    /// (highest first), columns consequence; each cell says its value and band and names its risks (R1 …).
    public static func matrix(_ control: InternalControl) -> Figure {
        let scale = control.scale
        let numbered = Array(control.risks.enumerated())
        func risks(_ l: Int, _ c: Int) -> [String] { numbered.filter { $0.element.likelihood == l && $0.element.consequence == c }.map { "R\($0.offset + 1)" } }
        let rows = (1...scale.likelihood.count).reversed().map { l in
            Row([Cell(step(scale.likelihood, l))] + (1...scale.consequence.count).map { c in
                let value = l * c, band = scale.band(of: value)
                let names = risks(l, c)
                return Cell("\(value) \(band.label)" + (names.isEmpty ? "" : ": " + names.joined(separator: ", ")), fill: colour(band))
            })
        }
        let table = Table(name: "Riskmatris", caption: "Riskmatris \(control.year): sannolikhet × \(scale.consequenceName.lowercased())",
                          header: ["Sannolikhet"] + (1...scale.consequence.count).map { step(scale.consequence, $0) }, numericColumns: [], rows: rows)
        let placed = numbered.filter { $0.element.likelihood != nil && $0.element.consequence != nil }
        let description = "Riskmatris med \(scale.likelihood.count) steg sannolikhet och \(scale.consequence.count) steg \(scale.consequenceName.lowercased()). "
            + (placed.isEmpty ? "Inga risker har bedömts med sannolikhet och \(scale.consequenceName.lowercased())."
               : placed.map { i, r in "R\(i + 1) \(r.process): \(label(scale.likelihood, r.likelihood)), \(label(scale.consequence, r.consequence)), riskvärde \(r.value ?? 0)" }
                   .joined(separator: "; ") + ".")
        return Figure(title: table.caption, description: description, svg: matrixSVG(control, description: description), table: table)
    }

    static func matrixSVG(_ control: InternalControl, description: String) -> String {
        let scale = control.scale
        let cellW = 118, cellH = 64, left = 150, top = 30
        let columns = scale.consequence.count, rows = scale.likelihood.count
        let width = left + columns * cellW + 10, height = top + rows * cellH + 70
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"rm-title rm-desc\">"
        svg += "<title id=\"rm-title\">\("Riskmatris \(control.year)".xml)</title><desc id=\"rm-desc\">\(description.xml)</desc>"
        svg += "<text x=\"\(left + columns * cellW / 2)\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" font-family=\"sans-serif\">\(scale.consequenceName.xml)</text>"
        let numbered = Array(control.risks.enumerated())
        for (r, l) in (1...rows).reversed().enumerated() {
            let y = top + r * cellH
            svg += "<text x=\"\(left - 8)\" y=\"\(y + cellH / 2 + 4)\" text-anchor=\"end\" font-size=\"12\" font-family=\"sans-serif\">\(step(scale.likelihood, l).xml)</text>"
            for c in 1...columns {
                let x = left + (c - 1) * cellW
                let value = l * c, band = scale.band(of: value)
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellW)\" height=\"\(cellH)\" fill=\"#\(colour(band))\" stroke=\"#4a4a4a\" stroke-width=\"1\"/>"
                svg += "<text x=\"\(x + 6)\" y=\"\(y + 16)\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#1a1a1a\">\(value) \(band.label.xml)</text>"
                let names = numbered.filter { $0.element.likelihood == l && $0.element.consequence == c }.map { "R\($0.offset + 1)" }
                if !names.isEmpty {
                    svg += "<text x=\"\(x + cellW / 2)\" y=\"\(y + 42)\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" font-family=\"sans-serif\" fill=\"#1a1a1a\">\(names.joined(separator: ", ").xml)</text>"
                }
            }
        }
        let bottom = top + rows * cellH
        for c in 1...columns {
            svg += "<text x=\"\(left + (c - 1) * cellW + cellW / 2)\" y=\"\(bottom + 16)\" text-anchor=\"middle\" font-size=\"12\" font-family=\"sans-serif\">\(step(scale.consequence, c).xml)</text>"
        }
        svg += "<text x=\"10\" y=\"\(top + 12)\" font-size=\"13\" font-weight=\"bold\" font-family=\"sans-serif\">Sannolikhet</text>"
        var x = left
        for band in RiskBand.allCases {
            svg += "<rect x=\"\(x)\" y=\"\(bottom + 34)\" width=\"16\" height=\"16\" fill=\"#\(colour(band))\" stroke=\"#4a4a4a\"/>"
            svg += "<text x=\"\(x + 22)\" y=\"\(bottom + 47)\" font-size=\"12\" font-family=\"sans-serif\">\(band.label.xml)</text>"
            x += 110
        }
        return svg + "</svg>"
    }

    /// The year's control results through `through` (a report's period end), with the occasions that
    /// have passed without a result marked as overdue.
    public static func results(_ control: InternalControl, through: Day) -> Table {
        var rows: [Row] = []
        for risk in control.plannedRisks {
            for c in risk.controls {
                let occasions = (c.frequency?.occasions(in: control.year) ?? []).filter { $0 <= through }
                let reported = c.results.filter { $0.occasion <= through }
                let days = Set(occasions).union(reported.map(\.occasion)).sorted()
                for day in days {
                    if let r = reported.first(where: { $0.occasion == day }) {
                        rows.append(Row([Cell(c.control), Cell(day.description), Cell("\(r.status.symbol) \(r.status.label)"), Cell(r.findings ?? ""), Cell(r.measures ?? "")]))
                    } else {
                        rows.append(Row([Cell(c.control), Cell(day.description), Cell("▲ Försenad: inget resultat"), Cell(""), Cell("")]))
                    }
                }
            }
        }
        return Table(name: "Kontrollresultat", caption: "Resultat av internkontrollen till och med \(through)",
                     header: ["Kontrollmoment", "Tillfälle", "Resultat", "Avvikelser", "Åtgärder"], numericColumns: [], rows: rows)
    }
}
