import Foundation
import TertialCore

// The adapter between the wire records and TertialCore's typed economy: reading checks every
// field and names its place; writing gives the same bytes for the same economy.

extension EconomyRecord {
    /// The typed economy, or the problems that keep this record from being one.
    public func economy(at path: JSONPath = JSONPath() + "economy", unitIds: Set<String>? = nil) -> (Economy, [InterchangeProblem]) {
        var v = Validation()
        var economy = Economy()
        let budgetIds = v.uniqueIds(operatingBudgets.map(\.id), at: path + "operatingBudgets", kind: "driftbudget")
        _ = v.uniqueIds(investmentBudgets.map(\.id), at: path + "investmentBudgets", kind: "investeringsbudget")
        _ = v.uniqueIds(volumeTables.map(\.id), at: path + "volumeTables", kind: "volymtabell")
        _ = v.uniqueIds(frameTransfers.map(\.id), at: path + "frameTransfers", kind: "ramöverföring")
        for (i, record) in operatingBudgets.enumerated() {
            economy.operatingBudgets.append(.init(id: record.id, budget: record.budget(at: (path + "operatingBudgets")[i], &v)))
        }
        for (i, record) in investmentBudgets.enumerated() {
            economy.investmentBudgets.append(.init(id: record.id, budget: record.budget(at: (path + "investmentBudgets")[i], &v)))
        }
        for (i, record) in volumeTables.enumerated() {
            economy.volumeTables.append(record.table(at: (path + "volumeTables")[i], &v))
        }
        for (i, record) in frameTransfers.enumerated() {
            let at = (path + "frameTransfers")[i]
            if let unitIds {
                if !unitIds.contains(record.fromUnitId) { v.dangling(record.fromUnitId, at: at + "fromUnitId", kind: "enhet") }
                if !unitIds.contains(record.toUnitId) { v.dangling(record.toUnitId, at: at + "toUnitId", kind: "enhet") }
            }
            if record.fromUnitId == record.toUnitId { v.problem(at + "toUnitId", "en ram kan inte flyttas till samma enhet") }
            v.year(record.fromYear, at: at + "fromYear")
            v.name(record.text, at: at + "text")
            let amount = v.amount(record.amount, at: at + "amount") ?? 0
            if amount <= 0 { v.problem(at + "amount", "beloppet måste vara större än noll") }
            economy.frameTransfers.append(FrameTransfer(id: record.id, fromUnitID: record.fromUnitId, toUnitID: record.toUnitId, amount: amount, unit: record.unit,
                                                        fromYear: record.fromYear, text: record.text))
        }
        if let threshold = deviationThreshold {
            let at = path + "deviationThreshold"
            let amount = threshold.amount.flatMap { v.amount($0, at: at + "amount") }
            let share = threshold.share.flatMap { v.amount($0, at: at + "share") }
            if let share, !(share > 0 && share < 1) { v.problem(at + "share", "andelen skrivs som ett tal mellan 0 och 1 (\"0.01\" för 1 %)") }
            if let amount, amount <= 0 { v.problem(at + "amount", "beloppet måste vara större än noll") }
            economy.threshold = DeviationThreshold(amount: amount, share: share)
        } else {
            economy.threshold = .standard
        }
        var seen: Set<String> = []
        for (i, record) in followUps.enumerated() {
            let at = (path + "followUps")[i]
            if !budgetIds.contains(record.budgetId) { v.dangling(record.budgetId, at: at + "budgetId", kind: "driftbudget") }
            else if let budget = economy.budget(record.budgetId), !budget.followedUpLines.contains(where: { $0.id == record.lineId }) {
                v.problem(at + "lineId", "raden \"\(record.lineId.prefix(100))\" finns inte bland driftbudgetens verksamheter")
            }
            v.year(record.year, at: at + "year")
            if !(1...12).contains(record.month) { v.problem(at + "month", "månaden måste vara 1–12") }
            if !seen.insert("\(record.budgetId)/\(record.lineId)/\(record.year)/\(record.month)").inserted {
                v.problem(at, "raden har redan en uppföljning för \(record.year)-\(record.month)")
            }
            v.text(record.comment, at: at + "comment")
            economy.followUps.append(.init(budgetID: record.budgetId, lineID: record.lineId, year: record.year, month: record.month,
                                           outcomeToDate: record.outcomeToDate.flatMap { v.amount($0, at: at + "outcomeToDate") },
                                           forecast: record.forecast.flatMap { v.amount($0, at: at + "forecast") }, comment: record.comment))
        }
        // A forecast beyond the threshold must come with the measures taken, in files too.
        for (i, entry) in economy.followUps.enumerated() {
            guard let budget = economy.budget(entry.budgetID), let forecast = entry.forecast,
                  let column = budget.budgetColumn(year: entry.year),
                  let line = budget.followedUpLines.first(where: { $0.id == entry.lineID }), let annual = line.amounts[column] else { continue }
            let followUp = MonthlyFollowUp(budgetID: entry.budgetID, lineID: entry.lineID, year: entry.year, month: entry.month, annualBudget: annual,
                                           outcomeToDate: entry.outcomeToDate ?? 0, forecast: forecast, comment: entry.comment)
            do { _ = try followUp.validated(lineName: line.name, threshold: economy.threshold, sign: budget.sign, unit: budget.unit) }
            catch { v.problem((path + "followUps")[i] + "comment", error.description) }
        }
        _ = v.uniqueIds((summaries ?? []).map(\.id), at: path + "summaries", kind: "sammanfattning")
        for (i, record) in (summaries ?? []).enumerated() {
            economy.summaries.append(record.summary(at: (path + "summaries")[i], &v))
        }
        return (economy, v.problems)
    }

    /// The wire form of a typed economy.
    public init(_ economy: Economy) {
        self.init(
            operatingBudgets: economy.operatingBudgets.map { OperatingBudgetRecord($0.budget, id: $0.id) },
            investmentBudgets: economy.investmentBudgets.map { InvestmentBudgetRecord($0.budget, id: $0.id) },
            volumeTables: economy.volumeTables.map(VolumeTableRecord.init),
            frameTransfers: economy.frameTransfers.map { t in
                FrameTransferRecord(id: t.id, fromUnitId: t.fromUnitID, toUnitId: t.toUnitID, amount: Amount.write(t.amount), unit: t.unit,
                                    fromYear: t.fromYear, text: t.text)
            },
            deviationThreshold: economy.threshold == .standard ? nil
                : ThresholdRecord(amount: economy.threshold.amount.map(Amount.write), share: economy.threshold.share.map(Amount.write)),
            followUps: economy.followUps.map {
                FollowUpRecord(budgetId: $0.budgetID, lineId: $0.lineID, year: $0.year, month: $0.month, outcomeToDate: $0.outcomeToDate.map(Amount.write),
                               forecast: $0.forecast.map(Amount.write), comment: $0.comment)
            },
            summaries: economy.summaries.isEmpty ? nil : economy.summaries.map(EconomySummaryRecord.init))
    }
}

extension EconomySummaryRecord {
    func summary(at path: JSONPath, _ v: inout Validation) -> EconomySummary {
        v.text(heading, at: path + "heading")
        v.decimals(decimals, at: path + "decimals")
        let cols = v.budgetColumns(columns, at: path + "columns")
        if rows.isEmpty { v.problem(path + "rows", "sammanfattningen måste ha minst en rad") }
        let typedRows = rows.enumerated().map { r, row -> EconomySummary.Row in
            let rp = (path + "rows")[r]
            v.name(row.label, at: rp + "label")
            return EconomySummary.Row(label: row.label, role: row.role, amounts: v.cells(row.amounts, of: cols, at: rp + "amounts"))
        }
        return EconomySummary(id: id, heading: heading, unit: unit, style: AmountStyle(decimals: decimals, spaceAfterMinus: spaceAfterMinus ?? false),
                              columns: cols, rows: typedRows)
    }

    init(_ summary: EconomySummary) {
        self.init(id: summary.id, heading: summary.heading, unit: summary.unit, decimals: summary.style.decimals,
                  spaceAfterMinus: summary.style.spaceAfterMinus ? true : nil, columns: summary.columns.map(BudgetColumnRecord.init),
                  rows: summary.rows.map { row in
                      EconomySummaryRowRecord(label: row.label, role: row.role, amounts: summary.columns.map { row.amounts[$0].map(Amount.write) })
                  })
    }
}

extension BudgetColumnRecord {
    init(_ column: BudgetColumn) { self.init(kind: column.kind, year: column.year, heading: column.heading) }
    var column: BudgetColumn { BudgetColumn(kind, year, heading: heading) }
}

extension OperatingBudgetRecord {
    func budget(at path: JSONPath, _ v: inout Validation) -> OperatingBudget {
        v.name(title, at: path + "title")
        v.text(heading, at: path + "heading")
        v.text(unitRow, at: path + "unitRow")
        v.optionalName(frameLabel, at: path + "frameLabel")
        v.decimals(decimals, at: path + "decimals")
        let cols = v.budgetColumns(columns, at: path + "columns")
        func cells(_ amounts: [String?]?, at p: JSONPath) -> [BudgetColumn: Decimal] {
            amounts.map { v.cells($0, of: cols, at: p) } ?? [:]
        }
        var lineIds: Set<String> = []
        let sectionValues = sections.enumerated().map { s, section -> BudgetSection in
            let sp = (path + "sections")[s]
            v.optionalName(section.title, at: sp + "title")
            v.text(section.totalLabel, at: sp + "totalLabel")
            lineIds.formUnion(v.uniqueIds(section.lines.map(\.id), at: sp + "lines", kind: "budgetrad"))
            let lines = section.lines.enumerated().map { l, line -> BudgetLine in
                let lp = (sp + "lines")[l]
                v.name(line.name, at: lp + "name")
                let role: BudgetLine.Role
                if let known = BudgetLine.Role(key: line.role, partOf: line.partOf) {
                    role = known
                } else if line.role == "part" {
                    v.problem(lp + "partOf", "en \"varav\"-rad måste ange vilken rad den är en del av"); role = .part(of: "")
                } else {
                    v.problem(lp + "role", "okänt värde \"\(line.role.prefix(40))\" (tillåtna värden: \(BudgetLineRecord.roles.joined(separator: ", ")))")
                    role = .activity
                }
                if line.role != "part", line.partOf != nil { v.problem(lp + "partOf", "anges bara för rader med role \"part\"") }
                if let decimals = line.decimals { v.decimals(decimals, at: lp + "decimals") }
                return BudgetLine(id: line.id, name: line.name, role: role, amounts: cells(line.amounts, at: lp + "amounts"), decimals: line.decimals)
            }
            for (l, line) in section.lines.enumerated() {
                if let parent = line.partOf, !section.lines.contains(where: { $0.id == parent && $0.role != "part" }) {
                    v.problem((sp + "lines")[l] + "partOf", "hänvisar till raden \"\(parent.prefix(100))\" som inte finns i avsnittet")
                }
            }
            return BudgetSection(title: section.title, lines: lines, totalLabel: section.totalLabel,
                                 printedTotals: cells(section.printedTotals, at: sp + "printedTotals"))
        }
        if sections.isEmpty { v.problem(path + "sections", "budgeten måste ha minst ett avsnitt med rader") }
        if let followUpSection, !sections.indices.contains(followUpSection) {
            v.problem(path + "followUpSection", "avsnitt \(followUpSection) finns inte (budgeten har \(sections.count))")
        }
        let frameCells = cells(frame, at: path + "frame")
        return OperatingBudget(unit: unit, sign: sign, columns: cols, sections: sectionValues, frame: frameCells,
                               layout: BudgetLayout(title: title, heading: heading, unitRow: unitRow, frameLabel: frameLabel,
                                                    totalsOnlyWhereFramed: totalsOnlyWhereFramed ?? false,
                                                    style: AmountStyle(decimals: decimals, spaceAfterMinus: spaceAfterMinus ?? false),
                                                    followUpSection: followUpSection ?? 0))
    }

    init(_ budget: OperatingBudget, id: String) {
        func cells(_ amounts: [BudgetColumn: Decimal]) -> [String?] { budget.columns.map { amounts[$0].map(Amount.write) } }
        let layout = budget.layout
        self.init(
            id: id, title: layout.title, heading: layout.heading, unitRow: layout.unitRow, unit: budget.unit, sign: budget.sign,
            decimals: layout.style.decimals, spaceAfterMinus: layout.style.spaceAfterMinus ? true : nil,
            columns: budget.columns.map(BudgetColumnRecord.init),
            sections: budget.sections.map { section in
                BudgetSectionRecord(title: section.title, totalLabel: section.totalLabel, lines: section.lines.map { line in
                    let parent: String? = if case .part(let of) = line.role { of } else { nil }
                    return BudgetLineRecord(id: line.id, name: line.name, role: line.role.key, partOf: parent, amounts: cells(line.amounts), decimals: line.decimals)
                }, printedTotals: section.printedTotals.isEmpty ? nil : cells(section.printedTotals))
            },
            frame: budget.frame.isEmpty ? nil : cells(budget.frame), frameLabel: layout.frameLabel,
            totalsOnlyWhereFramed: layout.totalsOnlyWhereFramed ? true : nil,
            followUpSection: layout.followUpSection == 0 ? nil : layout.followUpSection)
    }
}

extension InvestmentBudgetRecord {
    func budget(at path: JSONPath, _ v: inout Validation) -> InvestmentBudget {
        v.name(title, at: path + "title")
        v.text(heading, at: path + "heading")
        v.decimals(decimals, at: path + "decimals")
        for label in [("frameLabel", frameLabel), ("totalLabel", totalLabel), ("incomeLabel", incomeLabel), ("spendingLabel", spendingLabel)] {
            v.text(label.1, at: path + label.0)
        }
        func yearAmounts(_ map: [String: String]?, at p: JSONPath) -> [Int: Decimal] {
            var result: [Int: Decimal] = [:]
            for (key, text) in (map ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let year = Int(key), (1900...2200).contains(year) else { v.problem(p + key, "\"\(key.prefix(20))\" är inget år"); continue }
                if let amount = v.amount(text, at: p + key) { result[year] = amount }
            }
            return result
        }
        let cols = columns.enumerated().map { i, c -> InvestmentColumn in
            let cp = (path + "columns")[i]
            v.text(c.heading, at: cp + "heading")
            switch c.kind {
            case "earlierBudget": return .earlierBudget(heading: c.heading)
            case "accumulatedOutcome": return .accumulatedOutcome(heading: c.heading)
            case "totalBudget": return .totalBudget(heading: c.heading, throughYear: c.throughYear)
            case "totalForecast": return .totalForecast(heading: c.heading)
            case "year":
                guard let year = c.year else { v.problem(cp + "year", "en årskolumn måste ange året"); return .year(0, heading: c.heading) }
                v.year(year, at: cp + "year")
                return .year(year, heading: c.heading)
            default:
                v.problem(cp + "kind", "okänt värde \"\(c.kind.prefix(40))\" (tillåtna värden: \(InvestmentColumnRecord.kinds.joined(separator: ", ")))")
                return .earlierBudget(heading: c.heading)
            }
        }
        _ = v.uniqueIds(investments.map(\.id), at: path + "investments", kind: "investering")
        let lines = investments.enumerated().map { i, r -> Investment in
            let ip = (path + "investments")[i]
            v.name(r.name, at: ip + "name")
            v.optionalName(r.group, at: ip + "group")
            return Investment(id: r.id, name: r.name, earlierBudget: r.earlierBudget.flatMap { v.amount($0, at: ip + "earlierBudget") },
                              accumulatedOutcome: r.accumulatedOutcome.flatMap { v.amount($0, at: ip + "accumulatedOutcome") },
                              budgetByYear: yearAmounts(r.budget, at: ip + "budget"),
                              totalForecast: r.totalForecast.flatMap { v.amount($0, at: ip + "totalForecast") },
                              income: yearAmounts(r.income, at: ip + "income"), group: r.group)
        }
        var printed: [Int: Decimal] = [:]
        if let printedTotals {
            if printedTotals.count != cols.count { v.problem(path + "printedTotals", "har \(printedTotals.count) celler men tabellen har \(cols.count) kolumner") }
            for (i, text) in printedTotals.enumerated() { if let text, let amount = v.amount(text, at: (path + "printedTotals")[i]) { printed[i] = amount } }
        }
        return InvestmentBudget(unit: unit, sign: sign, investments: lines, frame: yearAmounts(frame, at: path + "frame"), columns: cols,
                                layout: InvestmentLayout(title: title, heading: heading, totalLabel: totalLabel, frameLabel: frameLabel,
                                                         frameFirst: frameFirst ?? false, incomeLabel: incomeLabel, spendingLabel: spendingLabel,
                                                         style: AmountStyle(decimals: decimals, spaceAfterMinus: spaceAfterMinus ?? false, empty: emptyCell ?? "")),
                                printedTotals: printed)
    }

    init(_ budget: InvestmentBudget, id: String) {
        func years(_ map: [Int: Decimal]) -> [String: String] { Dictionary(uniqueKeysWithValues: map.map { (String($0.key), Amount.write($0.value)) }) }
        let layout = budget.layout
        self.init(
            id: id, title: layout.title, heading: layout.heading, unit: budget.unit, sign: budget.sign, decimals: layout.style.decimals,
            spaceAfterMinus: layout.style.spaceAfterMinus ? true : nil, emptyCell: layout.style.empty.isEmpty ? nil : layout.style.empty,
            columns: budget.columns.map { column in
                switch column {
                case .earlierBudget(let h): InvestmentColumnRecord(kind: "earlierBudget", heading: h)
                case .accumulatedOutcome(let h): InvestmentColumnRecord(kind: "accumulatedOutcome", heading: h)
                case .year(let y, let h): InvestmentColumnRecord(kind: "year", year: y, heading: h)
                case .totalBudget(let h, let through): InvestmentColumnRecord(kind: "totalBudget", throughYear: through, heading: h)
                case .totalForecast(let h): InvestmentColumnRecord(kind: "totalForecast", heading: h)
                }
            },
            investments: budget.investments.map { i in
                InvestmentRecord(id: i.id, name: i.name, earlierBudget: i.earlierBudget.map(Amount.write), accumulatedOutcome: i.accumulatedOutcome.map(Amount.write),
                                 budget: years(i.budgetByYear), income: i.income.isEmpty ? nil : years(i.income), totalForecast: i.totalForecast.map(Amount.write),
                                 group: i.group)
            },
            frame: budget.frame.isEmpty ? nil : years(budget.frame), frameLabel: layout.frameLabel, frameFirst: layout.frameFirst ? true : nil,
            totalLabel: layout.totalLabel, incomeLabel: layout.incomeLabel, spendingLabel: layout.spendingLabel,
            printedTotals: budget.printedTotals.isEmpty ? nil : budget.columns.indices.map { budget.printedTotals[$0].map(Amount.write) })
    }
}

extension VolumeTableRecord {
    func table(at path: JSONPath, _ v: inout Validation) -> VolumeTable {
        v.name(title, at: path + "title")
        v.text(heading, at: path + "heading")
        let cols = columns.enumerated().map { i, c in v.year(c.year, at: (path + "columns")[i] + "year"); return c.column }
        _ = v.uniqueIds(measures.map(\.id), at: path + "measures", kind: "volymmått")
        let values = measures.enumerated().map { m, record -> VolumeMeasure in
            let mp = (path + "measures")[m]
            v.name(record.name, at: mp + "name")
            v.optionalName(record.group, at: mp + "group")
            v.text(record.footnote, at: mp + "footnote")
            if record.values.count != cols.count { v.problem(mp + "values", "har \(record.values.count) celler men tabellen har \(cols.count) kolumner") }
            var cells: [BudgetColumn: String] = [:]
            for (i, (column, text)) in zip(cols, record.values).enumerated() {
                guard let text else { continue }
                if let problem = ValueText.formProblem(text) { v.problem((mp + "values")[i], problem) }
                cells[column] = text
            }
            return VolumeMeasure(id: record.id, group: record.group, name: record.name, values: cells, footnote: record.footnote)
        }
        for (i, note) in (notes ?? []).enumerated() { v.text(note, at: (path + "notes")[i]) }
        return VolumeTable(id: id, kind: kind, title: title, heading: heading, columns: cols, measures: values, notes: notes ?? [])
    }

    init(_ table: VolumeTable) {
        self.init(id: table.id, kind: table.kind, title: table.title, heading: table.heading, columns: table.columns.map(BudgetColumnRecord.init),
                  measures: table.measures.map { m in
                      VolumeMeasureRecord(id: m.id, group: m.group, name: m.name, values: table.columns.map { m.values[$0] }, footnote: m.footnote)
                  }, notes: table.notes.isEmpty ? nil : table.notes)
    }
}

extension Validation {
    mutating func amount(_ text: String, at path: JSONPath) -> Decimal? {
        switch Amount.read(text) {
        case .success(let amount): return amount
        case .failure(.notANumber):
            problem(path, "\"\(text.prefix(40))\" är inget belopp (skrivs som planen skriver det, till exempel 10 135, - 6 279, 0,800, eller som -59200 och 28.1)")
        case .failure(let why): problem(path, "\"\(text.prefix(40))\" \(why)")
        }
        return nil
    }
}

extension Validation {
    /// A table's columns (budget or summary): at least one, each a year, no two alike.
    mutating func budgetColumns(_ columns: [BudgetColumnRecord], at path: JSONPath) -> [BudgetColumn] {
        if columns.isEmpty { problem(path, "tabellen måste ha minst en kolumn") }
        let cols = columns.enumerated().map { i, c in
            year(c.year, at: path[i] + "year")
            return c.column
        }
        if Set(cols).count != cols.count { problem(path, "två kolumner har samma slag, år och rubrik") }
        return cols
    }

    /// A row's cells aligned with the table's columns: as many as there are columns, each an amount or empty.
    mutating func cells(_ amounts: [String?], of columns: [BudgetColumn], at path: JSONPath) -> [BudgetColumn: Decimal] {
        if amounts.count != columns.count { problem(path, "har \(amounts.count) celler men tabellen har \(columns.count) kolumner") }
        var result: [BudgetColumn: Decimal] = [:]
        for (i, (column, text)) in zip(columns, amounts).enumerated() {
            if let text, let amount = amount(text, at: path[i]) { result[column] = amount }
        }
        return result
    }
}
