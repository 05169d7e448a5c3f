import Foundation

/// A value cell as a person writes it: a number ("118", "8,2%", "4 319"), a marker ("i.u",
/// "Nytt mått"), or a text that plans print where a figure would stand (">98%", "52%/47%",
/// "79% resp 84%"). The text is kept exactly; the number and marker are read from it. A text
/// value has a number only when it holds exactly one (">98%" → 98, with its comparison kept in the
/// text); with several numbers a person assesses it.
public struct ValueText: Hashable, Sendable {
    public let text: String
    public let number: Decimal?
    public let marker: ValueMarker?
    /// True for a text value (">98%", "52%/47%"): shown as written, never reformatted.
    public let isText: Bool

    /// Longest value text (the interchange format's limit for names).
    public static let maxLength = 2_000
    /// Units a value may carry after its number.
    public static let units: Set<String> = ["", "%", "st", "dagar", "dgr", "kr", "tkr", "mkr", "mnkr", "kr/inv", "år", "timmar", "tim", "h",
                                            "personer", "poäng", "ggr", "min", "minuter", "procent", "antal"]
    /// Words that join two figures in one cell: "52%/47%", "79% resp 84%".
    static let joiners: Set<String> = ["/", "resp", "resp.", "respektive", "och", ";", "|"]

    public init(_ raw: String) throws(ValueParseError) {
        // Most stored values are plain numbers ("55.3", "6,8"): read from bytes, what the rules below
        // would make of them (no control character, no marker, no unit).
        if let number = SwedishNumber.plainASCII(raw[...]) {
            self.text = raw; self.number = number; self.marker = nil; self.isText = false
            return
        }
        if let problem = Self.formProblem(raw) { throw ValueParseError(text: raw, problem: problem) }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ValueParseError(text: raw, problem: "är tomt") }
        self.text = raw
        if let marker = ValueMarker(printed: text) {
            self.number = nil; self.marker = marker; self.isText = false
        } else if text == "-" || text == "–" {
            self.number = nil; self.marker = .noData; self.isText = false
        } else if let number = Self.plainNumber(text[...]) {
            self.number = number; self.marker = nil; self.isText = false
        } else if let (comparison, rest) = Self.comparison(text), let number = Self.plainNumber(rest) {
            _ = comparison
            self.number = number; self.marker = nil; self.isText = true
        } else if Self.isSeveralFigures(text) || Self.isAccountWithFigures(text) {
            self.number = nil; self.marker = nil; self.isText = true
        } else {
            throw ValueParseError(text: raw, problem: "är inget tal och ingen markering (i.u., nytt mått, ej aktuellt)")
        }
    }

    /// The text as it is stored when a person enters it: trimmed, and a number written with a decimal
    /// point ("6.8", pasted from an English source) written the Swedish way ("6,8").
    public var canonicalText: String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !isText, marker == nil, number != nil, trimmed.filter({ $0 == "." }).count == 1, !trimmed.contains(",") else { return trimmed }
        return trimmed.replacingOccurrences(of: ".", with: ",")
    }

    /// Control characters and length: what no stored text may have (the interchange format's rules).
    public static func formProblem(_ raw: String, maxLength: Int = maxLength) -> String? {
        if raw.count > maxLength { return "är för långt (\(raw.count) tecken, högst \(maxLength))" }
        if raw.hasControlCharacters { return "innehåller otillåtna styrtecken" }
        return nil
    }

    /// "118", "8,2 %", "4 319 kr": one number and at most a unit.
    static func plainNumber(_ text: Substring) -> Decimal? {
        guard let (number, rest) = SwedishNumber.parseLeading(text),
              units.contains(rest.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
        return number
    }

    /// ">98%", "≥ 90", "minst 5": a comparison before one number.
    static func comparison(_ text: String) -> (String, Substring)? {
        for prefix in [">=", "<=", "≥", "≤", ">", "<", "ca", "cirka", "minst", "högst", "över", "under"] {
            if text.lowercased().hasPrefix(prefix) {
                let rest = text.dropFirst(prefix.count)
                if prefix.first!.isLetter, let next = rest.first, !next.isWhitespace { continue }
                return (prefix, rest)
            }
        }
        return nil
    }

    /// An outcome written as words with two or more figures, as annual reports print them ("LSS 96 % VB
    /// 94 %", "19 i arbete (11 studier)"): held as text for a person to assess. One figure with a word
    /// that is no unit ("5 äpplen", "9O") stays an error: it is most often a slip.
    static func isAccountWithFigures(_ text: String) -> Bool {
        var groups = 0, previous: Character = " "
        for c in text {
            let digit = c.isASCII && c.isNumber
            if digit, !(previous.isASCII && previous.isNumber), previous != "," { groups += 1 }  // "6,8" is one figure
            // A letter against a digit ("1O8", "9O") is a slip, not an account.
            if (digit && previous.isLetter) || (c.isLetter && previous.isASCII && previous.isNumber) { return false }
            previous = c
        }
        let words = text.split { !$0.isLetter }.filter { $0.count >= 2 }
        return groups >= 2 && !words.isEmpty
    }

    /// "52%/47%", "79% resp 84%", "12 / 14": two or more figures joined by "/", "resp", "och", ";".
    static func isSeveralFigures(_ text: String) -> Bool { figures(text) != nil }

    /// The figures of "52 %/47 %", "79 % resp 84 %" in order, or nil when the text is not two or more
    /// figures joined that way. A target written so is compared part by part with a value written so.
    public static func figures(_ text: String) -> [Decimal]? {
        var rest = text[...]
        var figures: [Decimal] = []
        while true {
            guard let (number, after) = SwedishNumber.parseLeading(rest) else { return nil }
            // The unit runs up to the next joiner.
            var tail = after.drop { $0.isWhitespace }
            var unit = ""
            while let c = tail.first, !(c.isASCII && c.isNumber), c != "/", c != ";", c != "|", !c.isWhitespace { unit.append(c); tail = tail.dropFirst() }
            guard units.contains(unit.lowercased()) else { return nil }
            figures.append(number)
            tail = tail.drop { $0.isWhitespace }
            if tail.isEmpty { return figures.count >= 2 ? figures : nil }
            var joiner = ""
            if let c = tail.first, "/;|".contains(c) {
                joiner = String(c); tail = tail.dropFirst()
            } else {
                while let c = tail.first, c.isLetter || c == "." { joiner.append(c); tail = tail.dropFirst() }
            }
            guard joiners.contains(joiner.lowercased()) else { return nil }
            rest = tail
        }
    }

    /// A value entered as a number, written the Swedish way.
    public init(number: Decimal, decimals: Int) {
        self.text = SwedishNumber.format(number, decimals: decimals, group: " ")
        self.number = number
        self.marker = nil
        self.isText = false
    }

    public init(marker: ValueMarker) {
        self.text = marker.label
        self.number = nil
        self.marker = marker
        self.isText = false
    }
}

public struct ValueParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let text: String
    public let problem: String
    public init(text: String, problem: String) { self.text = text; self.problem = problem }
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

extension String {
    /// Control characters other than line feed and tab: what no stored text may hold (they break
    /// XML in Word and Excel files, and a carriage return is a header line break).
    public var hasControlCharacters: Bool {
        // Such characters are single bytes in UTF-8, never part of another character's bytes.
        utf8.contains { ($0 < 0x20 && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\t")) || $0 == 0x7F }
    }
}
