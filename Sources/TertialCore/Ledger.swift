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
        var outcomes: [String: Outcome] = [:]
        var order: [String] = []
        var count = 0
        for (offset, row) in rows.dropFirst(headerIndex + 1).enumerated() {
            let number = headerRow + offset + 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            count += 1
            func cell(_ i: Int) -> String { i < row.count ? row[i].trimmingCharacters(in: .whitespaces) : "" }
            let lineText = cell(lineColumn)
            guard let line = byKey[lineText.lowercased()] ?? byKey[normalised(lineText)] else {
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
                let text = cell(index)
                guard !text.isEmpty else { continue }
                guard let amount = SwedishNumber.parse(text) else {
                    problems.append(Problem(row: number, column: names[index], message: "\"\(text.prefix(40))\" är inget belopp"))
                    continue
                }
                outcomes[key]!.months[month, default: 0] += fileUnit.convert(amount, to: budgetUnit)
            }
            if problems.count >= maxProblems { break }
        }
        if count == 0 && problems.isEmpty { problems.append(Problem(row: nil, column: nil, message: "filen har inga rader under rubrikraden")) }
        guard problems.isEmpty else { throw Failure(file: "", problems: Array(problems.prefix(maxProblems))) }
        return Result(outcomes: order.map { outcomes[$0]! }, rows: count, ignoredColumns: ignored)
    }

    static func normalised(_ name: String) -> String {
        name.lowercased().folding(options: [.diacriticInsensitive], locale: Locale(identifier: "sv_SE"))
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// CSV as Excel writes it in Sweden: ';' between fields (',' or tab when the header line uses them),
/// fields in double quotes may hold separators, quotes ("") and line breaks; UTF-8, with or
/// without a byte-order mark.
public enum CSVText {
    public static func rows(_ text: String) -> [[String]] {
        var text = Substring(text)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.contains(";") ? ";" : firstLine.contains("\t") ? "\t" : ","
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if quoted {
                if c == "\"" {
                    let next = text.index(after: index)
                    if next < text.endIndex && text[next] == "\"" { field.append("\""); index = next } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == separator {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
            index = text.index(after: index)
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
