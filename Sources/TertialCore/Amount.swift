import Foundation

/// Amounts of money and other figures that are stored as numbers (budget lines, outcomes,
/// forecasts, thresholds): one rule for every path that writes one — a form, a ledger file, an
/// import, the validator — so that nothing stored can later fail the validator.
///
/// A file may write an amount in machine form ("-59200", "28.1") or as plans print it ("10 135",
/// "- 6 279", "0,800"): one reader for both, the same Swedish number reader as values and forms. It
/// is written back in machine form. An amount has at most
/// `maxIntegerDigits` digits before the decimal point (a municipality's largest budget has 13) and
/// at most `maxDecimals` after it (a share of 0,000001 % is 0.00000001).
public enum Amount {
    public static let maxIntegerDigits = 15
    public static let maxDecimals = 8

    /// An amount as a file writes it (see `read`), within the range. Nil for anything else.
    public static func parse(_ text: String) -> Decimal? { try? read(text).get() }

    /// An amount as a file writes it — machine form, or printed as a Swedish figure — or why it is none.
    public static func read(_ text: String) -> Result<Decimal, Refused> {
        switch readMachineForm(text) {
        case .failure(.notANumber): return parseSwedish(text)
        case let result: return result
        }
    }

    /// The machine form only: an optional "-", digits, optionally "." and digits.
    static func readMachineForm(_ text: String) -> Result<Decimal, Refused> {
        var body = Substring(text)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return .failure(.notANumber)
        }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return .failure(.notANumber) }
        if let problem = problem(value) { return .failure(problem) }
        // Written longer than any amount in the range ("0000…1"): not an amount of the format.
        guard body.count <= maxIntegerDigits + maxDecimals + 1 else { return .failure(.notANumber) }
        return .success(value)
    }

    /// A Swedish figure typed in a form or read from a file ("1 560 188", "-38,5", "−10"), within the range.
    public static func parseSwedish(_ text: String) -> Result<Decimal, Refused> {
        guard let value = SwedishNumber.parse(text) else { return .failure(.notANumber) }
        if let problem = problem(value) { return .failure(problem) }
        return .success(value)
    }

    public static func write(_ amount: Decimal) -> String { NSDecimalNumber(decimal: amount).stringValue }

    /// Why an amount cannot be stored, or nil.
    public static func problem(_ value: Decimal) -> Refused? {
        guard value.isFinite else { return .notANumber }
        let written = write(value)
        let digits = written.drop { $0 == "-" }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        if parts[0].count > maxIntegerDigits { return .tooLarge }
        if parts.count > 1, parts[1].count > maxDecimals { return .tooManyDecimals }
        return nil
    }

    public enum Refused: Error, Hashable, Sendable, CustomStringConvertible {
        case notANumber, tooLarge, tooManyDecimals
        public var description: String {
            switch self {
            case .notANumber: "är inget belopp"
            case .tooLarge: "är för stort (högst \(Amount.maxIntegerDigits) siffror före decimaltecknet)"
            case .tooManyDecimals: "har för många decimaler (högst \(Amount.maxDecimals))"
            }
        }
    }
}
