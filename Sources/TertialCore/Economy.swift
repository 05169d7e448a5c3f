import Foundation

/// Everything economic a plan holds, as typed values: operating budgets (a plan may print one by kind
/// and by activity, or a summary and a driftsammandrag), investments, volume and personnel tables,
/// the frame transfers that concern the committee, and the monthly follow-up against the budget.
public struct Economy: Hashable, Sendable {
    public var operatingBudgets: [OperatingBudget.Identified]
    public var investmentBudgets: [InvestmentBudget.Identified]
    public var volumeTables: [VolumeTable]
    public var frameTransfers: [FrameTransfer]
    public var threshold: DeviationThreshold
    /// The follow-up entered so far: outcome to date and forecast per budget line and month.
    public var followUps: [FollowUpEntry]
    /// The short summary tables as the plan prints them ("Ekonomi, belopp tkr").
    public var summaries: [EconomySummary]

    public init(operatingBudgets: [OperatingBudget.Identified] = [], investmentBudgets: [InvestmentBudget.Identified] = [], volumeTables: [VolumeTable] = [],
                frameTransfers: [FrameTransfer] = [], threshold: DeviationThreshold = .standard, followUps: [FollowUpEntry] = [],
                summaries: [EconomySummary] = []) {
        self.operatingBudgets = operatingBudgets; self.investmentBudgets = investmentBudgets; self.volumeTables = volumeTables
        self.frameTransfers = frameTransfers; self.threshold = threshold; self.followUps = followUps; self.summaries = summaries
    }

    public var isEmpty: Bool {
        operatingBudgets.isEmpty && investmentBudgets.isEmpty && volumeTables.isEmpty && frameTransfers.isEmpty && followUps.isEmpty && summaries.isEmpty
    }

    /// A summary's figures that its operating budget or investments say otherwise.
    public func differences(_ summary: EconomySummary) -> [EconomySummary.Difference] {
        summary.differences(operating: operatingBudgets.first?.budget, investments: investmentBudgets.first?.budget)
    }

    /// One line's follow-up for one month, as stored: the budget comes from the operating budget.
    public struct FollowUpEntry: Hashable, Sendable {
        public var budgetID: String
        public var lineID: String
        public var year: Int
        public var month: Int
        public var outcomeToDate: Decimal?
        public var forecast: Decimal?
        public var comment: String?

        public init(budgetID: String, lineID: String, year: Int, month: Int, outcomeToDate: Decimal?, forecast: Decimal?, comment: String?) {
            self.budgetID = budgetID; self.lineID = lineID; self.year = year; self.month = month
            self.outcomeToDate = outcomeToDate; self.forecast = forecast; self.comment = comment
        }
    }

    public func budget(_ id: String) -> OperatingBudget? { operatingBudgets.first { $0.id == id }?.budget }
}

extension OperatingBudget {
    /// A budget with the id the plan and the follow-up refer to it by.
    public struct Identified: Hashable, Sendable {
        public var id: String
        public var budget: OperatingBudget
        public init(id: String, budget: OperatingBudget) { self.id = id; self.budget = budget }
    }

    /// The column that holds the year's budget: "Budget" first, then "Budgetförslag", then "Plan".
    public func budgetColumn(year: Int) -> BudgetColumn? {
        for kind in [BudgetColumnKind.budget, .budgetProposal, .plan] {
            if let column = columns.first(where: { $0.kind == kind && $0.year == year }) { return column }
        }
        return nil
    }

    /// Lines that are followed up month by month: those that count in the total of the section the
    /// committee binds its budget at.
    public var followedUpLines: [BudgetLine] {
        let index = sections.indices.contains(layout.followUpSection) ? layout.followUpSection : 0
        return sections.isEmpty ? [] : sections[index].lines.filter { $0.role.counts }
    }
}

extension InvestmentBudget {
    public struct Identified: Hashable, Sendable {
        public var id: String
        public var budget: InvestmentBudget
        public init(id: String, budget: InvestmentBudget) { self.id = id; self.budget = budget }
    }
}

extension Economy {
    /// The month's follow-up of every followed-up line of a budget: the year's budget, the latest
    /// outcome to date and forecast entered for that month (nil where nothing is entered).
    public func monthlyFollowUp(budgetID: String, year: Int, month: Int) -> [(line: BudgetLine, budget: Decimal?, entry: FollowUpEntry?)] {
        guard let budget = budget(budgetID) else { return [] }
        let column = budget.budgetColumn(year: year)
        return budget.followedUpLines.map { line in
            let entry = followUps.last { $0.budgetID == budgetID && $0.lineID == line.id && $0.year == year && $0.month == month }
            return (line, column.flatMap { line.amounts[$0] }, entry)
        }
    }

    /// The committee overview by month: the year's budget, the outcome to date of the lines that have
    /// one, and the full-year forecast, where a line without a forecast that month counts with its
    /// budget (no deviation reported is no deviation expected). Months without any entry are left out.
    public func overview(budgetID: String, year: Int) -> [(month: Int, budget: Decimal, outcomeToDate: Decimal?, forecast: Decimal?)] {
        guard let budget = budget(budgetID), let column = budget.budgetColumn(year: year) else { return [] }
        let annual = budget.followedUpLines.compactMap { $0.amounts[column] }.reduce(0, +)
        return (1...12).compactMap { month in
            let rows = monthlyFollowUp(budgetID: budgetID, year: year, month: month)
            guard rows.contains(where: { $0.entry != nil }) else { return nil }
            let outcomes = rows.compactMap { $0.entry?.outcomeToDate }
            let anyForecast = rows.contains { $0.entry?.forecast != nil }
            let forecast = rows.map { $0.entry?.forecast ?? $0.budget ?? 0 }.reduce(0, +)
            return (month, annual, outcomes.isEmpty ? nil : outcomes.reduce(0, +), anyForecast ? forecast : nil)
        }
    }
}

/// Swedish month names, for follow-up headings ("Augusti 2021").
public enum SwedishMonth {
    public static let names = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
    public static let short = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]
    public static func name(_ month: Int) -> String { (1...12).contains(month) ? names[month - 1] : String(month) }
}
