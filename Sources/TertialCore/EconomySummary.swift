import Foundation

/// The short table many plans print before their budgets — "Ekonomi, belopp tkr": *Verksamhetens
/// nettokostnader*, *varav kostnader*, *varav intäkter*, *Investeringar, netto* per year — held as the
/// committee printed it and checked against the operating budget and the investments where the plan
/// holds them.
public struct EconomySummary: Hashable, Sendable {
    public enum Role: String, Vocabulary {
        /// The net cost of the operations: the operating budget's total.
        case netCost
        /// The gross costs and income under it.
        case costs, income
        /// Net investments: the investment budget's total.
        case investments

        public var label: String {
            switch self {
            case .netCost: "Verksamhetens nettokostnader"
            case .costs: "varav kostnader"
            case .income: "varav intäkter"
            case .investments: "Investeringar, netto"
            }
        }
    }

    public struct Row: Hashable, Sendable {
        public var label: String
        /// What the row is checked against (nil: a row of the plan's own, printed as is).
        public var role: Role?
        public var amounts: [BudgetColumn: Decimal]
        public init(label: String, role: Role?, amounts: [BudgetColumn: Decimal]) { self.label = label; self.role = role; self.amounts = amounts }
    }

    public var id: String
    /// The first header cell ("Ekonomi, belopp tkr").
    public var heading: String
    public var unit: MoneyUnit
    public var style: AmountStyle
    public var columns: [BudgetColumn]
    public var rows: [Row]

    public init(id: String, heading: String, unit: MoneyUnit, style: AmountStyle = AmountStyle(), columns: [BudgetColumn], rows: [Row]) {
        self.id = id; self.heading = heading; self.unit = unit; self.style = style; self.columns = columns; self.rows = rows
    }

    /// A row's figure that differs from the table it summarises: the summary is printed as adopted,
    /// the difference is shown beside it.
    public struct Difference: Hashable, Sendable, CustomStringConvertible {
        public var row: String
        public var column: BudgetColumn
        public var stated: Decimal
        public var computed: Decimal
        public var source: String
        public var unit: MoneyUnit
        public var description: String {
            "\(column.printedHeading): \(row) är \(SwedishNumber.formatNatural(stated)) \(unit.label) i sammanfattningen, men "
                + "\(SwedishNumber.formatNatural(computed)) \(unit.label) i \(source) (skillnad \(SwedishNumber.formatNatural(stated - computed)))"
        }
    }

    /// Every stated figure the operating budget or the investments say otherwise, in the summary's unit.
    /// Costs and income are compared as amounts: a summary commonly writes them positive beside a
    /// budget that writes costs negative (the sign convention of each table is its own).
    public func differences(operating: OperatingBudget?, investments: InvestmentBudget?) -> [Difference] {
        var result: [Difference] = []
        for row in rows {
            guard let role = row.role else { continue }
            for column in columns {
                guard let stated = row.amounts[column] else { continue }
                let computed: (Decimal?, String)
                switch role {
                case .netCost, .costs, .income:
                    guard let operating, let match = operating.columns.first(where: { $0.year == column.year && $0.kind == column.kind })
                            ?? operating.columns.first(where: { $0.year == column.year && $0.kind != .outcome && $0.kind != .forecast && $0.kind.isAmount
                                && column.kind != .outcome }) else { continue }
                    let section = operating.sections[0]
                    let value: Decimal? = switch role {
                    case .netCost: operating.printedOrComputedNetCost(match)
                    case .costs: operating.ofWhich(.ofWhichCosts, section, match)
                    default: operating.ofWhich(.ofWhichIncome, section, match)
                    }
                    computed = (value.map { operating.unit.convert($0, to: unit) }, operating.layout.title.lowercased())
                case .investments:
                    guard let investments, let value = investments.printedOrComputedTotal(column.year) else { continue }
                    computed = (investments.unit.convert(value, to: unit), investments.layout.title.lowercased())
                }
                guard let value = computed.0 else { continue }
                let tolerance = unit == .mnkr ? Decimal(string: "0.05")! : Decimal(0.5)
                if abs(abs(value) - abs(stated)) > tolerance {
                    result.append(Difference(row: row.label, column: column, stated: stated, computed: value, source: computed.1, unit: unit))
                }
            }
        }
        return result
    }
}

extension OperatingBudget {
    /// The net cost of a column as the committee adopted it where the plan states its total, else computed.
    public func printedOrComputedNetCost(_ column: BudgetColumn) -> Decimal? {
        sections.first?.printedTotals[column] ?? netCost(column)
    }
}

extension InvestmentBudget {
    /// A year's total as printed where the plan states it (Linköping's 800 tkr, whose lines are empty), else computed.
    public func printedOrComputedTotal(_ year: Int) -> Decimal? {
        if let column = columns.first(where: { if case .year(year, _) = $0 { true } else { false } }) { return printedOrComputedTotal(column) }
        return total(year)
    }

    /// The total row's figure in a column as the committee adopted it where the plan states it (the
    /// difference from its lines is a check under the table, see `problems()`), else the lines' sum.
    public func printedOrComputedTotal(_ column: InvestmentColumn) -> Decimal? {
        if let index = columns.firstIndex(of: column), let printed = printedTotals[index] { return printed }
        return total(column)
    }
}
