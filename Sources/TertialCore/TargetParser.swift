import Foundation

/// Reads a target as people write it in plans. Anything that starts like a number must be a
/// number we understand ("≥ 9O" is an error, not text); anything that starts with a word is a
/// known phrase ("Två nya", "Bättre än föregående år") or else plain text for a person to assess.
/// Every form a value may take, a target may take too (issue 22): "15 mkr" is a level, and figures
/// as plans print them in one cell ("52 %/47 %", "79 % resp 84 %") are assessed by a person.
public enum TargetParser {
    /// The forms a target is written in, for messages.
    public static let forms = "≥ 90 %, ≤ 108, 70-100, 15 mkr, -10 % jmf med föregående år, 95 % inom 120 dagar, 1 ny, 2 nya, "
        + "Bättre än föregående år, Riktning: öka, 52 %/47 % – eller ord som bedöms av en person"

    /// Words after a count of new things: "1 ny", "ett nytt", "2 nya".
    static let newWords: Set<String> = ["ny", "nytt", "nya"]

    static let wordNumbers: [String: Int] = [
        "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
    ]
    /// Units and tokens that may follow a number in a target.
    static let units: Set<String> = Set(["%", "procent", "dagar", "dgr", "dag", "st", "kr", "tkr", "mnkr", "år", "timmar", "tim", "h", "personer", "poäng", "ggr"])
        .union(ValueText.units.subtracting([""]))

    public static func parse(_ raw: String) throws(TargetParseError) -> TargetForm {
        do {
            return try parseForm(raw)
        } catch {
            // What a value may be, a target may be: several figures in one cell are assessed by a person.
            if let value = try? ValueText(raw), value.marker == nil, value.isText { return .text }
            throw error
        }
    }

    static func parseForm(_ raw: String) throws(TargetParseError) -> TargetForm {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw TargetParseError(text: raw, problem: "är tomt") }
        let lower = text.lowercased()

        // Comparison with last year, in words or with an operator.
        if lower.hasPrefix("bättre än föregående år") || lower.hasPrefix("bättre än förgående år") { return .versusPreviousYear(.better) }
        if lower.hasPrefix("sämre än föregående år") || lower.hasPrefix("sämre än förgående år") { return .versusPreviousYear(.worse) }
        if lower.hasPrefix("riktning") || ["öka", "minska", "bibehålla"].contains(lower) {
            let word = lower.replacingOccurrences(of: "riktning", with: "").trimmingCharacters(in: CharacterSet(charactersIn: ": ").union(.whitespaces))
            switch word {
            case "öka", "ökning": return .direction(.increase)
            case "minska", "minskning": return .direction(.decrease)
            case "bibehålla", "oförändrat": return .direction(.maintain)
            default: throw TargetParseError(text: raw, problem: "har ingen känd riktning (öka, minska, bibehålla)")
            }
        }

        let (leadingOp, afterOp) = splitOperator(text)
        let body = afterOp.trimmingCharacters(in: .whitespaces)
        if let op = leadingOp, op == .greater || op == .less, isPreviousYear(body.lowercased()) {
            return .versusPreviousYear(op == .greater ? .higher : .lower)
        }

        guard let first = body.first else { throw TargetParseError(text: raw, problem: "saknar värde efter \(leadingOp?.rawValue ?? "")") }
        let startsNumeric = first.isNumber || ("-−–".contains(first) && body.dropFirst().first?.isNumber == true)
        if !startsNumeric {
            // Words: a count of new things, or plain text (an operator in front of words stays part of the text).
            let words = lower.split(separator: " ")
            if words.count == 2, newWords.contains(String(words[1])), let n = wordNumbers[String(words[0])] { return .countNew(n) }
            return .text
        }

        guard let (number, restSub) = SwedishNumber.parseLeading(body[...]) else {
            throw TargetParseError(text: raw, problem: "är inget tal")
        }
        var rest = restSub.trimmingCharacters(in: .whitespaces)
        // A range: "70-100", "70–100".
        if leadingOp == nil, let dash = rest.first, "-–−".contains(dash) {
            let upperText = rest.dropFirst()
            guard let (upper, tail) = SwedishNumber.parseLeading(upperText), isUnitOrNote(tail.trimmingCharacters(in: .whitespaces)) else {
                throw TargetParseError(text: raw, problem: "är inget intervall (t.ex. 70-100)")
            }
            guard upper >= number else { throw TargetParseError(text: raw, problem: "har en övre gräns som är lägre än den undre") }
            return .range(number, upper)
        }
        var percent = false
        if rest.hasPrefix("%") { percent = true; rest = String(rest.dropFirst()).trimmingCharacters(in: .whitespaces) }
        let restLower = rest.lowercased()
        // "-10% jmf med föregående år"
        if leadingOp == nil, percent, restLower.hasPrefix("jmf") || restLower.hasPrefix("jämfört") || restLower.hasPrefix("mot föregående") {
            guard isPreviousYear(restLower) else { throw TargetParseError(text: raw, problem: "jämför med något annat än föregående år") }
            return .relativeChange(percent: number)
        }
        // "95% inom 120 dgr"
        if leadingOp == nil, restLower.hasPrefix("inom ") {
            let limitText = rest.dropFirst(5)
            guard let (limit, unitSub) = SwedishNumber.parseLeading(limitText) else {
                throw TargetParseError(text: raw, problem: "saknar en tidsgräns i siffror efter \"inom\"")
            }
            let unit = unitSub.trimmingCharacters(in: .whitespaces)
            guard !unit.isEmpty, unit.split(separator: " ").count == 1 else {
                throw TargetParseError(text: raw, problem: "saknar enhet för tidsgränsen (t.ex. dagar)")
            }
            return .shareWithin(share: number, limit: limit, limitUnit: unit)
        }
        // "2 nya", "1 ny", "1 nytt"
        if leadingOp == nil, !percent, newWords.contains(restLower) {
            guard number >= 0, number == Decimal(NSDecimalNumber(decimal: number).intValue) else { throw TargetParseError(text: raw, problem: "är inget helt antal") }
            return .countNew(NSDecimalNumber(decimal: number).intValue)
        }
        // A trailing operator: "85% >", "91 %>".
        var op = leadingOp
        if op == nil, let last = rest.last, last == ">" || last == "<" {
            op = last == ">" ? .greater : .less
            rest = String(rest.dropLast()).trimmingCharacters(in: .whitespaces)
        }
        guard isUnitOrNote(rest) else { throw TargetParseError(text: raw, problem: "är inget tal") }
        if let op { return .comparison(op, number) }
        return .level(number)
    }

    static func splitOperator(_ text: String) -> (ComparisonOperator?, String) {
        let table: [(String, ComparisonOperator)] = [
            (">=", .atLeast), ("=>", .atLeast), ("<=", .atMost), ("=<", .atMost),
            ("≥", .atLeast), ("≤", .atMost), ("=", .equal), (">", .greater), ("<", .less), ("➤", .greater),
        ]
        for (token, op) in table where text.hasPrefix(token) {
            return (op, String(text.dropFirst(token.count)))
        }
        return (nil, text)
    }

    static func isPreviousYear(_ lower: String) -> Bool {
        lower.contains("föregående år") || lower.contains("förgående år")
    }

    /// After a number: nothing, a unit ("%", "dagar"), and/or a note in parentheses ("(2024)", "(jan-oktober)").
    static func isUnitOrNote(_ rest: String) -> Bool {
        var remaining = rest.trimmingCharacters(in: .whitespaces)
        if let open = remaining.firstIndex(of: "("), remaining.hasSuffix(")") {
            remaining = String(remaining[..<open]).trimmingCharacters(in: .whitespaces)
        }
        return remaining.isEmpty || units.contains(remaining.lowercased())
    }
}
