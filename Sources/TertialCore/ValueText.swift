import Foundation

/// A value cell as a person writes it: a number ("118", "8,2%", "4 319"), or a marker
/// ("i.u", "Nytt mått"). The text is kept exactly; the number and marker are read from it.
public struct ValueText: Hashable, Sendable {
    public let text: String
    public let number: Decimal?
    public let marker: ValueMarker?

    public init(_ raw: String) throws(ValueParseError) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ValueParseError(text: raw, problem: "är tomt") }
        self.text = raw
        if let marker = ValueMarker(printed: text) {
            self.number = nil
            self.marker = marker
        } else if text == "-" || text == "–" {
            self.number = nil
            self.marker = .noData
        } else if let (number, rest) = SwedishNumber.parseLeading(text),
                  ["", "%", "st", "dagar", "kr", "tkr", "mnkr"].contains(rest.trimmingCharacters(in: .whitespaces).lowercased()) {
            self.number = number
            self.marker = nil
        } else {
            throw ValueParseError(text: raw, problem: "är inget tal och ingen markering (i.u., nytt mått, ej aktuellt)")
        }
    }

    /// A value entered as a number, written the Swedish way.
    public init(number: Decimal, decimals: Int) {
        self.text = SwedishNumber.format(number, decimals: decimals, group: " ")
        self.number = number
        self.marker = nil
    }

    public init(marker: ValueMarker) {
        self.text = marker.label
        self.number = nil
        self.marker = marker
    }
}

public struct ValueParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public let problem: String
    public var description: String { "\"\(text)\" \(problem)" }
}

/// One value of an indicator or tracking measure: for a period, a gender and a kind.
public struct ValueEntry: Hashable, Sendable {
    public let period: Period
    public let gender: Gender
    public let kind: ValueKind
    public let value: ValueText
    public let comment: String?

    public init(period: Period, gender: Gender = .total, kind: ValueKind, value: ValueText, comment: String? = nil) {
        self.period = period
        self.gender = gender
        self.kind = kind
        self.value = value
        self.comment = comment
    }
}

/// Nuläge: the baseline as printed ("5,6 % 2018", "1510 (2018)", "Nytt mått"), with what can be read from it.
public struct Baseline: Hashable, Sendable {
    public let text: String
    public var number: Decimal? { SwedishNumber.parseLeading(text).map(\.0) }
    public var marker: ValueMarker? { ValueMarker(printed: text) }
    /// The last four-digit year in the text, if any.
    public var year: Int? {
        let tokens = text.split(whereSeparator: { !$0.isNumber })
        return tokens.reversed().compactMap { $0.count == 4 ? Int($0) : nil }.first { (1900...2200).contains($0) }
    }

    public init(text: String) { self.text = text }
}
