import Foundation

/// Outcomes from a ledger export (huvudboksutdrag): one row per activity area — or per account and
/// responsibility within one, summed — and a column per month. The layout, documented in the README:
///
///     Verksamhet;År;Jan;Feb;Mar;Apr;Maj;Jun;Jul;Aug;Sep;Okt;Nov;Dec
///     Individ- och familjeomsorg;2021;38 512;39 100;…
///
/// "Verksamhet" holds a budget line's id or name; "År" the year; month columns the month's outcome
/// (not accumulated) in the file's unit; an empty cell is no outcome. Other columns (Konto, Ansvar,
/// Text) are read past, and so are title rows above the header. Every problem names its row (as the
/// spreadsheet numbers it) and column; one problem and nothing is imported.
public enum Ledger {
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public var row: Int?
        public var column: String?
        public var message: String
        public init(row: Int?, column: String?, message: String) { self.row = row; self.column = column; self.message = message }
        public var description: String {
            let place = [row.map { "rad \($0)" }, column.map { "kolumn \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return place.isEmpty ? message : "\(place): \(message)"
        }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var problems: [Problem]
        public init(file: String, problems: [Problem]) { self.file = file; self.problems = problems }
        public var description: String { problems.map { "\(file): \($0.description)" }.joined(separator: "\n") }
    }

    /// The outcome of one line and year: the month's amounts, in the budget's unit.
    public struct Outcome: Hashable, Sendable {
        public var lineID: String
        public var year: Int
        public var months: [Int: Decimal]

        /// Outcome to date at the end of `month`: the months up to it added together.
        public func toDate(_ month: Int) -> Decimal { months.filter { $0.key <= month }.map(\.value).reduce(0, +) }
    }

    public struct Result: Sendable {
        public var outcomes: [Outcome]
        public var rows: Int
        /// Columns that are neither the line, the year nor a month (read past).
        public var ignoredColumns: [String]
    }

    static let monthNames: [String: Int] = {
        var names: [String: Int] = [:]
        for (i, name) in SwedishMonth.names.enumerated() {
            names[name] = i + 1
            names[String(name.prefix(3))] = i + 1
            names[String(i + 1)] = i + 1
            names[String(format: "%02d", i + 1)] = i + 1
        }
        names["okt"] = 10; names["maj"] = 5
        return names
    }()

    public static let maxProblems = 50

    /// Reads the rows of a sheet or CSV file. `lines` are the budget lines outcomes may be booked on.
    public static func read(_ rows: [[String]], lines: [BudgetLine], fileUnit: MoneyUnit, budgetUnit: MoneyUnit) throws(Failure) -> Result {
        var problems: [Problem] = []
        guard !rows.isEmpty else { throw Failure(file: "", problems: [Problem(row: nil, column: nil, message: "filen är tom")]) }
        // The header is the first row naming the line column (an export may start with a title row or two).
        let headerIndex = rows.prefix(10).firstIndex { row in row.contains { ["verksamhet", "verksamhetsområde", "budgetrad"].contains($0.trimmingCharacters(in: .whitespaces).lowercased()) } } ?? 0
        let header = rows[headerIndex]
        let headerRow = headerIndex + 1
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        func find(_ wanted: Set<String>) -> Int? { names.firstIndex { wanted.contains($0.lowercased()) } }
        let lineColumn = find(["verksamhet", "verksamhetsområde", "budgetrad"])
        let yearColumn = find(["år", "ar", "year"])
        var monthColumns: [(index: Int, month: Int)] = []
        var ignored: [String] = []
        for (i, name) in names.enumerated() where i != lineColumn && i != yearColumn {
            if let month = monthNames[name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))] {
                if monthColumns.contains(where: { $0.month == month }) {
                    problems.append(Problem(row: headerRow, column: name, message: "månaden finns i två kolumner"))
                }
                monthColumns.append((i, month))
            } else if !name.isEmpty {
                ignored.append(name)
            }
        }
        if lineColumn == nil { problems.append(Problem(row: headerRow, column: nil, message: "kolumnen Verksamhet saknas (rubrikraden ska ha Verksamhet, År och en kolumn per månad)")) }
        if yearColumn == nil { problems.append(Problem(row: headerRow, column: nil, message: "kolumnen År saknas")) }
        if monthColumns.isEmpty { problems.append(Problem(row: headerRow, column: nil, message: "inga månadskolumner (Jan, Feb, … eller 1–12)")) }
        guard problems.isEmpty, let lineColumn, let yearColumn else { throw Failure(file: "", problems: problems) }

        var byKey: [String: BudgetLine] = [:]
        for line in lines {
            byKey[line.id.lowercased()] = line
            byKey[normalised(line.name)] = line
        }
        // A ledger repeats a few activity names many times: look each distinct text up once.
        var seen: [String: BudgetLine?] = [:]
        func line(named text: String) -> BudgetLine? {
            if let known = seen[text] { return known }
            let found = byKey[text.lowercased()] ?? byKey[normalised(text)]
            seen[text] = found
            return found
        }
        var outcomes: [String: Outcome] = [:]
        var order: [String] = []
        var count = 0
        for (offset, row) in rows.dropFirst(headerIndex + 1).enumerated() {
            let number = headerRow + offset + 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            count += 1
            func cell(_ i: Int) -> String { i < row.count ? row[i].trimmingCharacters(in: .whitespaces) : "" }
            let lineText = cell(lineColumn)
            guard let line = line(named: lineText) else {
                problems.append(Problem(row: number, column: names[lineColumn],
                                        message: lineText.isEmpty ? "saknar verksamhet" : "\"\(lineText.prefix(80))\" är ingen verksamhet i driftbudgeten"))
                if problems.count >= maxProblems { break } else { continue }
            }
            guard let year = Int(cell(yearColumn)), (1900...2200).contains(year) else {
                problems.append(Problem(row: number, column: names[yearColumn], message: "\"\(cell(yearColumn).prefix(20))\" är inget år"))
                if problems.count >= maxProblems { break } else { continue }
            }
            let key = "\(line.id)\u{1F}\(year)"
            if outcomes[key] == nil { outcomes[key] = Outcome(lineID: line.id, year: year, months: [:]); order.append(key) }
            for (index, month) in monthColumns {
                let text = index < row.count ? row[index] : ""
                guard !text.isEmpty else { continue }
                // Sums stay in the file's unit here and are converted once, at the end.
                guard let amount = Self.amount(text) ?? SwedishNumber.parse(text) else {
                    if text.allSatisfy({ $0 == " " }) { continue }
                    problems.append(Problem(row: number, column: names[index], message: "\"\(text.trimmingCharacters(in: .whitespaces).prefix(40))\" är inget belopp"))
                    continue
                }
                if let refused = Amount.problem(amount) {
                    problems.append(Problem(row: number, column: names[index], message: "\"\(text.trimmingCharacters(in: .whitespaces).prefix(40))\" \(refused)"))
                    continue
                }
                outcomes[key]!.months[month, default: 0] += amount
            }
            if problems.count >= maxProblems { break }
        }
        if count == 0 && problems.isEmpty { problems.append(Problem(row: nil, column: nil, message: "filen har inga rader under rubrikraden")) }
        guard problems.isEmpty else { throw Failure(file: "", problems: Array(problems.prefix(maxProblems))) }
        let converted = order.map { key -> Outcome in
            var outcome = outcomes[key]!
            outcome.months = outcome.months.mapValues { fileUnit.convert($0, to: budgetUnit) }
            return outcome
        }
        return Result(outcomes: converted, rows: count, ignoredColumns: ignored)
    }

    static func normalised(_ name: String) -> String {
        name.lowercased().folding(options: [.diacriticInsensitive], locale: Locale(identifier: "sv_SE"))
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// CSV as Excel writes it in Sweden: ';' between fields (',' or tab when the first lines use them),
/// fields in double quotes may hold separators, quotes ("") and line breaks; UTF-8, with or
/// without a byte-order mark.
public enum CSVText {
    public static func rows(_ text: String) -> [[String]] {
        var text = text
        return text.withUTF8 { rows(bytes: $0) }
    }

    /// Works on the UTF-8 bytes: every byte that matters (separators, quotes, line ends) is ASCII,
    /// so multi-byte letters pass through whole, and a year's ledger splits in a fraction of the
    /// time walking Characters takes.
    public static func rows(bytes: UnsafeBufferPointer<UInt8>) -> [[String]] {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 } // byte-order mark
        // The separator the first lines use (a title line above the header may have none).
        var lineEnd = start, newlines = 0
        while lineEnd < bytes.count, newlines < 5 { if bytes[lineEnd] == 0x0A { newlines += 1 }; lineEnd += 1 }
        let head = bytes[start..<lineEnd]
        let separator: UInt8 = head.contains(0x3B) ? 0x3B : head.contains(0x09) ? 0x09 : 0x2C
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var i = start
        var fieldStart = i
        var plain = true // the field is a plain slice of the input (no quotes to undo)
        func take() -> String {
            defer { field.removeAll(keepingCapacity: true); plain = true }
            return plain ? String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self) : String(decoding: field, as: UTF8.self)
        }
        while i < bytes.count {
            let c = bytes[i]
            if quoted {
                if c == 0x22 {
                    if i + 1 < bytes.count && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    quoted = false
                } else {
                    field.append(c)
                }
                i += 1
                continue
            }
            if c == 0x22 && i == fieldStart {
                quoted = true; plain = false; i += 1; continue
            }
            if c == separator || c == 0x0A || c == 0x0D {
                row.append(take())
                if c != separator {
                    rows.append(row); row = []
                    if c == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                }
                i += 1
                fieldStart = i
                continue
            }
            if !plain { field.append(c) }
            i += 1
        }
        if i > fieldStart || !row.isEmpty || !field.isEmpty { row.append(take()); rows.append(row) }
        return rows
    }
}

extension Ledger {
    /// A ledger amount: digits with optional thousands groups (any kind of space, then exactly three
    /// digits), an optional minus ("-", "−", "–") and a decimal comma or point. Read from the bytes
    /// without building intermediate strings; anything else is nil (not an amount).
    static func amount(_ text: String) -> Decimal? {
        var text = text
        return text.withUTF8 { bytes -> Decimal? in
            var i = 0
            let n = bytes.count
            func spaceLength(_ at: Int) -> Int {
                if bytes[at] == 0x20 || bytes[at] == 0x09 { return 1 }
                if at + 1 < n, bytes[at] == 0xC2, bytes[at + 1] == 0xA0 { return 2 }                       // U+00A0
                if at + 2 < n, bytes[at] == 0xE2, bytes[at + 1] == 0x80, bytes[at + 2] == 0xAF { return 3 } // U+202F
                return 0
            }
            while i < n, spaceLength(i) > 0 { i += spaceLength(i) }
            var negative = false
            if i < n, bytes[i] == 0x2D { negative = true; i += 1 }
            else if i + 2 < n, bytes[i] == 0xE2, bytes[i + 1] == 0x88, bytes[i + 2] == 0x92 { negative = true; i += 3 } // −
            else if i + 2 < n, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x93 { negative = true; i += 3 } // –
            while i < n, spaceLength(i) > 0 { i += spaceLength(i) }
            var significand: UInt64 = 0
            var digits = 0, groupDigits = 0, groups = 0, fraction = 0
            var inFraction = false
            while i < n {
                let c = bytes[i]
                if c >= 0x30 && c <= 0x39 {
                    guard digits < 18 else { return nil }
                    significand = significand * 10 + UInt64(c - 0x30)
                    digits += 1; if inFraction { fraction += 1 } else { groupDigits += 1 }
                    i += 1
                } else if (c == 0x2C || c == 0x2E) && !inFraction && digits > 0 {
                    if groups > 0 && groupDigits != 3 { return nil }
                    inFraction = true; i += 1
                } else if spaceLength(i) > 0 && !inFraction && digits > 0 {
                    let length = spaceLength(i)
                    // trailing spaces end the number; a group separator must be followed by a digit
                    var j = i + length
                    while j < n, spaceLength(j) > 0 { j += spaceLength(j) }
                    if j == n { i = j; break }
                    if (groups == 0 && groupDigits > 3) || (groups > 0 && groupDigits != 3) || j != i + length { return nil }
                    groups += 1; groupDigits = 0; i += length
                } else {
                    return nil
                }
            }
            guard digits > 0, i == n, !(inFraction && fraction == 0), groups == 0 || inFraction || groupDigits == 3 else { return nil }
            if groups > 0 && !inFraction && groupDigits != 3 { return nil }
            return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(significand))
        }
    }
}
