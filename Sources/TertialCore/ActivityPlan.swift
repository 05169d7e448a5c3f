import Foundation

// The activity plan (issue 11, first step): activities that turn goals into work, and the council's
// assignments the committee must answer and report back on. Values and rules only; the interchange
// format and the documents adapt them.

/// A calendar day, as plans write dates ("2024-03-15").
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), (1...Day.days(in: month, of: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// "2024-03-15".
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The day `date` falls on in Sweden (Europe/Stockholm): today's date for a record a person makes.
    public init(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "Europe/Stockholm")!) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: date)
        self.init(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The last day of a follow-up period (a tertial ends in April, August, December; delår in August).
    public static func end(of period: Period) -> Day {
        Day(year: period.year, month: period.endMonth, day: days(in: period.endMonth, of: period.year))!
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// When an activity starts or is due, or an assignment is to be reported back, as plans write it: a
/// quarter ("Kvartal 3", "Q3 2024", "Kv 4"), a date ("2024-09-30"), a month ("maj", "maj 2024"), or
/// words that name one ("senast i maj", "vid årsskiftet"), kept as written. A quarter or month without
/// a year belongs to the plan's budget year.
public enum DueDate: Hashable, Sendable, CustomStringConvertible {
    case quarter(year: Int, quarter: Int)
    case date(Day)
    case month(year: Int, month: Int)
    /// Words as the plan writes them, with the last day they name ("vid årsskiftet": 31 December).
    case words(String, lastDay: Day)

    static let monthNames = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
    static let yearEnd = ["årsskiftet", "årsskifte", "årets slut", "slutet av året", "helåret", "årsbokslutet", "bokslutet"]

    /// The forms, for a message that refuses a text.
    public static let forms = "ett kvartal (Kvartal 3, Q3 2024), ett datum (2024-09-30), en månad (maj, maj 2024) eller ord som anger en (senast i maj, vid årsskiftet)"

    public init?(_ text: String, defaultYear: Int) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let day = Day(t) { self = .date(day); return }
        let words = t.lowercased().replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        let namedYear = words.compactMap { Int($0) }.first { (1900...2200).contains($0) } ?? defaultYear
        // "maj", "maj 2024": a month; "senast i maj", "i slutet av maj 2024": words naming one
        if let month = words.compactMap({ Self.monthNames.firstIndex(of: $0) }).first.map({ $0 + 1 }) {
            if words.count <= 2, Self.monthNames.contains(first), words.count == 1 || Int(words[1]) != nil { self = .month(year: namedYear, month: month); return }
            self = .words(t, lastDay: Day(year: namedYear, month: month, day: Day.days(in: month, of: namedYear))!); return
        }
        if Self.yearEnd.contains(where: { t.lowercased().contains($0) }) {
            self = .words(t, lastDay: Day(year: namedYear, month: 12, day: 31)!); return
        }
        var quarter: Int?
        var rest = Array(words.dropFirst())
        if ["kvartal", "kv", "kv.", "q"].contains(first), let n = rest.first.flatMap(Int.init) { quarter = n; rest.removeFirst() }
        else if first.hasPrefix("q"), let n = Int(first.dropFirst()) { quarter = n }
        else if first.hasPrefix("kv"), let n = Int(first.drop { !$0.isNumber }) { quarter = n }
        guard let quarter, (1...4).contains(quarter) else { return nil }
        let year = rest.first.flatMap(Int.init) ?? defaultYear
        guard (1900...2200).contains(year), rest.count <= 1 else { return nil }
        self = .quarter(year: year, quarter: quarter)
    }

    /// The last day the activity may take: the quarter's or month's last day, the date, or the day the words name.
    public var lastDay: Day {
        switch self {
        case .date(let day): return day
        case .quarter(let year, let q): return Day(year: year, month: q * 3, day: Day.days(in: q * 3, of: year))!
        case .month(let year, let m): return Day(year: year, month: m, day: Day.days(in: m, of: year))!
        case .words(_, let day): return day
        }
    }

    /// As plans print it: "Kvartal 3 2024", "2024-09-30", "maj 2024", "senast i maj".
    public var description: String {
        switch self {
        case .quarter(let year, let q): "Kvartal \(q) \(year)"
        case .date(let day): day.description
        case .month(let year, let m): "\(Self.monthNames[m - 1]) \(year)"
        case .words(let text, _): text
        }
    }

    /// The machine form of the interchange format: "2024-Q3", "2024-09-30", "2024-05"; words as written.
    public var code: String {
        switch self {
        case .quarter(let year, let q): "\(year)-Q\(q)"
        case .date(let day): day.description
        case .month(let year, let m): m < 10 ? "\(year)-0\(m)" : "\(year)-\(m)"
        case .words(let text, _): text
        }
    }

    /// Whether version 2 of the format holds it (a quarter or a date).
    public var isQuarterOrDate: Bool {
        switch self { case .quarter, .date: true; case .month, .words: false }
    }

    /// Reads the format's field: a machine form, else (version 3) the words a plan writes, in `defaultYear`.
    public init?(code: String, defaultYear: Int) {
        if let machine = DueDate(code: code) { self = machine; return }
        let parts = code.split(separator: "-")
        if parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), (1900...2200).contains(y) {
            self = .month(year: y, month: m); return
        }
        self.init(code, defaultYear: defaultYear)
    }

    public init?(code: String) {
        if let day = Day(code) { self = .date(day); return }
        let parts = code.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), parts[1].hasPrefix("Q"), let q = Int(parts[1].dropFirst()),
              (1...4).contains(q), (1900...2200).contains(y) else { return nil }
        self = .quarter(year: y, quarter: q)
    }
}

public enum ActivityStatus: String, Vocabulary {
    case notStarted, ongoing, done, delayed, cancelled

    public var label: String {
        switch self {
        case .notStarted: "Ej påbörjad"
        case .ongoing: "Pågår"
        case .done: "Klar"
        case .delayed: "Försenad"
        case .cancelled: "Avbruten"
        }
    }

    /// Never colour alone: a symbol beside the word.
    public var symbol: String {
        switch self {
        case .notStarted: "○"
        case .ongoing: "◐"
        case .done: "●"
        case .delayed: "▲"
        case .cancelled: "✕"
        }
    }
}

/// What an activity serves: a goal, an assignment or a prioritised steering document.
public enum ActivityLink: Hashable, Sendable {
    case goal(String), assignment(String), steeringDocument(String)
}

public struct Activity: Hashable, Sendable {
    public var id: String
    public var text: String
    public var links: [ActivityLink]
    /// The responsible unit (an id) or role ("Enhetschef IFO").
    public var responsibleUnitID: String?
    public var responsibleRole: String?
    public var start: DueDate?
    public var due: DueDate?
    /// The status a person set, per follow-up period (latest period last), with its comment.
    public var followUps: [ActivityFollowUp]
    /// The budget year of the plan the activity was first planned in, where it was carried over into a
    /// later plan unfinished ("Överförd från 2024").
    public var carriedFrom: Int?

    public init(id: String, text: String, links: [ActivityLink] = [], responsibleUnitID: String? = nil, responsibleRole: String? = nil,
                start: DueDate? = nil, due: DueDate? = nil, followUps: [ActivityFollowUp] = [], carriedFrom: Int? = nil) {
        self.id = id; self.text = text; self.links = links; self.responsibleUnitID = responsibleUnitID; self.responsibleRole = responsibleRole
        self.start = start; self.due = due; self.followUps = followUps; self.carriedFrom = carriedFrom
    }

    /// The follow-up a person wrote for `period`, or the latest before it.
    public func followUp(asOf period: Period) -> ActivityFollowUp? {
        followUps.filter { $0.period <= period }.max { $0.period < $1.period }
    }

    /// The status at the end of `period`: what was set then (or before), except that an activity
    /// whose due date has passed by then and is neither done nor cancelled is late without anyone
    /// setting it.
    public func status(asOf period: Period) -> ActivityStatus {
        let set = followUp(asOf: period)?.status ?? .notStarted
        if set == .done || set == .cancelled { return set }
        if let due, due.lastDay < Day.end(of: period) { return .delayed }
        return set
    }

    /// Late at the end of `period` (past due, not done or cancelled).
    public func isLate(asOf period: Period) -> Bool { status(asOf: period) == .delayed }
}

public struct ActivityFollowUp: Hashable, Sendable {
    public var period: Period
    public var status: ActivityStatus
    public var comment: String?
    /// How much of the activity is done, in percent (0–100), where the person says so.
    public var percentComplete: Int?

    /// The range a percent complete is written in.
    public static let percentRange = 0...100

    public init(period: Period, status: ActivityStatus, comment: String? = nil, percentComplete: Int? = nil) {
        self.period = period; self.status = status; self.comment = comment; self.percentComplete = percentComplete
    }
}

extension Activity {
    /// The activity as plans print it: its text, marked where it was carried over from an earlier plan
    /// ("… (överförd från 2024)").
    public var printedText: String { text + (carriedFrom.map { " (överförd från \($0))" } ?? "") }

    /// The status at the end of `period` as printed: its symbol and label, with the percent complete the
    /// person gave for the period (or before) while the activity is under way ("◐ Pågår, 60 % klart").
    public func statusText(asOf period: Period) -> String {
        let status = status(asOf: period)
        let text = "\(status.symbol) \(status.label)"
        guard status != .done, status != .cancelled, let percent = followUp(asOf: period)?.percentComplete else { return text }
        return "\(text), \(percent) % klart"
    }
}

/// A council or executive board assignment (uppdrag, strategiskt utvecklingsuppdrag).
public struct Assignment: Hashable, Sendable {
    public enum Scope: String, Vocabulary {
        /// To every committee (kommungemensamma).
        case allCommittees
        /// To the committees named (nämndspecifika).
        case namedCommittees
        public var label: String { self == .allCommittees ? "Kommungemensamma" : "Nämndspecifika" }
    }

    /// How the committee answers it.
    public enum Response: String, Vocabulary {
        case activities, separateReport, reported
        public var label: String {
            switch self {
            case .activities: "Genom aktiviteter"
            case .separateReport: "Redovisas i separat handling"
            case .reported: "Är avrapporterat"
            }
        }
    }

    public var id: String
    public var number: String?
    public var text: String
    /// "Kommunfullmäktige", "Kommunstyrelsen".
    public var givenBy: String?
    public var goalAreaID: String?
    public var scope: Scope
    public var committeeIDs: [String]
    public var coordinatingCommitteeID: String?
    /// When it is to be reported back: a date, a quarter, a month or words ("senast i maj").
    public var reportBy: DueDate?
    public var response: Response?
    public var responseText: String?
    public var status: ActivityStatus

    public init(id: String, number: String? = nil, text: String, givenBy: String? = nil, goalAreaID: String? = nil, scope: Scope,
                committeeIDs: [String] = [], coordinatingCommitteeID: String? = nil, reportBy: DueDate? = nil, response: Response? = nil,
                responseText: String? = nil, status: ActivityStatus = .notStarted) {
        self.id = id; self.number = number; self.text = text; self.givenBy = givenBy; self.goalAreaID = goalAreaID; self.scope = scope
        self.committeeIDs = committeeIDs; self.coordinatingCommitteeID = coordinatingCommitteeID; self.reportBy = reportBy
        self.response = response; self.responseText = responseText; self.status = status
    }

    /// Due for report-back by the end of `period` and not yet reported (or finished).
    public func isDueForReportBack(asOf period: Period) -> Bool {
        guard let reportBy, response != .reported, status != .done, status != .cancelled else { return false }
        return reportBy.lastDay <= Day.end(of: period)
    }
}

/// What a controller chases at the end of a follow-up period across a committee's plan and the
/// plans of its units: every activity that is late and every assignment due for report-back, each
/// with the plan it belongs to.
public struct FollowUpChase<Source> {
    public struct Plan {
        public var source: Source
        public var activities: [Activity]
        public var assignments: [Assignment]
        public init(source: Source, activities: [Activity], assignments: [Assignment]) {
            self.source = source; self.activities = activities; self.assignments = assignments
        }
    }

    public var late: [(source: Source, activity: Activity)]
    public var due: [(source: Source, assignment: Assignment)]

    public init(_ plans: [Plan], asOf period: Period) {
        late = plans.flatMap { plan in plan.activities.filter { $0.isLate(asOf: period) }.map { (plan.source, $0) } }
        due = plans.flatMap { plan in plan.assignments.filter { $0.isDueForReportBack(asOf: period) }.map { (plan.source, $0) } }
            .sorted { ($0.1.reportBy?.lastDay ?? Day(year: 2200, month: 1, day: 1)!) < ($1.1.reportBy?.lastDay ?? Day(year: 2200, month: 1, day: 1)!) }
    }
}
