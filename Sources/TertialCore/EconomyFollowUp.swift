import Foundation

// Investments, volumes and the monthly economic follow-up as typed values (issue 10). Like
// `OperatingBudget`, arithmetic and rules only; storage, the interchange format and documents adapt them.

/// An investment project or category (Söderköping: Välfärdsteknik, Inventarier; Mark: Investeringsram):
/// earlier years' budget, accumulated outcome, budget per year, and the totals a plan prints.
public struct Investment: Hashable, Sendable {
    public var id: String
    public var name: String
    /// "Budget tidigare år", "Ombudgetering från 2022".
    public var earlierBudget: Decimal?
    /// "Ack utfall tom 2018".
    public var accumulatedOutcome: Decimal?
    public var budgetByYear: [Int: Decimal]
    /// The forecast of the whole investment, when the plan gives one ("Total prognos").
    public var totalForecast: Decimal?
    /// Income that finances it (a "varav inkomster" line); spending is the rest.
    public var income: [Int: Decimal]
    /// The group the plan prints it under with a subtotal ("Avslutade projekt", "Pågående projekt").
    public var group: String?

    public init(id: String, name: String, earlierBudget: Decimal? = nil, accumulatedOutcome: Decimal? = nil, budgetByYear: [Int: Decimal],
                totalForecast: Decimal? = nil, income: [Int: Decimal] = [:], group: String? = nil) {
        self.id = id; self.name = name; self.earlierBudget = earlierBudget; self.accumulatedOutcome = accumulatedOutcome
        self.budgetByYear = budgetByYear; self.totalForecast = totalForecast; self.income = income; self.group = group
    }

    /// "Total budget": earlier years' budget and every year's.
    public var totalBudget: Decimal { (earlierBudget ?? 0) + budgetByYear.values.reduce(0, +) }
}

/// A column of an investment table: earlier years' budget, accumulated outcome, a year, the total
/// budget (all years, or through a year: Mark's "Total budget 2023"), or the total forecast.
public enum InvestmentColumn: Hashable, Sendable {
    case earlierBudget(heading: String)
    case accumulatedOutcome(heading: String)
    case year(Int, heading: String)
    case totalBudget(heading: String, throughYear: Int?)
    case totalForecast(heading: String)

    public var heading: String {
        switch self {
        case .earlierBudget(let h), .accumulatedOutcome(let h), .year(_, let h), .totalBudget(let h, _), .totalForecast(let h): h
        }
    }
}

/// How an investment table is printed: caption, first header cell, the labels of the total, the
/// frame and the income/spending rows (none when not printed), and whether the frame comes first.
public struct InvestmentLayout: Hashable, Sendable {
    public var title: String
    public var heading: String
    /// nil: no total row (Mark's single line "Totala investeringar" is the whole budget).
    public var totalLabel: String?
    public var frameLabel: String?
    public var frameFirst: Bool
    /// "varav inkomster" / "varav utgifter" rows under the total (Linköping).
    public var incomeLabel: String?
    public var spendingLabel: String?
    public var style: AmountStyle

    public init(title: String = "Investeringar", heading: String = "", totalLabel: String? = "Summa", frameLabel: String? = nil,
                frameFirst: Bool = false, incomeLabel: String? = nil, spendingLabel: String? = nil, style: AmountStyle = AmountStyle()) {
        self.title = title; self.heading = heading; self.totalLabel = totalLabel; self.frameLabel = frameLabel; self.frameFirst = frameFirst
        self.incomeLabel = incomeLabel; self.spendingLabel = spendingLabel; self.style = style
    }
}

/// A committee's investments with the investment frame (investeringsram) per year.
public struct InvestmentBudget: Hashable, Sendable {
    public var unit: MoneyUnit
    public var sign: SignConvention
    public var investments: [Investment]
    public var frame: [Int: Decimal]
    public var columns: [InvestmentColumn]
    public var layout: InvestmentLayout
    /// Totals per column index as a transcribed document printed them (compared, never used).
    public var printedTotals: [Int: Decimal]

    public init(unit: MoneyUnit, sign: SignConvention, investments: [Investment], frame: [Int: Decimal] = [:], columns: [InvestmentColumn] = [],
                layout: InvestmentLayout = InvestmentLayout(), printedTotals: [Int: Decimal] = [:]) {
        self.unit = unit; self.sign = sign; self.investments = investments; self.frame = frame; self.columns = columns
        self.layout = layout; self.printedTotals = printedTotals
    }

    /// "Summa för nämnden" for a year, as printed.
    public func total(_ year: Int) -> Decimal? {
        let amounts = investments.compactMap { $0.budgetByYear[year] }
        return amounts.isEmpty ? nil : amounts.reduce(0, +)
    }

    public var totalBudget: Decimal { investments.map(\.totalBudget).reduce(0, +) }

    /// Frame minus spending (positive: within the frame), whatever the sign convention.
    public func frameDeviation(_ year: Int) -> Decimal? {
        guard let frame = frame[year], let total = total(year) else { return nil }
        // The frame is an amount, whatever sign the table writes it with.
        return abs(frame) - (sign == .costsNegative ? -total : total)
    }

    /// One investment's figure in a column (nil: an empty cell).
    public func amount(_ investment: Investment, _ column: InvestmentColumn) -> Decimal? {
        switch column {
        case .earlierBudget: return investment.earlierBudget
        case .accumulatedOutcome: return investment.accumulatedOutcome
        case .year(let year, _): return investment.budgetByYear[year]
        case .totalBudget(_, let through):
            let years = investment.budgetByYear.filter { through == nil || $0.key <= through! }.map(\.value)
            if investment.earlierBudget == nil && years.isEmpty { return nil }
            return (investment.earlierBudget ?? 0) + years.reduce(0, +)
        case .totalForecast: return investment.totalForecast
        }
    }

    /// The total row's figure in a column: the sum of the lines, nil when no line has one.
    public func total(_ column: InvestmentColumn) -> Decimal? {
        let amounts = investments.compactMap { amount($0, column) }
        return amounts.isEmpty ? nil : amounts.reduce(0, +)
    }

    /// Income ("varav inkomster") in a column: the lines' income for a year, or all years for a total.
    public func income(_ column: InvestmentColumn) -> Decimal? {
        let amounts: [Decimal]
        switch column {
        case .year(let year, _): amounts = investments.compactMap { $0.income[year] }
        case .totalBudget(_, let through): amounts = investments.flatMap { $0.income.filter { through == nil || $0.key <= through! }.map(\.value) }
        default: amounts = []
        }
        return amounts.isEmpty ? nil : amounts.reduce(0, +)
    }

    /// The frame row's figure in a column: the year's frame, or for a total the frame of the years it covers.
    public func frame(_ column: InvestmentColumn) -> Decimal? {
        switch column {
        case .year(let year, _): return frame[year]
        case .totalBudget(_, let through):
            let years = frame.filter { through == nil || $0.key <= through! }.map(\.value)
            return years.isEmpty ? nil : years.reduce(0, +)
        default: return nil
        }
    }

    /// Where a transcribed document's printed totals disagree with the lines, in Swedish.
    /// Each figure with the table's decimals ("0,709" beside a table of 0,709).
    public func problems() -> [String] {
        func f(_ value: Decimal) -> String { SwedishNumber.format(value, decimals: layout.style.decimals) }
        var problems: [String] = []
        for (index, column) in columns.enumerated() {
            if let printed = printedTotals[index], printed != total(column) {
                let computed = total(column)
                problems.append("\(column.heading): förlagans summa är \(f(printed)), men raderna summerar till "
                                + (computed.map { f($0) } ?? "ingenting") + " (skillnad \(f(printed - (computed ?? 0))))")
            }
            if case .year(let year, _) = column, let deviation = frameDeviation(year), deviation < 0 {
                problems.append("\(column.heading): investeringarna överskrider ramen med \(f(-deviation))")
            }
        }
        return problems
    }
}

/// A volume measure's value: a number, or words the plan prints ("Ökning", "Oförändrat").
public enum VolumeValue: Hashable, Sendable {
    case number(Decimal)
    case words(String)

    /// Reads a cell as printed: "1 049" and "55%" are numbers, "Ökning/oförändrat" words, "" nothing.
    public init?(printed: String) {
        let text = printed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        if let number = SwedishNumber.parse(text) {
            self = .number(number)
        } else if text.hasSuffix("%"), let number = SwedishNumber.parse(String(text.dropLast())) {
            self = .number(number)
        } else {
            self = .words(text)
        }
    }
}

/// A grouped volume measure (volymmått) or personnel figure with a value per column, as printed
/// ("1049", "55%", "6,8", "Ökning", "-"), and the footnote naming its source.
public struct VolumeMeasure: Hashable, Sendable {
    public var id: String
    public var group: String?
    public var name: String
    public var values: [BudgetColumn: String]
    /// "Källa Treserva Ärendestatistik per den 31/12 …"; "" when the plan marks a note without its text.
    public var footnote: String?

    public init(id: String, group: String? = nil, name: String, values: [BudgetColumn: String], footnote: String? = nil) {
        self.id = id; self.group = group; self.name = name; self.values = values; self.footnote = footnote
    }

    public func value(_ column: BudgetColumn) -> VolumeValue? { values[column].flatMap(VolumeValue.init(printed:)) }
}

/// A table of volumes or personnel figures: columns by kind and year, measures in groups, footnotes
/// numbered in the order of the measures that have one, and comments printed under the table.
public struct VolumeTable: Hashable, Sendable {
    public enum Kind: String, Vocabulary {
        case volumes, personnel
        public var label: String { self == .volumes ? "Volymer" : "Personal" }
    }

    public var id: String
    public var kind: Kind
    public var title: String
    /// The first header cell ("Volymer", "Personal", or "").
    public var heading: String
    public var columns: [BudgetColumn]
    public var measures: [VolumeMeasure]
    public var notes: [String]

    public init(id: String, kind: Kind, title: String, heading: String, columns: [BudgetColumn], measures: [VolumeMeasure], notes: [String] = []) {
        self.id = id; self.kind = kind; self.title = title; self.heading = heading; self.columns = columns; self.measures = measures; self.notes = notes
    }

    static let superscripts: [Character] = ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    /// The footnote marker of a measure ("¹"), nil when it has none.
    public func marker(of measure: VolumeMeasure) -> String? {
        guard measure.footnote != nil else { return nil }
        let index = measures.filter { $0.footnote != nil }.firstIndex { $0.id == measure.id } ?? 0
        return index < Self.superscripts.count ? String(Self.superscripts[index]) : "(\(index + 1))"
    }

    /// The footnotes with their markers, for those that have a text.
    public var footnotes: [(marker: String, text: String)] {
        measures.compactMap { measure in
            guard let text = measure.footnote, !text.isEmpty, let marker = marker(of: measure) else { return nil }
            return (marker, text)
        }
    }
}

/// One budget line's economic follow-up for a month: the year's budget, the outcome so far, the
/// forecast for the whole year and what the deviation means.
public struct MonthlyFollowUp: Hashable, Sendable {
    /// The operating budget the line belongs to (a plan may print more than one).
    public var budgetID: String
    public var lineID: String
    public var year: Int
    public var month: Int
    public var annualBudget: Decimal
    public var outcomeToDate: Decimal
    public var forecast: Decimal
    /// The measures taken, required when the deviation passes the threshold.
    public var comment: String?

    public init(budgetID: String = "", lineID: String, year: Int, month: Int, annualBudget: Decimal, outcomeToDate: Decimal, forecast: Decimal, comment: String? = nil) {
        self.budgetID = budgetID; self.lineID = lineID; self.year = year; self.month = month; self.annualBudget = annualBudget
        self.outcomeToDate = outcomeToDate; self.forecast = forecast; self.comment = comment
    }

    /// Budget minus forecast for net costs written positive: negative is a forecast overspend.
    public func deviation(sign: SignConvention) -> Decimal {
        sign == .costsPositive ? annualBudget - forecast : forecast - annualBudget
    }

    /// The share of the year's budget used so far, against the share of the year passed (month/12).
    public var burnRate: Decimal? {
        guard annualBudget != 0 else { return nil }
        return outcomeToDate / annualBudget
    }
}

/// When a forecast deviation needs an explanation: a municipality sets an amount, a share of the
/// budget, or both (whichever is passed first).
public struct DeviationThreshold: Hashable, Sendable {
    public var amount: Decimal?
    public var share: Decimal?

    public init(amount: Decimal? = nil, share: Decimal? = nil) {
        self.amount = amount; self.share = share
    }

    public static let standard = DeviationThreshold(share: Decimal(string: "0.01")!)

    public func requiresComment(_ followUp: MonthlyFollowUp, sign: SignConvention) -> Bool {
        let deviation = abs(followUp.deviation(sign: sign))
        if let amount, deviation > amount { return true }
        if let share, followUp.annualBudget != 0, deviation > abs(followUp.annualBudget) * share { return true }
        return false
    }
}

public enum EconomyFollowUpError: Error, Hashable, Sendable, CustomStringConvertible {
    case commentRequired(line: String, deviation: Decimal, unit: MoneyUnit)
    public var description: String {
        switch self {
        case .commentRequired(let line, let deviation, let unit):
            "\(line): prognosen avviker från budgeten med \(SwedishNumber.formatNatural(deviation)) \(unit.label). Beskriv vilka åtgärder som vidtas."
        }
    }
}

extension MonthlyFollowUp {
    /// Checks that a deviation beyond the threshold comes with the measures taken.
    public func validated(lineName: String, threshold: DeviationThreshold, sign: SignConvention, unit: MoneyUnit) throws(EconomyFollowUpError) -> MonthlyFollowUp {
        let comment = (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if threshold.requiresComment(self, sign: sign) && comment.isEmpty {
            throw .commentRequired(line: lineName, deviation: deviation(sign: sign), unit: unit)
        }
        return self
    }
}
