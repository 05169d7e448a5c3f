import Foundation
import TertialCore

/// The economy of a plan in the interchange format (version 2): operating budgets, investments,
/// volume and personnel tables, frame transfers and the monthly follow-up. These records are the
/// wire shape only; `economy()` turns them into TertialCore's typed `Economy` (numbers as numbers,
/// totals computed) and `init(_:)` writes one back.
///
/// Amounts are strings in a fixed machine form — an optional "-", digits, optionally "." and
/// digits ("-59200", "28.1") — so no reader loses a decimal to binary floating point. Cells of a
/// table are arrays aligned with its columns; `null` is an empty cell.
public struct EconomyRecord: Codable, Hashable, Sendable {
    public var operatingBudgets: [OperatingBudgetRecord]
    public var investmentBudgets: [InvestmentBudgetRecord]
    public var volumeTables: [VolumeTableRecord]
    public var frameTransfers: [FrameTransferRecord]
    /// When a forecast deviation needs the measures taken written down (absent: 1 % of the budget).
    public var deviationThreshold: ThresholdRecord?
    public var followUps: [FollowUpRecord]
    /// Version 3: the summary tables as the plan prints them ("Ekonomi, belopp tkr"); absent when none.
    public var summaries: [EconomySummaryRecord]?

    public init(operatingBudgets: [OperatingBudgetRecord] = [], investmentBudgets: [InvestmentBudgetRecord] = [], volumeTables: [VolumeTableRecord] = [],
                frameTransfers: [FrameTransferRecord] = [], deviationThreshold: ThresholdRecord? = nil, followUps: [FollowUpRecord] = [],
                summaries: [EconomySummaryRecord]? = nil) {
        self.operatingBudgets = operatingBudgets; self.investmentBudgets = investmentBudgets; self.volumeTables = volumeTables
        self.frameTransfers = frameTransfers; self.deviationThreshold = deviationThreshold; self.followUps = followUps; self.summaries = summaries
    }
}

/// Version 3: a summary table as printed — its rows in order, each with what it is checked against
/// (`role`: netCost, costs, income, investments; absent: a row of the plan's own) and its cells
/// aligned with the columns.
public struct EconomySummaryRecord: Codable, Hashable, Sendable {
    public var id: String
    public var heading: String
    public var unit: MoneyUnit
    public var decimals: Int
    public var spaceAfterMinus: Bool?
    public var columns: [BudgetColumnRecord]
    public var rows: [EconomySummaryRowRecord]
}

public struct EconomySummaryRowRecord: Codable, Hashable, Sendable {
    public var label: String
    public var role: EconomySummary.Role?
    public var amounts: [String?]
}

public struct BudgetColumnRecord: Codable, Hashable, Sendable {
    public var kind: BudgetColumnKind
    public var year: Int
    /// As printed, when it is not "Kind year" ("Bokslut 2018 justerat").
    public var heading: String?

    public init(kind: BudgetColumnKind, year: Int, heading: String? = nil) { self.kind = kind; self.year = year; self.heading = heading }
}

public struct OperatingBudgetRecord: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    /// The first header cell ("Nettokostnad", "(tkr)").
    public var heading: String
    /// A row under the header without figures ("Belopp tkr").
    public var unitRow: String?
    public var unit: MoneyUnit
    public var sign: SignConvention
    public var decimals: Int
    public var spaceAfterMinus: Bool?
    public var columns: [BudgetColumnRecord]
    public var sections: [BudgetSectionRecord]
    /// The council's frame per column, positive.
    public var frame: [String?]?
    public var frameLabel: String?
    /// Print totals only in columns that have a frame.
    public var totalsOnlyWhereFramed: Bool?
    /// The section (0-based) whose lines are followed up month by month; absent: the first.
    public var followUpSection: Int?
}

public struct BudgetSectionRecord: Codable, Hashable, Sendable {
    public var title: String?
    public var totalLabel: String
    public var lines: [BudgetLineRecord]
    /// Totals as a transcribed source printed them: compared with the computed ones, never used.
    public var printedTotals: [String?]?
}

public struct BudgetLineRecord: Codable, Hashable, Sendable {
    public static let roles = BudgetLine.Role.keys
    public var id: String
    public var name: String
    /// activity, adjustment, reserve, part (of `partOf`), income, cost, ofWhichIncome, ofWhichCosts;
    /// version 3: deviation (a difference printed under the total, not counted).
    public var role: String
    public var partOf: String?
    public var amounts: [String?]
    /// Version 3: decimals the line prints with where they are not the table's.
    public var decimals: Int?
}

public struct InvestmentColumnRecord: Codable, Hashable, Sendable {
    public static let kinds = ["earlierBudget", "accumulatedOutcome", "year", "totalBudget", "totalForecast"]
    public var kind: String
    public var year: Int?
    /// For totalBudget: the last year it adds (absent: every year).
    public var throughYear: Int?
    public var heading: String
}

public struct InvestmentRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var earlierBudget: String?
    public var accumulatedOutcome: String?
    /// Year → amount.
    public var budget: [String: String]
    public var income: [String: String]?
    public var totalForecast: String?
    /// Version 3: the group it is printed under with a subtotal ("Avslutade projekt").
    public var group: String?

    public init(id: String, name: String, earlierBudget: String? = nil, accumulatedOutcome: String? = nil, budget: [String: String],
                income: [String: String]? = nil, totalForecast: String? = nil, group: String? = nil) {
        self.id = id; self.name = name; self.earlierBudget = earlierBudget; self.accumulatedOutcome = accumulatedOutcome; self.budget = budget
        self.income = income; self.totalForecast = totalForecast; self.group = group
    }
}

public struct InvestmentBudgetRecord: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var heading: String
    public var unit: MoneyUnit
    public var sign: SignConvention
    public var decimals: Int
    public var spaceAfterMinus: Bool?
    /// What an empty cell prints ("-" in Söderköping).
    public var emptyCell: String?
    public var columns: [InvestmentColumnRecord]
    public var investments: [InvestmentRecord]
    /// Year → the investment frame.
    public var frame: [String: String]?
    public var frameLabel: String?
    public var frameFirst: Bool?
    /// Absent: no total row.
    public var totalLabel: String?
    public var incomeLabel: String?
    public var spendingLabel: String?
    public var printedTotals: [String?]?
}

public struct VolumeTableRecord: Codable, Hashable, Sendable {
    public var id: String
    public var kind: VolumeTable.Kind
    public var title: String
    public var heading: String
    public var columns: [BudgetColumnRecord]
    public var measures: [VolumeMeasureRecord]
    public var notes: [String]?
}

public struct VolumeMeasureRecord: Codable, Hashable, Sendable {
    public var id: String
    public var group: String?
    public var name: String
    /// As printed, aligned with the table's columns ("1049", "55%", "Ökning", "-").
    public var values: [String?]
    public var footnote: String?
}

public struct FrameTransferRecord: Codable, Hashable, Sendable {
    public var id: String
    public var fromUnitId: String
    public var toUnitId: String
    public var amount: String
    public var unit: MoneyUnit
    public var fromYear: Int
    public var text: String

    public init(id: String, fromUnitId: String, toUnitId: String, amount: String, unit: MoneyUnit, fromYear: Int, text: String) {
        self.id = id; self.fromUnitId = fromUnitId; self.toUnitId = toUnitId; self.amount = amount; self.unit = unit; self.fromYear = fromYear; self.text = text
    }
}

public struct ThresholdRecord: Codable, Hashable, Sendable {
    public var amount: String?
    /// A share of the line's budget, "0.01" for 1 %.
    public var share: String?
}

public struct FollowUpRecord: Codable, Hashable, Sendable {
    public var budgetId: String
    public var lineId: String
    public var year: Int
    public var month: Int
    public var outcomeToDate: String?
    public var forecast: String?
    public var comment: String?

    public init(budgetId: String, lineId: String, year: Int, month: Int, outcomeToDate: String?, forecast: String?, comment: String?) {
        self.budgetId = budgetId; self.lineId = lineId; self.year = year; self.month = month
        self.outcomeToDate = outcomeToDate; self.forecast = forecast; self.comment = comment
    }
}

// Amounts: `Amount` in TertialCore (one rule for every path that writes one).
