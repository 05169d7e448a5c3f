import Foundation

// The operating budget (driftbudget / driftsammandrag) as the seeds print it, as typed values:
// amounts are numbers, totals are computed and never typed, and the council's frame is checked.
// The interchange format and the documents are adapters of this model (issue 10); this file is
// the arithmetic only.

/// The unit amounts are written in: "Belopp tkr", "Belopp i miljoner kronor (Mnkr)".
public enum MoneyUnit: String, Vocabulary {
    case kr, tkr, mnkr

    public var label: String {
        switch self {
        case .kr: "kr"
        case .tkr: "tkr"
        case .mnkr: "mnkr"
        }
    }

    /// Kronor per unit.
    public var kronor: Decimal {
        switch self {
        case .kr: 1
        case .tkr: 1_000
        case .mnkr: 1_000_000
        }
    }

    /// `amount` in this unit written in `other` ("431,4 mnkr" → 431 400 tkr).
    public func convert(_ amount: Decimal, to other: MoneyUnit) -> Decimal { amount * kronor / other.kronor }
}

/// How a municipality prints costs: Linköping prints net costs as positive numbers, Söderköping and
/// Mark as negative ones ("- 723", "-426,8").
public enum SignConvention: String, Vocabulary {
    case costsPositive, costsNegative

    public var label: String {
        switch self {
        case .costsPositive: "Kostnader som positiva tal"
        case .costsNegative: "Kostnader som negativa tal"
        }
    }
}

/// What a column holds: bokslut/utfall, budget, budgetförslag, plan, prognos.
public enum BudgetColumnKind: String, Vocabulary {
    case outcome, budget, budgetProposal, plan, forecast
    /// A column of differences as the plan prints it: *Budgetavvikelse*, *Avvikelse*, *Återstår*
    /// (its heading says which). Never a cost: left out of charts and summaries.
    case deviation

    /// Whether the column holds what a year costs (not a difference).
    public var isAmount: Bool { self != .deviation }

    public var label: String {
        switch self {
        case .deviation: "Avvikelse"
        case .outcome: "Bokslut"
        case .budget: "Budget"
        case .budgetProposal: "Budgetförslag"
        case .plan: "Plan"
        case .forecast: "Prognos"
        }
    }
}

/// One column of a budget table: its kind and year, and the heading as the plan prints it when that
/// differs from "Kind year" ("Bokslut 2018 justerat", "Plan förslag 2022").
public struct BudgetColumn: Hashable, Sendable {
    public var kind: BudgetColumnKind
    public var year: Int
    public var heading: String?

    public init(_ kind: BudgetColumnKind, _ year: Int, heading: String? = nil) {
        self.kind = kind; self.year = year; self.heading = heading
    }

    public var printedHeading: String { heading ?? "\(kind.label) \(year)" }
}

/// A line of the budget and how it counts in the total.
public struct BudgetLine: Hashable, Sendable {
    public enum Role: Hashable, Sendable {
        /// A verksamhet or huvudverksamhet: counts in the total.
        case activity
        /// Åtgärdsplan, ramjustering, extra statsbidrag, kommundirektörens förslag: counts in the total.
        case adjustment
        /// The reserve for unforeseen costs: counts in the total.
        case reserve
        /// "varav HVB barn- och unga": part of the line named, not counted again.
        case part(of: String)
        /// An income or a cost line of a budget by kind (Intäkter, Personalkostnader): counts in the
        /// total; under `SignConvention.costsPositive` an income is printed positive and subtracts.
        case income, cost
        /// "varav intäkter" / "varav kostnader" printed under the total: the gross income and costs the
        /// net total is made of. Not counted; checked against the total (costs − income = net).
        case ofWhichIncome, ofWhichCosts
        /// "Budgetavvikelse", "Avvikelse mot ram", "Återstår": a difference the plan states, printed under
        /// the total as adopted. Not counted, and not checked (what it compares differs from plan to plan).
        case deviation

        /// Whether the line adds to its section's total.
        public var counts: Bool {
            switch self {
            case .part, .ofWhichIncome, .ofWhichCosts, .deviation: false
            default: true
            }
        }

        /// Whether the line prints under its section's total rather than among the lines.
        public var printsUnderTotal: Bool {
            switch self {
            case .ofWhichIncome, .ofWhichCosts, .deviation: true
            default: false
            }
        }

        /// Every role's name in files and forms, in the order forms offer them.
        public static let keys = ["activity", "adjustment", "reserve", "part", "income", "cost", "ofWhichIncome", "ofWhichCosts", "deviation"]

        /// The role's name in files and forms ("part" with the line it is part of beside it).
        public var key: String {
            switch self {
            case .activity: "activity"
            case .adjustment: "adjustment"
            case .reserve: "reserve"
            case .part: "part"
            case .income: "income"
            case .cost: "cost"
            case .ofWhichIncome: "ofWhichIncome"
            case .ofWhichCosts: "ofWhichCosts"
            case .deviation: "deviation"
            }
        }

        /// The role named `key`; nil for a name that is none, or for "part" without the line it is part of.
        public init?(key: String, partOf: String?) {
            switch key {
            case "activity": self = .activity
            case "adjustment": self = .adjustment
            case "reserve": self = .reserve
            case "income": self = .income
            case "cost": self = .cost
            case "ofWhichIncome": self = .ofWhichIncome
            case "ofWhichCosts": self = .ofWhichCosts
            case "deviation": self = .deviation
            case "part":
                guard let partOf, !partOf.isEmpty else { return nil }
                self = .part(of: partOf)
            default: return nil
            }
        }
    }

    public var id: String
    public var name: String
    public var role: Role
    /// Amount per column, in the budget's unit, as printed (the municipality's sign). No entry: empty cell.
    public var amounts: [BudgetColumn: Decimal]
    /// Decimals this line prints with where they are not the table's (a count of 3 in a table of
    /// 15,130 mnkr prints "3", not "3,000").
    public var decimals: Int?

    public init(id: String, name: String, role: Role = .activity, amounts: [BudgetColumn: Decimal], decimals: Int? = nil) {
        self.id = id; self.name = name; self.role = role; self.amounts = amounts; self.decimals = decimals
    }

    /// The table's amount style with this line's own decimals.
    public func style(in table: AmountStyle) -> AmountStyle {
        guard let decimals else { return table }
        var style = table
        style.decimals = decimals
        return style
    }
}

/// A group of lines with a total of its own: Mark prints its budget by kind (intäkter, kostnader)
/// and by main activity, each adding up to the same net cost.
public struct BudgetSection: Hashable, Sendable {
    /// Printed as a row of its own above the lines ("Huvudverksamheter"), when given.
    public var title: String?
    public var lines: [BudgetLine]
    /// The label of the total row ("Summa för nämnden", "Nettokostnader"; "" prints an unlabelled row).
    public var totalLabel: String
    /// Totals as a transcribed document printed them. Never used as totals: they are compared with the
    /// computed ones so a controller sees where a source's sum disagrees with its own lines.
    public var printedTotals: [BudgetColumn: Decimal]

    public init(title: String? = nil, lines: [BudgetLine], totalLabel: String = "Summa", printedTotals: [BudgetColumn: Decimal] = [:]) {
        self.title = title; self.lines = lines; self.totalLabel = totalLabel; self.printedTotals = printedTotals
    }
}

public struct OperatingBudget: Hashable, Sendable {
    public var unit: MoneyUnit
    public var sign: SignConvention
    public var columns: [BudgetColumn]
    public var sections: [BudgetSection]
    /// The council's frame per column (budgetram), as a positive net cost in `unit`.
    public var frame: [BudgetColumn: Decimal]
    /// How the table is printed: its name, headings and labels, and the number style.
    public var layout: BudgetLayout

    public init(unit: MoneyUnit, sign: SignConvention, columns: [BudgetColumn], sections: [BudgetSection], frame: [BudgetColumn: Decimal] = [:],
                layout: BudgetLayout = BudgetLayout()) {
        self.unit = unit; self.sign = sign; self.columns = columns; self.sections = sections; self.frame = frame; self.layout = layout
    }

    /// Whether the total row shows a figure in this column (Linköping prints totals only where the
    /// council set a frame; the outcome column's total is left empty).
    public func showsTotal(_ column: BudgetColumn) -> Bool {
        layout.totalsOnlyWhereFramed ? frame[column] != nil : true
    }

    /// The section's gross income or costs ("varav intäkter", "varav kostnader") for a column.
    public func ofWhich(_ role: BudgetLine.Role, _ section: BudgetSection, _ column: BudgetColumn) -> Decimal? {
        section.lines.first { $0.role == role }?.amounts[column]
    }

    /// The section's total for a column, as printed (the municipality's sign); nil when no line has an amount.
    public func total(_ section: BudgetSection, _ column: BudgetColumn) -> Decimal? {
        var sum: Decimal = 0
        var any = false
        for line in section.lines where line.role.counts {
            guard let amount = line.amounts[column] else { continue }
            switch line.role {
            case .income where sign == .costsPositive:
                sum -= amount
            default:
                sum += amount
            }
            any = true
        }
        return any ? sum : nil
    }

    /// The net cost for a column as a positive number when it is a cost, whatever the sign convention
    /// (the first section's total).
    public func netCost(_ column: BudgetColumn) -> Decimal? {
        guard let section = sections.first, let total = total(section, column) else { return nil }
        return sign == .costsPositive ? total : -total
    }

    /// Frame minus net cost: positive when the budget stays within the frame, negative when it exceeds it.
    /// The frame is an amount: written −59 689 in a table that prints costs negative, it is the same frame.
    public func frameDeviation(_ column: BudgetColumn) -> Decimal? {
        guard let frame = frame[column], let net = netCost(column) else { return nil }
        return abs(frame) - net
    }

    public enum Problem: Hashable, Sendable, CustomStringConvertible {
        /// Two sections (by kind, by activity) that should add up to the same net cost do not.
        case sectionsDisagree(column: BudgetColumn, first: Decimal, other: Decimal, section: String)
        /// The parts of a line add up to more than the line.
        case partsExceedLine(line: String, column: BudgetColumn)
        /// A "varav" line names a line that is not there.
        case partOfUnknownLine(line: String, parent: String)
        /// The budget does not match the council's frame.
        case outsideFrame(column: BudgetColumn, deviation: Decimal)
        /// A transcribed document's printed total differs from the sum of its lines.
        case printedTotalDiffers(column: BudgetColumn, printed: Decimal, computed: Decimal?, section: String)
        /// "varav kostnader" minus "varav intäkter" is not the net total.
        case grossDoesNotMatchNet(column: BudgetColumn, gross: Decimal, net: Decimal)

        public var description: String { text(decimals: nil) }

        /// In words, each figure with the table's decimals ("15,130" beside a table of 15,130, not "15,13"); nil: as many as it needs.
        public func text(decimals: Int?) -> String {
            func f(_ value: Decimal) -> String { decimals.map { SwedishNumber.format(value, decimals: $0) } ?? SwedishNumber.formatNatural(value) }
            return switch self {
            case .sectionsDisagree(let column, let first, let other, let section):
                "\(column.printedHeading): \(section) summerar till \(f(other)), men nettokostnaden är \(f(first))"
            case .partsExceedLine(let line, let column):
                "\(column.printedHeading): delarna av \"\(line)\" är större än raden själv"
            case .partOfUnknownLine(let line, let parent):
                "\"\(line)\" är en del av \"\(parent)\", som inte finns i budgeten"
            case .outsideFrame(let column, let deviation):
                "\(column.printedHeading): budgeten avviker från ramen med \(f(deviation))"
            case .printedTotalDiffers(let column, let printed, let computed, let section):
                "\(column.printedHeading): förlagans summa för \(section) är \(f(printed)), men raderna summerar till "
                    + (computed.map { f($0) } ?? "ingenting") + " (skillnad \(f(printed - (computed ?? 0))))"
            case .grossDoesNotMatchNet(let column, let gross, let net):
                "\(column.printedHeading): kostnader minus intäkter är \(f(gross)), men nettokostnaden är \(f(net))"
            }
        }
    }

    /// What a controller must see before the budget is adopted.
    public func problems() -> [Problem] {
        var problems: [Problem] = []
        for column in columns {
            if let first = sections.first.flatMap({ total($0, column) }) {
                for section in sections.dropFirst() {
                    if let other = total(section, column), other != first {
                        problems.append(.sectionsDisagree(column: column, first: first, other: other, section: section.title ?? "en del av budgeten"))
                    }
                }
            }
            if let deviation = frameDeviation(column), deviation != 0 { problems.append(.outsideFrame(column: column, deviation: deviation)) }
            for section in sections {
                let computed = total(section, column)
                if let printed = section.printedTotals[column], printed != computed {
                    problems.append(.printedTotalDiffers(column: column, printed: printed, computed: computed, section: section.title ?? "nämnden"))
                }
                // Varav rows are gross amounts: plans write them positive under a net total of either sign (and
                // some with the table's sign). Costs less income, as amounts, is the net cost as an amount.
                if let costs = ofWhich(.ofWhichCosts, section, column), let income = ofWhich(.ofWhichIncome, section, column), let net = computed {
                    let gross = abs(costs) - abs(income)
                    let netCost = sign == .costsPositive ? net : -net
                    if gross != netCost {
                        problems.append(.grossDoesNotMatchNet(column: column, gross: sign == .costsPositive ? gross : -gross, net: net))
                    }
                }
            }
        }
        for section in sections {
            let byID = Dictionary(section.lines.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let parts = Dictionary(grouping: section.lines.compactMap { line -> (String, BudgetLine)? in
                if case .part(let parent) = line.role { return (parent, line) } else { return nil }
            }, by: \.0).mapValues { $0.map(\.1) }
            for (parentID, children) in parts.sorted(by: { $0.key < $1.key }) {
                guard let parent = byID[parentID] else {
                    problems += children.map { .partOfUnknownLine(line: $0.name, parent: parentID) }
                    continue
                }
                for column in columns {
                    guard let whole = parent.amounts[column] else { continue }
                    let sum = children.compactMap { $0.amounts[column] }.reduce(0, +)
                    if abs(sum) > abs(whole) { problems.append(.partsExceedLine(line: parent.name, column: column)) }
                }
            }
        }
        return problems
    }
}

/// How a budget table is printed: its caption, the first header cell, an optional row under the
/// header ("Belopp tkr"), the frame row's label and the number style.
public struct BudgetLayout: Hashable, Sendable {
    public var title: String
    /// The first header cell: "Nettokostnad", "(tkr)", "Driftbudget - Belopp i miljoner kronor (Mnkr)".
    public var heading: String
    /// A row under the header with no figures ("Belopp tkr").
    public var unitRow: String?
    public var frameLabel: String?
    public var totalsOnlyWhereFramed: Bool
    public var style: AmountStyle
    /// The section whose lines are followed up month by month: the level the committee binds its
    /// budget at (Mark binds per main activity, its second section).
    public var followUpSection: Int

    public init(title: String = "Driftbudget", heading: String = "", unitRow: String? = nil, frameLabel: String? = nil,
                totalsOnlyWhereFramed: Bool = false, style: AmountStyle = AmountStyle(), followUpSection: Int = 0) {
        self.title = title; self.heading = heading; self.unitRow = unitRow; self.frameLabel = frameLabel
        self.totalsOnlyWhereFramed = totalsOnlyWhereFramed; self.style = style; self.followUpSection = followUpSection
    }
}

/// How amounts are printed: decimals, a space after the minus sign ("- 723", as Söderköping prints),
/// and what an empty cell shows ("" or "-").
public struct AmountStyle: Hashable, Sendable {
    public var decimals: Int
    public var spaceAfterMinus: Bool
    public var empty: String

    public init(decimals: Int = 0, spaceAfterMinus: Bool = false, empty: String = "") {
        self.decimals = decimals; self.spaceAfterMinus = spaceAfterMinus; self.empty = empty
    }

    public func format(_ amount: Decimal?) -> String {
        guard let amount else { return empty }
        let text = SwedishNumber.format(amount, decimals: decimals)
        return spaceAfterMinus && text.hasPrefix("−") ? "− " + text.dropFirst() : text
    }
}

/// A frame moved between committees ("1 777 tkr från och med år 2021"), recorded once and shown in
/// both committees' budgets: as an addition to the receiver's frame and a deduction from the giver's.
public struct FrameTransfer: Hashable, Sendable {
    public var id: String
    public var fromUnitID: String
    public var toUnitID: String
    public var amount: Decimal
    public var unit: MoneyUnit
    public var fromYear: Int
    public var text: String

    public init(id: String = "", fromUnitID: String, toUnitID: String, amount: Decimal, unit: MoneyUnit, fromYear: Int, text: String) {
        self.id = id; self.fromUnitID = fromUnitID; self.toUnitID = toUnitID; self.amount = amount; self.unit = unit; self.fromYear = fromYear; self.text = text
    }

    /// The change to `unitID`'s frame in `year` (0 when the transfer does not concern it or has not begun).
    public func frameChange(for unitID: String, year: Int) -> Decimal {
        guard year >= fromYear else { return 0 }
        if unitID == toUnitID { return amount }
        if unitID == fromUnitID { return -amount }
        return 0
    }
}
