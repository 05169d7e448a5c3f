import Foundation
import TertialCore

/// The economy of a plan as document tables, laid out as each municipality prints them: the budget's
/// lines, its computed totals (never typed), the frame, investments, volumes and personnel figures.
/// Used by the plan documents and by the web pages, so the screen and the paper show the same cells.
public enum EconomyTables {
    static func amount(_ value: Decimal?, _ style: AmountStyle) -> Cell {
        var cell = Cell(style.format(value))
        if let value { cell.number = value; cell.decimals = style.decimals }
        return cell
    }

    static func filler(_ label: String, _ count: Int) -> Row { Row([Cell(label)] + Array(repeating: Cell(""), count: count)) }

    /// The operating budget: header, an optional unit row, per section a title row, its lines, the
    /// total and the gross "varav" lines, then the frame row. The total is the one the committee
    /// adopted where the plan states it (Söderköping's − 284 000 for 2021, whose lines add up to
    /// − 284 001): the adopted document is what was decided; the difference is a check under the
    /// table, never a replacement. Where the plan states none, the total is computed from the lines.
    public static func operatingBudget(_ budget: OperatingBudget, name: String) -> Table {
        let style = budget.layout.style
        let width = budget.columns.count
        var rows: [Row] = []
        if let unitRow = budget.layout.unitRow { rows.append(filler(unitRow, width)) }
        for section in budget.sections {
            if let title = section.title { rows.append(filler(title, width)) }
            for line in section.lines where !line.role.printsUnderTotal {
                var row = Row([Cell(line.name)] + budget.columns.map { amount(line.amounts[$0], line.style(in: style)) })
                if case .part = line.role { row.isSubRow = true }
                rows.append(row)
            }
            rows.append(Row([Cell(section.totalLabel)] + budget.columns.map { column in
                budget.showsTotal(column) ? amount(section.printedTotals[column] ?? budget.total(section, column), style) : Cell("")
            }, isTotal: true))
            // The gross varav lines, then the differences the plan states, as printed.
            for line in section.lines where line.role.printsUnderTotal {
                rows.append(Row([Cell(line.name)] + budget.columns.map { amount(line.amounts[$0], line.style(in: style)) }, isSubRow: line.role != .deviation))
            }
        }
        if let label = budget.layout.frameLabel {
            rows.append(Row([Cell(label)] + budget.columns.map { amount(budget.frame[$0], style) }))
        }
        return Table(name: name, caption: "\(budget.layout.title), \(budget.unit.label)", header: [budget.layout.heading] + budget.columns.map(\.printedHeading),
                     numericColumns: Set(1...max(width, 1)), rows: rows)
    }

    /// Linköping's "Ekonomi, belopp tkr": the net cost, its gross costs and income, and net investments
    /// for the budget year and the plan years, all taken from the tables they summarise.
    public static func summary(_ budget: OperatingBudget, investments: InvestmentBudget?, fromYear: Int, heading: String) -> Table {
        let style = budget.layout.style
        let columns = budget.columns.filter { $0.year >= fromYear && $0.kind != .outcome && $0.kind != .forecast && $0.kind.isAmount }
        let section = budget.sections[0]
        var rows = [Row([Cell("Verksamhetens nettokostnader")] + columns.map { amount(budget.printedOrComputedNetCost($0), style) }, isTotal: true)]
        if section.lines.contains(where: { $0.role == .ofWhichCosts }) {
            rows.append(Row([Cell("varav kostnader")] + columns.map { amount(budget.ofWhich(.ofWhichCosts, section, $0), style) }, isSubRow: true))
        }
        if section.lines.contains(where: { $0.role == .ofWhichIncome }) {
            rows.append(Row([Cell("varav intäkter")] + columns.map { amount(budget.ofWhich(.ofWhichIncome, section, $0), style) }, isSubRow: true))
        }
        if let investments {
            rows.append(Row([Cell("Investeringar, netto")] + columns.map { amount(investments.printedOrComputedTotal($0.year), investments.layout.style) }))
        }
        return Table(name: "Ekonomi", caption: heading, header: [heading] + columns.map(\.printedHeading), numericColumns: Set(1...max(columns.count, 1)), rows: rows)
    }

    /// A summary table as the plan states it: its rows and figures as adopted (the differences from the
    /// tables it summarises are printed beside it, never in place of it).
    public static func summary(_ summary: EconomySummary) -> Table {
        let rows = summary.rows.map { row in
            Row([Cell(row.label)] + summary.columns.map { amount(row.amounts[$0], summary.style) },
                isSubRow: row.role == .costs || row.role == .income, isTotal: row.role == .netCost)
        }
        return Table(name: "Ekonomi", caption: summary.heading, header: [summary.heading] + summary.columns.map(\.printedHeading),
                     numericColumns: Set(1...max(summary.columns.count, 1)), rows: rows)
    }

    public static func investments(_ budget: InvestmentBudget, name: String) -> Table {
        let style = budget.layout.style
        var rows: [Row] = []
        let frameRow = budget.layout.frameLabel.map { label in Row([Cell(label)] + budget.columns.map { amount(budget.frame($0), style) }) }
        if budget.layout.frameFirst, let frameRow { rows.append(frameRow) }
        // Grouped as the plan prints them (completed, ongoing projects), each group with its subtotal.
        var groups: [String?] = []
        for investment in budget.investments where !groups.contains(investment.group) { groups.append(investment.group) }
        for group in groups {
            let members = budget.investments.filter { $0.group == group }
            if let group { rows.append(filler(group, budget.columns.count)) }
            for investment in members {
                rows.append(Row([Cell(investment.name)] + budget.columns.map { amount(budget.amount(investment, $0), style) }, isSubRow: group != nil))
            }
            if let group {
                rows.append(Row([Cell("Summa \(group.lowercasedFirst)")] + budget.columns.map { column in
                    let amounts = members.compactMap { budget.amount($0, column) }
                    return amount(amounts.isEmpty ? nil : amounts.reduce(0, +), style)
                }, isTotal: true))
            }
        }
        if let label = budget.layout.totalLabel {
            // As adopted where the plan states it; the difference from the lines is a check under the table.
            rows.append(Row([Cell(label)] + budget.columns.map { amount(budget.printedOrComputedTotal($0), style) }, isTotal: true))
        }
        if let label = budget.layout.incomeLabel {
            rows.append(Row([Cell(label)] + budget.columns.map { amount(budget.income($0), style) }, isSubRow: true))
        }
        if let label = budget.layout.spendingLabel {
            rows.append(Row([Cell(label)] + budget.columns.map { column in
                guard let total = budget.total(column) else { return amount(nil, style) }
                return amount(total - (budget.income(column) ?? 0), style)
            }, isSubRow: true))
        }
        if !budget.layout.frameFirst, let frameRow { rows.append(frameRow) }
        return Table(name: name, caption: "\(budget.layout.title), \(budget.unit.label)", header: [budget.layout.heading] + budget.columns.map(\.heading),
                     numericColumns: Set(1...max(budget.columns.count, 1)), rows: rows)
    }

    /// Volumes or personnel figures: a row per group heading, the measures under it with their
    /// footnote markers, values as printed.
    public static func volumes(_ table: VolumeTable) -> Table {
        var rows: [Row] = []
        var group: String?
        for measure in table.measures {
            if let g = measure.group, g != group { rows.append(filler(g, table.columns.count)) }
            group = measure.group
            let name = table.marker(of: measure).map { "\(measure.name) \($0)" } ?? measure.name
            rows.append(Row([Cell(name)] + table.columns.map { Cell.value(measure.values[$0] ?? "") }))
        }
        return Table(name: table.title, caption: table.title, header: [table.heading] + table.columns.map(\.printedHeading),
                     numericColumns: Set(1...max(table.columns.count, 1)), rows: rows)
    }

    /// The committee's follow-up by month: the year's budget, outcome to date, full-year forecast and
    /// the forecast deviation (budget minus forecast for positive costs: negative is a feared overspend).
    public static func followUpOverview(_ economy: Economy, budgetID: String, year: Int) -> Table {
        let budget = economy.budget(budgetID)!
        let style = budget.layout.style
        let rows = economy.overview(budgetID: budgetID, year: year).map { entry in
            Row([Cell("\(SwedishMonth.name(entry.month).capitalized) \(year)"), amount(entry.budget, style), amount(entry.outcomeToDate, style),
                 amount(entry.forecast, style),
                 amount(entry.forecast.map { MonthlyFollowUp(lineID: "", year: year, month: entry.month, annualBudget: entry.budget, outcomeToDate: 0, forecast: $0)
                     .deviation(sign: budget.sign) }, style)])
        }
        return Table(name: "Uppföljning \(year)", caption: "\(budget.layout.title): uppföljning per månad \(year), \(budget.unit.label)",
                     header: ["Månad", "Budget \(year)", "Utfall hittills", "Helårsprognos", "Avvikelse mot budget"], numericColumns: [1, 2, 3, 4], rows: rows)
    }

    /// The economy of a follow-up report: per budget line the year's budget, the outcome to date and
    /// full-year forecast of the latest month followed up by `throughMonth`, the deviation and the
    /// measures taken; the total computed. Nil when nothing is followed up by then.
    public static func followUpReport(_ economy: Economy, budgetID: String, year: Int, throughMonth: Int) -> (month: Int, table: Table)? {
        guard let budget = economy.budget(budgetID),
              let month = economy.followUps.filter({ $0.budgetID == budgetID && $0.year == year && $0.month <= throughMonth }).map(\.month).max() else { return nil }
        let style = budget.layout.style
        let rows = economy.monthlyFollowUp(budgetID: budgetID, year: year, month: month)
        var table: [Row] = rows.map { row in
            let deviation = row.entry?.forecast.flatMap { f in row.budget.map {
                MonthlyFollowUp(lineID: row.line.id, year: year, month: month, annualBudget: $0, outcomeToDate: 0, forecast: f).deviation(sign: budget.sign) } }
            return Row([Cell(row.line.name), amount(row.budget, style), amount(row.entry?.outcomeToDate, style), amount(row.entry?.forecast, style),
                        amount(deviation, style), Cell(row.entry?.comment ?? "")])
        }
        if let overview = economy.overview(budgetID: budgetID, year: year).first(where: { $0.month == month }) {
            let deviation = overview.forecast.map { MonthlyFollowUp(lineID: "", year: year, month: month, annualBudget: overview.budget, outcomeToDate: 0, forecast: $0).deviation(sign: budget.sign) }
            table.append(Row([Cell("Summa"), amount(overview.budget, style), amount(overview.outcomeToDate, style), amount(overview.forecast, style),
                              amount(deviation, style), Cell("")], isTotal: true))
        }
        let name = SwedishMonth.name(month)
        return (month, Table(name: "Ekonomi \(name) \(year)", caption: "\(budget.layout.title): utfall och prognos \(name) \(year), \(budget.unit.label)",
                             header: ["Verksamhet", "Budget \(year)", "Utfall t.o.m. \(name)", "Helårsprognos", "Avvikelse mot budget", "Åtgärder"],
                             numericColumns: [1, 2, 3, 4], rows: table))
    }

    /// The premises plan's needs as Mark prints them.
    public static func frameTransfers(_ transfers: [FrameTransfer], unitNames: [String: String]) -> Table {
        Table(name: "Ramöverföringar", caption: "Ramöverföringar mellan nämnder", header: ["Från", "Till", "Belopp", "Från och med", "Avser"],
              numericColumns: [2, 3], rows: transfers.map { t in
                  Row([Cell(unitNames[t.fromUnitID] ?? t.fromUnitID), Cell(unitNames[t.toUnitID] ?? t.toUnitID),
                       amount(t.amount, AmountStyle()).withText("\(SwedishNumber.format(t.amount)) \(t.unit.label)"), Cell(String(t.fromYear)), Cell(t.text)])
              })
    }

    /// Net cost per activity and column ("Nämndens verksamheter, nettokostnader …"), as positive
    /// costs whatever the sign convention: the lines the committee binds its budget at, and the
    /// columns up to and including the budget year.
    public static func chart(_ budget: OperatingBudget, throughYear: Int, id: String) -> Chart? {
        let lines = budget.followedUpLines.filter { $0.role == .activity }
        let columns = budget.columns.filter { $0.year <= throughYear && $0.kind.isAmount }
        guard !lines.isEmpty, !columns.isEmpty else { return nil }
        // As the table beside it prints them: a budget that writes costs negative draws them negative.
        let factor: Decimal = 1
        let series = columns.map { column in Chart.Series(name: column.printedHeading, values: lines.map { $0.amounts[column].map { $0 * factor } }, dashed: false) }
        let title = "Nettokostnad per verksamhet, \(budget.unit.label)"
        let description = lines.map { line in
            "\(line.name): " + columns.compactMap { column in line.amounts[column].map { "\(column.printedHeading) \(SwedishNumber.format($0 * factor, decimals: budget.layout.style.decimals))" } }
                .joined(separator: ", ")
        }.joined(separator: ". ") + "."
        let svg = BarChartSVG.svg(title: title, description: description, categories: lines.map(\.name), series: series, id: id)
        return Chart(title: title, description: description, categories: lines.map(\.name), series: series, svg: svg, kind: .bar)
    }
}

extension Cell {
    func withText(_ text: String) -> Cell { var copy = self; copy.text = text; return copy }
}

/// Grouped horizontal bars as SVG (activity names are long): presentation attributes only (the CSP
/// forbids inline style and script), a legend, and every figure in words in the description.
enum BarChartSVG {
    static let palette = ["#8a9499", "#5b8db8", "#0b5a8a", "#1e6b34", "#8a5a00", "#8a3b8f"]

    static func svg(title: String, description: String, categories: [String], series: [Chart.Series], id rawID: String) -> String {
        let id = rawID.attributeEscaped
        let barHeight = 9.0, groupGap = 10.0
        let groupHeight = barHeight * Double(max(series.count, 1)) + groupGap
        let width = 640.0, left = 230.0, right = 24.0, top = 8.0, axis = 22.0, legend = 24.0
        let height = top + groupHeight * Double(categories.count) + axis + legend
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let (minX, maxX, tick) = NiceScale.scale(min: NSDecimalNumber(decimal: min(values.min() ?? 0, 0)).doubleValue,
                                                 max: NSDecimalNumber(decimal: max(values.max() ?? 1, 0)).doubleValue)
        let span = max(maxX - minX, 1)
        let ticks = Int((span / tick).rounded())
        func x(_ v: Double) -> Double { left + (v - minX) / span * (width - left - right) }
        let plotBottom = top + groupHeight * Double(categories.count)
        var parts: [String] = []
        for step in 0...ticks {
            let v = minX + tick * Double(step)
            parts.append("<line x1=\"\(x(v))\" y1=\"\(top)\" x2=\"\(x(v))\" y2=\"\(plotBottom)\" stroke=\"#ddd\"/>")
            parts.append("<text x=\"\(x(v))\" y=\"\(plotBottom + 14)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">"
                         + "\(SwedishNumber.format(Decimal(v.rounded())).attributeEscaped)</text>")
        }
        parts.append("<line x1=\"\(x(0))\" y1=\"\(top)\" x2=\"\(x(0))\" y2=\"\(plotBottom)\" stroke=\"#444\"/>")
        for (c, category) in categories.enumerated() {
            let y0 = top + Double(c) * groupHeight + groupGap / 2
            let short = category.shortened(to: 38)
            parts.append("<text x=\"\(left - 6)\" y=\"\(y0 + groupHeight / 2 - 2)\" text-anchor=\"end\" font-size=\"11\" fill=\"#222\">\(short.attributeEscaped)</text>")
            for (s, serie) in series.enumerated() {
                guard let value = serie.values[c] else { continue }
                let v = NSDecimalNumber(decimal: value).doubleValue
                parts.append("<rect x=\"\(min(x(v), x(0)))\" y=\"\(y0 + Double(s) * barHeight)\" width=\"\(abs(x(v) - x(0)))\" height=\"\(barHeight - 1)\" "
                             + "fill=\"\(palette[s % palette.count])\"><title>\("\(category), \(serie.name): \(SwedishNumber.format(value))".attributeEscaped)</title></rect>")
            }
        }
        for (s, serie) in series.enumerated() {
            let lx = left + Double(s) * 140
            parts.append("<rect x=\"\(lx)\" y=\"\(height - 16)\" width=\"12\" height=\"12\" fill=\"\(palette[s % palette.count])\"/>"
                         + "<text x=\"\(lx + 16)\" y=\"\(height - 6)\" font-size=\"11\" fill=\"#333\">\(serie.name.attributeEscaped)</text>")
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" role="img" \
        aria-labelledby="\(id)-t \(id)-d" class="chart"><title id="\(id)-t">\(title.attributeEscaped)</title>\
        <desc id="\(id)-d">\(description.attributeEscaped)</desc>\(parts.joined())</svg>
        """
    }
}

/// Lines over categories (months) as SVG: solid for figures, dashed for a reference (the budget),
/// every figure in words in the description.
public enum LineChartSVG {
    static let palette = ["#0b5a8a", "#8a5a00", "#1e6b34", "#8a3b8f"]

    public static func svg(title: String, categories: [String], series: [Chart.Series], id rawID: String) -> String {
        let id = rawID.attributeEscaped
        let width = 640.0, height = 260.0, left = 80.0, right = 16.0, top = 12.0, bottom = 52.0
        let values = series.flatMap { $0.values.compactMap { $0 } }.map { NSDecimalNumber(decimal: $0).doubleValue }
        let (low, high, tick) = NiceScale.scale(min: min(values.min() ?? 0, 0), max: max(values.max() ?? 1, 0))
        func x(_ i: Int) -> Double { left + (width - left - right) * (categories.count <= 1 ? 0.5 : Double(i) / Double(categories.count - 1)) }
        func y(_ v: Double) -> Double { top + (high - v) / (high - low) * (height - top - bottom) }
        var parts: [String] = []
        for step in 0...Int(((high - low) / tick).rounded()) {
            let v = low + tick * Double(step)
            parts.append("<line x1=\"\(left)\" y1=\"\(y(v))\" x2=\"\(width - right)\" y2=\"\(y(v))\" stroke=\"#ddd\"/>"
                         + "<text x=\"\(left - 6)\" y=\"\(y(v) + 4)\" text-anchor=\"end\" font-size=\"10\" fill=\"#333\">\(SwedishNumber.format(Decimal(v.rounded())).attributeEscaped)</text>")
        }
        for (i, category) in categories.enumerated() {
            parts.append("<text x=\"\(x(i))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">\(category.attributeEscaped)</text>")
        }
        var sentences: [String] = []
        for (s, serie) in series.enumerated() {
            let colour = palette[s % palette.count]
            let points = serie.values.enumerated().compactMap { i, v in v.map { (i, NSDecimalNumber(decimal: $0).doubleValue) } }
            if points.count > 1 {
                parts.append("<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(serie.dashed ? " stroke-dasharray=\"6 4\"" : "") points=\""
                             + points.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ") + "\"/>")
            }
            for (i, v) in points {
                parts.append("<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"3.5\" fill=\"\(serie.dashed ? "#fff" : colour)\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>")
            }
            let lx = left + Double(s) * 170
            parts.append("<line x1=\"\(lx)\" y1=\"\(height - 12)\" x2=\"\(lx + 18)\" y2=\"\(height - 12)\" stroke=\"\(colour)\" stroke-width=\"2\"\(serie.dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
                         + "<text x=\"\(lx + 22)\" y=\"\(height - 8)\" font-size=\"11\" fill=\"#333\">\(serie.name.attributeEscaped)</text>")
            let figures = serie.values.enumerated().compactMap { i, v in v.map { "\(categories[i]) \(SwedishNumber.format($0))" } }
            if !figures.isEmpty { sentences.append("\(serie.name): " + figures.joined(separator: ", ")) }
        }
        let description = sentences.joined(separator: ". ") + "."
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" role="img" \
        aria-labelledby="\(id)-t \(id)-d" class="chart"><title id="\(id)-t">\(title.attributeEscaped)</title>\
        <desc id="\(id)-d">\(description.attributeEscaped)</desc>\(parts.joined())</svg>
        """
    }
}

/// Round axis ticks: a step of 1, 2 or 5 times a power of ten, about four steps, the range widened to whole steps.
enum NiceScale {
    static func scale(min low: Double, max high: Double) -> (Double, Double, Double) {
        let span = Swift.max(high - low, 1e-9)
        let rough = span / 4
        let magnitude = pow(10, floor(log10(rough)))
        let tick = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        return (floor(low / tick) * tick, Swift.max(ceil(high / tick) * tick, floor(low / tick) * tick + tick), tick)
    }
}
