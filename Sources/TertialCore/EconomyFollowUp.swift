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

    public init(id: String, name: String, earlierBudget: Decimal? = nil, accumulatedOutcome: Decimal? = nil, budgetByYear: [Int: Decimal],
                totalForecast: Decimal? = nil, income: [Int: Decimal] = [:]) {
        self.id = id; self.name = name; self.earlierBudget = earlierBudget; self.accumulatedOutcome = accumulatedOutcome
        self.budgetByYear = budgetByYear; self.totalForecast = totalForecast; self.income = income
    }

    /// "Total budget": earlier years' budget and every year's.
    public var totalBudget: Decimal { (earlierBudget ?? 0) + budgetByYear.values.reduce(0, +) }
}

/// A committee's investments with the investment frame (investeringsram) per year.
public struct InvestmentBudget: Hashable, Sendable {
    public var unit: MoneyUnit
    public var sign: SignConvention
    public var investments: [Investment]
    public var frame: [Int: Decimal]

    public init(unit: MoneyUnit, sign: SignConvention, investments: [Investment], frame: [Int: Decimal] = [:]) {
        self.unit = unit; self.sign = sign; self.investments = investments; self.frame = frame
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
        return frame - (sign == .costsNegative ? -total : total)
    }
}

/// A volume measure's value: a number, or words the plan prints ("Ökning", "Oförändrat").
public enum VolumeValue: Hashable, Sendable {
    case number(Decimal)
    case words(String)

    /// Reads a cell as printed: "1 049" is a number, "Ökning/oförändrat" words, "" nothing.
    public init?(printed: String) {
        let text = printed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        if let number = SwedishNumber.parse(text) { self = .number(number) } else { self = .words(text) }
    }
}

/// A grouped volume measure (volymmått) with a value per column and the footnote naming its source.
public struct VolumeMeasure: Hashable, Sendable {
    public var id: String
    public var group: String?
    public var name: String
    public var values: [BudgetColumn: VolumeValue]
    /// "¹ Källa Treserva Ärendestatistik per den 31/12 …".
    public var footnote: String?

    public init(id: String, group: String? = nil, name: String, values: [BudgetColumn: VolumeValue], footnote: String? = nil) {
        self.id = id; self.group = group; self.name = name; self.values = values; self.footnote = footnote
    }
}

/// One budget line's economic follow-up for a month: the year's budget, the outcome so far, the
/// forecast for the whole year and what the deviation means.
public struct MonthlyFollowUp: Hashable, Sendable {
    public var lineID: String
    public var year: Int
    public var month: Int
    public var annualBudget: Decimal
    public var outcomeToDate: Decimal
    public var forecast: Decimal
    /// The measures taken, required when the deviation passes the threshold.
    public var comment: String?

    public init(lineID: String, year: Int, month: Int, annualBudget: Decimal, outcomeToDate: Decimal, forecast: Decimal, comment: String? = nil) {
        self.lineID = lineID; self.year = year; self.month = month; self.annualBudget = annualBudget
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
