import Foundation

/// Swedish number formatting and parsing (sv-SE): space as thousands separator, comma as
/// decimal separator, and a real minus sign accepted on input ("−10", "- 723", "1 560 188", "6,8").
///
/// Formatting uses U+00A0 (no-break space) between digit groups, so a figure never breaks
/// across lines in a table cell; parsing accepts any kind of space.
public enum SwedishNumber {
    public static let groupSeparator: Character = "\u{00A0}"

    /// Parses a plain Swedish number. Returns nil when `text` is not exactly a number
    /// (a trailing unit or other words are not accepted here; see `parseLeading`).
    public static func parse(_ text: String) -> Decimal? {
        guard let (value, rest) = parseLeading(text), rest.allSatisfy(\.isWhitespace) else { return nil }
        return value
    }

    /// Parses a number at the start of `text` (after optional spaces and sign) and returns it
    /// with the rest of the string, e.g. "95% inom 120 dgr" → (95, "% inom 120 dgr").
    public static func parseLeading(_ text: Substring) -> (Decimal, Substring)? {
        if let number = plainASCII(text) { return (number, text[text.endIndex...]) }
        return parseLeadingCharacters(text)
    }

    /// The common case, read from bytes: "55", "-3.5", "6,8" and nothing else (at most 18 digits). The
    /// same number the general reader gives (a test compares them); anything else goes to it.
    static func plainASCII(_ text: Substring) -> Decimal? {
        var significand: UInt64 = 0, digits = 0, fraction = 0, negative = false, sawPoint = false, index = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return nil }
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if sawPoint { fraction += 1 }
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !sawPoint, digits > 0 else { return nil }
                sawPoint = true
            default:
                return nil
            }
            index += 1
        }
        guard digits > 0, !sawPoint || fraction > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(significand))
    }

    static func parseLeadingCharacters(_ text: Substring) -> (Decimal, Substring)? {
        var index = text.startIndex
        func skipSpaces() { while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) } }
        skipSpaces()
        var negative = false
        if index < text.endIndex, "-−–+".contains(text[index]) {
            negative = text[index] != "+"
            index = text.index(after: index)
            skipSpaces()
        }
        var digits = ""
        var sawDecimal = false
        var lastDigitEnd = index
        while index < text.endIndex {
            let c = text[index]
            if c.isASCII, c.isNumber {
                digits.append(c)
                index = text.index(after: index)
                lastDigitEnd = index
            } else if (c == "," || c == "."), !sawDecimal, !digits.isEmpty,
                      let next = text[text.index(after: index)...].first, next.isASCII, next.isNumber {
                // "." is accepted as decimal point too (pasted from English sources).
                sawDecimal = true
                digits.append(".")
                index = text.index(after: index)
            } else if (c == " " || c == "\u{00A0}" || c == "\u{202F}"), !sawDecimal, !digits.isEmpty,
                      isGroupContinuation(text[text.index(after: index)...]) {
                index = text.index(after: index) // a thousands separator: exactly three digits follow
            } else {
                break
            }
        }
        guard !digits.isEmpty, let magnitude = Decimal(string: digits, locale: posix) else { return nil }
        return (negative ? -magnitude : magnitude, text[lastDigitEnd...])
    }

    public static func parseLeading(_ text: String) -> (Decimal, Substring)? { parseLeading(text[...]) }

    /// Made once: a Locale made per number was most of the cost of reading a plan's values.
    static let posix = Locale(identifier: "en_US_POSIX")

    private static func isGroupContinuation(_ rest: Substring) -> Bool {
        let group = rest.prefix(4)
        let digits = group.prefix { $0.isASCII && $0.isNumber }
        return digits.count == 3 && (group.count == 3 || !(group.last!.isASCII && group.last!.isNumber))
    }

    /// Formats `value` with `decimals` fraction digits, e.g. 1560188 → "1 560 188", 6.8 → "6,8".
    /// A count: "1 048 576".
    public static func format(_ count: Int) -> String { format(Decimal(count)) }

    public static func format(_ value: Decimal, decimals: Int = 0, group: Character = groupSeparator) -> String {
        var rounded = Decimal()
        var input = value
        NSDecimalRound(&rounded, &input, decimals, .plain)
        let negative = rounded < 0
        let plain = NSDecimalNumber(decimal: negative ? -rounded : rounded).stringValue
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < decimals { fraction += String(repeating: "0", count: decimals - fraction.count) }
        var grouped = ""
        for (offset, digit) in integer.reversed().enumerated() {
            if offset > 0, offset % 3 == 0 { grouped.append(group) }
            grouped.append(digit)
        }
        var result = String(grouped.reversed())
        if decimals > 0 { result += "," + fraction }
        let isZero = rounded == 0
        return (negative && !isZero ? "−" : "") + result
    }

    /// Formats with as many decimals as the value needs, up to `maxDecimals` ("6,8", "98", "3,25").
    public static func formatNatural(_ value: Decimal, maxDecimals: Int = 4) -> String {
        for decimals in 0...maxDecimals {
            var rounded = Decimal()
            var input = value
            NSDecimalRound(&rounded, &input, decimals, .plain)
            if rounded == value { return format(value, decimals: decimals) }
        }
        return format(value, decimals: maxDecimals)
    }
}
