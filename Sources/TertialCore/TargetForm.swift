import Foundation

public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case atLeast = "≥", atMost = "≤", equal = "=", greater = ">", less = "<"
}

/// How an outcome this year must relate to last year's outcome.
public enum PreviousYearRelation: String, Sendable, Hashable, CaseIterable {
    case better, worse, higher, lower
}

/// The forms a target takes in real plans. The text as printed is kept beside the form
/// (see `Target`); the form is what evaluation works on.
public enum TargetForm: Hashable, Sendable {
    /// "≥ 90 %", "≤108", "= 100%", "< 1500", "> 90 %", "85% >".
    case comparison(ComparisonOperator, Decimal)
    /// A bare number ("12", "95", "6,0"): the indicator's direction says whether it is a
    /// floor (higher is better), a ceiling (lower is better) or an exact level.
    case level(Decimal)
    /// "70-100": inside the range is met.
    case range(Decimal, Decimal)
    /// "Bättre än föregående år", "< föregående år", "> förgående år".
    case versusPreviousYear(PreviousYearRelation)
    /// "-10% jmf med föregående år": a change relative to last year's outcome, in percent.
    case relativeChange(percent: Decimal)
    /// "2 nya", "Två nya": at least this many new things this year.
    case countNew(Int)
    /// "95% inom 120 dgr": the indicator measures the share handled within the limit; the target is the share.
    case shareWithin(share: Decimal, limit: Decimal, limitUnit: String)
    /// "Riktning: öka" — only a direction, compared with last year.
    case direction(Direction)
    /// Plain words a person assesses ("Två stadsdelar", "Månatlig kontroll och analys").
    case text

    /// Short Swedish name of the form, for the interface and documentation.
    public var label: String {
        switch self {
        case .comparison: "Jämförelse"
        case .level: "Nivå"
        case .range: "Intervall"
        case .versusPreviousYear: "Mot föregående år"
        case .relativeChange: "Förändring mot föregående år"
        case .countNew: "Antal nya"
        case .shareWithin: "Andel inom tidsgräns"
        case .direction: "Riktning"
        case .text: "Text"
        }
    }
}

/// A target for one year, keeping the text exactly as the plan printed it.
public struct Target: Hashable, Sendable {
    public let year: Int
    public let text: String
    public let form: TargetForm

    public init(year: Int, text: String) throws(TargetParseError) {
        self.year = year
        self.text = text
        self.form = try TargetParser.parse(text)
    }
}

public struct TargetParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public let problem: String
    public var description: String { "\"\(text)\" \(problem)" }
}
