import TertialCore

extension PlanDocumentBuilder.Context {
    /// The blocks of the economy and activity-plan contents, several of them in one section included.
    func heldBlocks(_ content: DocumentTemplate.Content) -> [Block] {
        if case .several(let parts) = content { return parts.flatMap(heldBlocks) }
        if case .councilGoalList(let intro) = content { return councilGoalListBlocks(intro: intro) }
        if content.needsInternalControl { return internalControlBlocks(content) }
        return content.needsActivityPlan ? activityBlocks(content) : economyBlocks(content)
    }

    /// The economy sections of a plan document, laid out by `EconomyTables`.
    func economyBlocks(_ content: DocumentTemplate.Content) -> [Block] {
        guard let economy else { return [.note("Planen har ingen ekonomi i Tertial.")] }
        switch content {
        case .operatingBudgets:
            guard !economy.operatingBudgets.isEmpty else { return [.note("Planen har ingen driftbudget.")] }
            return economy.operatingBudgets.flatMap { item -> [Block] in
                [.table(EconomyTables.operatingBudget(item.budget, name: item.budget.layout.title))] + deviationNotes(item.budget)
            }
        case .economySummary(let heading):
            // As the plan states it, with what the budget tables say otherwise; else (where the template
            // prints one) made from the tables.
            if !economy.summaries.isEmpty {
                return economy.summaries.flatMap { summary -> [Block] in
                    [.table(EconomyTables.summary(summary))] + economy.differences(summary).map { .note($0.description) }
                }
            }
            guard let heading, let budget = economy.operatingBudgets.first?.budget else { return [] }
            return [.table(EconomyTables.summary(budget, investments: economy.investmentBudgets.first?.budget, fromYear: doc.budgetYear, heading: heading))]
        case .budgetChart:
            return economy.operatingBudgets.enumerated().compactMap { index, item in
                EconomyTables.chart(item.budget, throughYear: doc.budgetYear, id: "budget-\(index)").map(Block.chart)
            }
        case .investments:
            return economy.investmentBudgets.flatMap { item -> [Block] in
                [.table(EconomyTables.investments(item.budget, name: item.budget.layout.title))] + item.budget.problems().map { .note($0) }
            }
        case .volumes(let kind):
            return economy.volumeTables.filter { $0.kind == kind }.flatMap { table -> [Block] in
                [.table(EconomyTables.volumes(table))] + table.notes.map(Block.paragraph) + table.footnotes.map { .paragraph("\($0.marker) \($0.text)") }
            }
        case .frameTransfers:
            let mine = economy.frameTransfers.filter { $0.fromUnitID == doc.ownerUnitID || $0.toUnitID == doc.ownerUnitID }
            guard !mine.isEmpty else { return [.note("Inga ramöverföringar till eller från nämnden.")] }
            let names = Dictionary(doc.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            return mine.map { t in
                let from = names[t.fromUnitID] ?? t.fromUnitID, to = names[t.toUnitID] ?? t.toUnitID
                return .paragraph("\(t.text): från \(from.lowercasedFirst) till \(to.lowercasedFirst) med \(SwedishNumber.format(t.amount)) \(t.unit.label) från och med år \(t.fromYear).")
            } + [.table(EconomyTables.frameTransfers(mine, unitNames: names))]
        default:
            return []
        }
    }

    /// What the controller must see under the table: a frame the budget misses, sections that disagree,
    /// a printed total of the source that its lines do not add up to.
    func deviationNotes(_ budget: OperatingBudget) -> [Block] {
        // Each figure with the table's decimals, as the table beside the note prints it.
        budget.problems().map { .note($0.text(decimals: budget.layout.style.decimals)) }
    }
}

extension String {
    /// "Social- och omsorgsnämnden" → "social- och omsorgsnämnden" (a committee in running text).
    public var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
