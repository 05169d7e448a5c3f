/// A follow-up period: a whole year, a tertial, the interim period (January–August), a month, or
/// any other run of months a plan prints a figure for ("2023 januari–juli").
///
/// Written as text in storage and interchange: "2024", "2024-T1", "2024-D" (delår, jan–aug),
/// "2024-03", "2023-01..07" (January through July). A run that is a named period is read as that
/// period ("2024-01..04" is "2024-T1"). Ordering is chronological by the period's end.
public struct Period: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public enum Part: Hashable, Sendable {
        case year
        case tertial(Int)   // 1...3
        case interim        // delår: January–August
        case month(Int)     // 1...12
        /// January–July and other runs that are not a tertial, delår, month or the year: first and last month.
        case months(Int, Int)
    }

    public let year: Int
    public let part: Part

    public init(year: Int, part: Part = .year) {
        self.year = year
        // A run of months that is a named period is that period, so one period has one text.
        if case .months(let first, let last) = part {
            switch (first, last) {
            case (1, 12): self.part = .year
            case (1, 8): self.part = .interim
            case (1, 4), (5, 8), (9, 12): self.part = .tertial(last / 4)
            case let (a, b) where a == b: self.part = .month(a)
            default: self.part = part
            }
        } else {
            self.part = part
        }
    }

    public init?(_ text: String) {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = pieces.first, first.count == 4, let year = Int(first), (1900...2200).contains(year) else { return nil }
        switch pieces.count {
        case 1: self.init(year: year)
        case 2:
            let rest = pieces[1]
            if rest == "D" { self.init(year: year, part: .interim) }
            else if rest.hasPrefix("T"), rest.count == 2, let n = Int(rest.dropFirst()), (1...3).contains(n) { self.init(year: year, part: .tertial(n)) }
            else if rest.count == 2, let m = Int(rest), (1...12).contains(m) { self.init(year: year, part: .month(m)) }
            else if rest.count == 6, rest.dropFirst(2).hasPrefix(".."), let a = Int(rest.prefix(2)), let b = Int(rest.suffix(2)),
                    (1...12).contains(a), (a...12).contains(b) { self.init(year: year, part: .months(a, b)) }
            else { return nil }
        default: return nil
        }
    }

    public var description: String {
        switch part {
        case .year: "\(year)"
        case .tertial(let n): "\(year)-T\(n)"
        case .interim: "\(year)-D"
        case .month(let m): "\(year)-\(Self.two(m))"
        case .months(let a, let b): "\(year)-\(Self.two(a))..\(Self.two(b))"
        }
    }

    private static func two(_ month: Int) -> String { month < 10 ? "0\(month)" : "\(month)" }

    /// The last month the period covers, used for ordering.
    public var endMonth: Int {
        switch part {
        case .year: 12
        case .tertial(let n): n * 4
        case .interim: 8
        case .month(let m): m
        case .months(_, let last): last
        }
    }

    /// The first month the period covers.
    public var startMonth: Int {
        switch part {
        case .year, .interim: 1
        case .tertial(let n): (n - 1) * 4 + 1
        case .month(let m): m
        case .months(let first, _): first
        }
    }

    /// Swedish label as a column heading shows it: "2024", "Tertial 1 2024", "Delår 2024", "mars 2024".
    public var label: String {
        switch part {
        case .year: "\(year)"
        case .tertial(let n): "Tertial \(n) \(year)"
        case .interim: "Delår \(year)"
        case .month(let m): "\(Self.monthNames[m - 1]) \(year)"
        case .months(let a, let b): "\(year) \(Self.monthNames[a - 1])–\(Self.monthNames[b - 1])"
        }
    }

    static let monthNames = ["januari", "februari", "mars", "april", "maj", "juni", "juli",
                             "augusti", "september", "oktober", "november", "december"]

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.year, lhs.endMonth, lhs.rank) < (rhs.year, rhs.endMonth, rhs.rank)
    }

    private var rank: Int {
        switch part { case .month: 0; case .tertial, .months: 1; case .interim: 2; case .year: 3 }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "\"\(text)\" är ingen period (t.ex. 2024, 2024-T1, 2024-D, 2024-03, 2023-01..07 för januari–juli)"))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
