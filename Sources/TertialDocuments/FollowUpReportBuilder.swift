import TertialCore

/// The follow-up reports of a plan: tertial report (January–April), interim report (January–August)
/// and annual report. Per goal: its status as symbol and words, the analysis, and the indicator table
/// with outcomes against the year's targets; then the tracking measures, and the economy against the
/// budget (the monthly follow-up of the period's last month). Later sections (activities, internal
/// control) join as more sections of the same document.
public enum ReportKind: String, CaseIterable, Sendable {
    case tertial, delar, helar

    public var title: String {
        switch self {
        case .tertial: "Tertialrapport 1"
        case .delar: "Delårsrapport"
        case .helar: "Årsrapport"
        }
    }

    public func period(_ year: Int) -> Period {
        switch self {
        case .tertial: Period(year: year, part: .tertial(1))
        case .delar: Period(year: year, part: .interim)
        case .helar: Period(year: year)
        }
    }

    /// The report that follows up `period`, when there is one (T1, delår, helår).
    public init?(period: Period) {
        switch period.part {
        case .tertial(1): self = .tertial
        case .interim: self = .delar
        case .year: self = .helar
        default: return nil
        }
    }
}

/// What a person has said about a goal for the period (override with its reason, analysis).
public struct GoalFollowUp: Hashable, Sendable {
    public var override: Attainment?
    public var reason: String?
    public var analysis: String?
    public init(override: Attainment?, reason: String?, analysis: String?) {
        self.override = override; self.reason = reason; self.analysis = analysis
    }
}

public enum FollowUpReportBuilder {
    /// The figure a status rests on, as the report prints it: " (prognos delår 2024: 92)".
    /// The figure a status was computed from, as printed beside it (" (utfall delår 2024: 96 %)").
    public static func usedFigure(_ evaluation: TargetEvaluation) -> String {
        guard let figure = evaluation.figure else { return "" }
        let period = figure.period.part == .year ? String(figure.period.year) : figure.period.label.lowercased()
        return " (\(figure.kind.label.lowercased()) \(period): \(figure.value.text))"
    }

    public static func build(_ full: Plan, kind: ReportKind, year: Int, followUps: [String: GoalFollowUp],
                             template: DocumentTemplate? = nil, source: String, policy: EvaluationPolicy = .standard,
                             kolada: KoladaTables.ReportPart? = nil) -> Document {
        let template = template ?? DocumentTemplate.forPlan(municipalityID: full.municipality.id, kind: full.kind)
        let context = PlanDocumentBuilder.Context(full.activeView, template: template)
        let doc = context.doc
        let period = kind.period(year)
        let overrides = followUps.compactMapValues(\.override)
        let computed = PlanEvaluation.goalStatuses(doc, year: year, asOf: period, overrides: overrides, policy: policy)
        func effective(_ id: String) -> Attainment { overrides[id] ?? computed[id] ?? .notAssessable }
        let goals = doc.goals.filter { context.shown($0) }

        // Summary: how many goals have each status.
        var summary: [Block] = [.paragraph("Rapporten följer upp \(doc.title) för \(PlanColumns.periodInText(period)). "
                                           + "Målens status beräknas från indikatorernas utfall och prognoser mot årets målvärden; en ändrad bedömning är motiverad.")]
        let counts = Dictionary(grouping: goals, by: { effective($0.id) }).mapValues(\.count)
        summary.append(.table(Table(name: "Sammanfattning", caption: "Måluppfyllelse \(period.label)", header: ["Status", "Antal mål"], numericColumns: [1],
                                    rows: [Attainment.met, .partlyMet, .notMet, .notAssessable].map { a in
                                        Row([Cell("\(a.symbol) \(a.label)"), Cell.value(String(counts[a] ?? 0))])
                                    })))

        // Columns: the two years before as outcomes, the period's own outcome, the year's forecast, the target.
        let history = [Period(year: year - 2), Period(year: year - 1)]
        func figure(_ indicator: Indicator, _ p: Period, _ k: ValueKind, _ g: Gender = .total) -> Cell {
            Cell.value(PlanColumns.printed(.value(p, k), values: indicator.values, gender: g), decimals: indicator.decimals)
        }
        var periodColumns: [(String, Period, ValueKind)] = history.map { ("Utfall \($0.label)", $0, .outcome) }
        periodColumns.append(("Utfall \(PlanColumns.periodInText(period))", period, .outcome))
        // The year's forecast as it was made at the period (what the status rests on when no outcome is in).
        if period.part != .year { periodColumns.append(("Helårsprognos \(PlanColumns.periodInText(period))", period, .forecast)) }

        func goalBlocks(_ goal: Goal) -> [Block] {
            let followUp = followUps[goal.id]
            let status = effective(goal.id)
            var statusText = "\(status.symbol) \(status.label)"
            if let override = followUp?.override, let calculated = computed[goal.id], override != calculated {
                statusText += " – ändrad bedömning (beräknat: \(calculated.label.lowercased())). Motivering: \(followUp?.reason ?? "")"
            }
            var blocks: [Block] = [.subheading("\(context.goalLabel(goal.level)): \(goal.title)"), .status(status, statusText)]
            if let analysis = followUp?.analysis, !analysis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                blocks += Block.blocks(fromMarkdown: analysis)
            } else {
                blocks.append(.note("Ingen analys är skriven för \(PlanColumns.periodInText(period))."))
            }
            guard !goal.indicators.isEmpty else { return blocks }
            var rows: [Row] = []
            for indicator in goal.indicators {
                let evaluation = PlanEvaluation.indicatorStatus(indicator, year: year, asOf: period, policy: policy)
                let statusCell = Cell(evaluation.map { "\($0.attainment.symbol) \($0.attainment.label)" + usedFigure($0) } ?? "")
                rows.append(Row([Cell(indicator.name)] + periodColumns.map { figure(indicator, $0.1, $0.2) }
                                + [Cell(indicator.targets[year]?.text ?? ""), statusCell]))
                for gender in indicator.genderRows {
                    rows.append(Row([Cell(gender.label)] + periodColumns.map { figure(indicator, $0.1, $0.2, gender) } + [Cell(""), Cell("")], isSubRow: true))
                }
            }
            blocks.append(.table(Table(name: goal.title, caption: "Indikatorer för \(goal.title), \(period.label)",
                                       header: ["Indikator"] + periodColumns.map(\.0) + ["Mål \(year)", "Status"],
                                       numericColumns: Set(1...periodColumns.count), rows: rows)))
            blocks += goal.indicators.compactMap { IndicatorChart.chart($0, id: "diagram-\($0.id)") }.map(Block.chart)
            return blocks
        }

        var areaSections: [Section] = []
        for area in doc.goalAreas {
            let members = goals.filter { $0.goalAreaID == area.id }
            if !members.isEmpty { areaSections.append(Section("\(area.label ?? "Målområde") \(area.name)", blocks: members.flatMap(goalBlocks))) }
        }
        let loose = goals.filter { $0.goalAreaID == nil }
        if !loose.isEmpty { areaSections.append(Section("Övriga mål", blocks: loose.flatMap(goalBlocks))) }

        var sections = [Section("Sammanfattning", blocks: summary),
                        Section("Måluppfyllelse", blocks: areaSections.isEmpty ? [.note("Planen har inga mål att följa upp.")] : [], children: areaSections)]
        // Every tracking measure with its figures through the period: those of the basic missions (beside their
        // approved level) and those listed under a heading of their own.
        let missionBlocks = doc.trackingMeasuresByMission.flatMap { mission, measures -> [Block] in
            [.subheading("Grunduppdrag: \(mission.title)"),
             .table(context.measureTable(measures, name: mission.title, caption: "Följetal för \(mission.title)"))]
        }
        let groupBlocks = doc.trackingMeasureGroups.isEmpty ? [] : context.measureGroupBlocks(prefix: "", sectionTitle: "Följetal")
        if !doc.trackingMeasures.isEmpty { sections.append(Section("Följetal", blocks: missionBlocks + groupBlocks)) }
        // Economy against budget: the latest month followed up by the end of the report's period.
        if let economy = context.economy, !economy.operatingBudgets.isEmpty {
            let through = kind == .tertial ? 4 : kind == .delar ? 8 : 12
            var blocks: [Block] = []
            for item in economy.operatingBudgets {
                if let (_, table) = EconomyTables.followUpReport(economy, budgetID: item.id, year: year, throughMonth: through) {
                    blocks.append(.table(table))
                } else {
                    blocks.append(.note("\(item.budget.layout.title): ingen månadsuppföljning för \(year) till och med \(SwedishMonth.name(through))."))
                }
            }
            sections.append(Section("Ekonomi", blocks: blocks))
        }

        // Activities and assignments as of the period: status (late ones as late), comment, report-back.
        if let record = doc.activityPlan, !(record.activities.isEmpty && record.assignments.isEmpty) {
            let (activities, assignments) = (record.activities, record.assignments)
            let goalTitles = Dictionary(doc.goals.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            var blocks: [Block] = []
            if !activities.isEmpty {
                let late = activities.filter { $0.isLate(asOf: period) }.count
                blocks.append(.paragraph("\(activities.count) aktiviteter, varav \(late) försenade vid \(PlanColumns.periodInText(period))."))
                blocks.append(.table(Table(name: "Aktiviteter \(period.label)", caption: "Aktiviteter, status \(period.label)",
                                           header: ["Mål eller uppdrag", "Aktivitet", "Klart", "Status", "Kommentar"], numericColumns: [], rows: activities.map { a in
                    let serves = a.links.compactMap { link -> String? in if case .goal(let id) = link { goalTitles[id] ?? id } else if case .assignment = link { "Uppdrag" } else { nil } }
                    let status = a.status(asOf: period)
                    return Row([Cell(serves.joined(separator: "; ")), Cell(a.text), Cell(a.due?.description ?? ""), Cell("\(status.symbol) \(status.label)"),
                                Cell(a.followUp(asOf: period)?.comment ?? "")])
                }).droppingEmptyColumns([0, 2, 4])))
            }
            let due = assignments.filter { $0.isDueForReportBack(asOf: period) }
            if !assignments.isEmpty {
                blocks.append(.paragraph(due.isEmpty ? "Inga uppdrag ska återrapporteras till och med perioden."
                                         : "\(due.count) uppdrag ska återrapporteras till och med perioden."))
                blocks.append(.table(Table(name: "Uppdrag \(period.label)", caption: "Uppdrag, status \(period.label)",
                                           header: ["Uppdrag", "Återrapportering", "Svar", "Status"], numericColumns: [], rows: assignments.map { a in
                    Row([Cell(a.text), Cell(a.reportBy?.description ?? ""), Cell([a.response?.label, a.responseText].compactMap { $0 }.joined(separator: ": ")),
                         Cell("\(a.status.symbol) \(a.status.label)" + (a.isDueForReportBack(asOf: period) ? " – ska återrapporteras" : ""))])
                }).droppingEmptyColumns([1, 2])))
            }
            sections.append(Section("Aktiviteter och uppdrag", blocks: blocks))
        }

        // Internal control: the year's results through the period's end, the occasions without one as overdue.
        if let record = doc.internalControl, record.year == year {
            let control = record
            let through = Day.end(of: period)
            let overdue = control.overdue(through: through)
            var blocks: [Block] = [.paragraph(overdue.isEmpty ? "Alla kontrolltillfällen till och med \(through) har ett resultat."
                                              : "\(overdue.count) kontrolltillfällen till och med \(through) saknar resultat och är försenade.")]
            if !overdue.isEmpty {
                blocks.append(.table(Table(name: "Försenade kontroller", caption: "Försenade kontroller till och med \(through)",
                                           header: ["Risk", "Kontrollmoment", "Tillfälle", "Ansvarig"], numericColumns: [], rows: overdue.map { item in
                    Row([Cell(item.risk.risk ?? item.risk.process), Cell(item.control.control), Cell(item.occasion.description), Cell(item.control.responsible ?? "")])
                }).droppingEmptyColumns([3])))
            }
            blocks.append(.table(InternalControlTables.results(control, through: through)))
            sections.append(Section("Internkontroll", blocks: blocks))
        }

        // Comparisons through Kolada, from the snapshot named on the cover (so the report can be rebuilt as it was).
        if let kolada {
            sections.append(Section("Jämförelser med andra kommuner", blocks:
                [.paragraph("Indikatorer som är kopplade till nyckeltal i Kolada, jämförda med kommunens jämförelsekommuner, deras medel och riket.")]
                + kolada.tables.enumerated().flatMap { i, table in [Block.table(table), .chart(KoladaTables.chart(table, id: "kolada-\(i)"))] }
                + [.note("Källa: Kolada, ögonblicksbild \(kolada.snapshot) hämtad \(kolada.fetched).")]))
        }

        let coverSource = kolada.map { "\(source); Kolada: ögonblicksbild \($0.snapshot) (\($0.fetched))" } ?? source
        let cover = context.cover(title: "\(kind.title) \(year)", period: period.label, source: coverSource)
        var withPlan = cover
        withPlan.title = "\(kind.title) \(year) – \(doc.title)"
        return Document(cover: withPlan, numbered: template.numbered, sections: sections)
    }
}
