// The year's process (issue 23): the årshjul's events, each follow-up period's reporting deadlines, the
// state of a unit's report for a period, and the days reminders go out. Values and rules only; the
// store keeps them, the web shows them, a background job sends the reminders.

extension Day {
    /// Days since 1970-01-01 (proleptic Gregorian), for counting days between two days.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day {
        let z = dayNumber + count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.dayNumber - dayNumber }
}

/// One date of the steering cycle: a deadline, a meeting, a control occasion, an activity's due date.
public struct CycleEvent: Hashable, Sendable {
    public enum Kind: String, Vocabulary {
        case planDraft, budgetDecision, reportingDeadline, committeeMeeting, councilMeeting, controlOccasion, assignmentReport, activityDue, other
        public var label: String {
            switch self {
            case .planDraft: "Planutkast"
            case .budgetDecision: "Budgetbeslut"
            case .reportingDeadline: "Sista dag för rapportering"
            case .committeeMeeting: "Nämndsammanträde"
            case .councilMeeting: "Kommunfullmäktige"
            case .controlOccasion: "Internkontroll"
            case .assignmentReport: "Återrapportering av uppdrag"
            case .activityDue: "Aktivitet ska vara klar"
            case .other: "Övrigt"
            }
        }
        /// The kinds an administrator adds by hand (the others follow from what the plans hold).
        public static let added: [Kind] = [.planDraft, .budgetDecision, .committeeMeeting, .councilMeeting, .other]
    }

    public var day: Day
    public var kind: Kind
    public var title: String
    /// The unit the event is for (nil: the whole municipality).
    public var unitID: String?
    public var planID: String?
    public var period: Period?
    /// The stored id of an event an administrator added (nil: derived).
    public var id: String?

    public init(day: Day, kind: Kind, title: String, unitID: String? = nil, planID: String? = nil, period: Period? = nil, id: String? = nil) {
        self.day = day; self.kind = kind; self.title = title; self.unitID = unitID; self.planID = planID; self.period = period; self.id = id
    }
}

public enum YearCycle {
    /// What a plan's own content puts into `year`'s wheel: activities due (not done or cancelled), the
    /// report-back of open assignments, each control's occasions.
    public static func events(of plan: Plan, in year: Int) -> [CycleEvent] {
        var events: [CycleEvent] = []
        for activity in plan.activityPlan?.activities ?? [] {
            guard let due = activity.due?.lastDay, due.year == year else { continue }
            let status = activity.followUps.max { $0.period < $1.period }?.status
            if status == .done || status == .cancelled { continue }
            events.append(CycleEvent(day: due, kind: .activityDue, title: activity.text,
                                     unitID: activity.responsibleUnitID ?? plan.ownerUnitID, planID: plan.id))
        }
        for assignment in plan.activityPlan?.assignments ?? [] {
            guard let due = assignment.reportBy?.lastDay, due.year == year, assignment.response != .reported,
                  assignment.status != .done, assignment.status != .cancelled else { continue }
            events.append(CycleEvent(day: due, kind: .assignmentReport, title: assignment.text, unitID: plan.ownerUnitID, planID: plan.id))
        }
        for risk in plan.internalControl?.risks ?? [] {
            for control in risk.controls {
                for day in control.frequency?.occasions(in: year) ?? [] {
                    events.append(CycleEvent(day: day, kind: .controlOccasion, title: control.control, unitID: plan.ownerUnitID, planID: plan.id))
                }
            }
        }
        return events
    }

    /// Events in the order of the year (same day: by kind, then title).
    public static func sorted(_ events: [CycleEvent]) -> [CycleEvent] {
        events.sorted {
            ($0.day, Kind.allCases.firstIndex(of: $0.kind) ?? 0, $0.title) < ($1.day, Kind.allCases.firstIndex(of: $1.kind) ?? 0, $1.title)
        }
    }

    public typealias Kind = CycleEvent.Kind
}

/// A follow-up period's reporting deadlines: set per committee (or any unit); a unit without its own takes
/// its nearest ancestor's, so a committee's date holds for the units below it.
public struct ReportingDeadlines: Hashable, Sendable {
    public var period: Period
    /// Unit id → the last day to report.
    public var days: [String: Day]

    public init(period: Period, days: [String: Day] = [:]) { self.period = period; self.days = days }

    /// The deadline of the unit at the head of `chain` (the unit and its ancestors, nearest first).
    public func deadline(for chain: [String]) -> Day? { chain.lazy.compactMap { days[$0] }.first }

    /// Whether the unit at the head of `chain` has its own deadline (not one taken from above).
    public func isOwn(_ chain: [String]) -> Bool { chain.first.map { days[$0] != nil } ?? false }
}

/// Where a unit's report for a period stands.
public enum ReportingState: String, Vocabulary {
    case notStarted, inProgress, readyForReview, approved, returned

    public var label: String {
        switch self {
        case .notStarted: "Ej påbörjad"
        case .inProgress: "Pågår"
        case .readyForReview: "Klar för granskning"
        case .approved: "Godkänd"
        case .returned: "Återremitterad"
        }
    }

    /// A report marked ready (or approved) is read-only for the unit until it is sent back.
    public var isReadOnlyForUnit: Bool { self == .readyForReview || self == .approved }

    /// Whether the unit still has to do something.
    public var awaitsUnit: Bool { self == .notStarted || self == .inProgress || self == .returned }

    public enum Step: Hashable, Sendable {
        /// The unit saved something for the period.
        case started
        case markReady
        case approve
        case sendBack(comment: String)
    }

    public enum Refused: Error, Hashable, Sendable, CustomStringConvertible {
        case notAllowed(from: ReportingState, step: String)
        case commentNeeded
        public var description: String {
            switch self {
            case .notAllowed(let from, let step): "Rapporten är \(from.label.lowercased()) och kan inte \(step)."
            case .commentNeeded: "Skriv vad enheten behöver göra innan rapporten skickas tillbaka."
            }
        }
    }

    /// The state after `step`, or why it cannot be taken.
    public func after(_ step: Step) throws(Refused) -> ReportingState {
        switch step {
        case .started:
            return self == .notStarted ? .inProgress : self
        case .markReady:
            guard awaitsUnit else { throw .notAllowed(from: self, step: "markeras klar") }
            return .readyForReview
        case .approve:
            guard self == .readyForReview else { throw .notAllowed(from: self, step: "godkännas") }
            return .approved
        case .sendBack(let comment):
            guard self == .readyForReview || self == .approved else { throw .notAllowed(from: self, step: "återremitteras") }
            guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .commentNeeded }
            return .returned
        }
    }
}

/// On which days reminders of a deadline go out: some days before it, and some days after it has passed
/// while the report is still awaited.
public struct ReminderPolicy: Hashable, Sendable {
    public var daysBefore: [Int]
    public var daysAfter: [Int]

    public static let standard = ReminderPolicy(daysBefore: [7, 1], daysAfter: [1, 7])

    public init(daysBefore: [Int], daysAfter: [Int]) {
        self.daysBefore = Array(Set(daysBefore.filter { $0 >= 0 })).sorted(by: >)
        self.daysAfter = Array(Set(daysAfter.filter { $0 > 0 })).sorted()
    }

    /// "7,1" (days before), "1,7" (days after); nil for text that is not a list of whole days.
    public init?(before: String, after: String) {
        func days(_ text: String) -> [Int]? {
            let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let numbers = parts.compactMap { Int($0) }
            return numbers.count == parts.count && numbers.allSatisfy({ (0...365).contains($0) }) ? numbers : nil
        }
        guard let b = days(before), let a = days(after) else { return nil }
        self.init(daysBefore: b, daysAfter: a)
    }

    /// Whether `today` is a reminder day for `deadline`.
    public func remindsOn(_ today: Day, deadline: Day) -> Bool {
        let left = today.days(until: deadline)
        return left >= 0 ? daysBefore.contains(left) : daysAfter.contains(-left)
    }

    /// How a reminder names the time left: "om 7 dagar", "i morgon", "i dag", "passerades i går".
    public static func timeLeft(from today: Day, to deadline: Day) -> String {
        switch today.days(until: deadline) {
        case 0: "i dag"
        case 1: "i morgon"
        case let n where n > 1: "om \(n) dagar"
        case -1: "passerades i går"
        case let n: "passerades för \(-n) dagar sedan"
        }
    }
}

/// What a plan still lacks for a period's report: the board names it beside each unit's state, and a
/// reminder lists it.
public struct ReportGaps: Hashable, Sendable {
    /// Active indicators (not fetched from Kolada) with neither outcome nor forecast for the period.
    public var values: [String] = []
    /// Goals without an analysis or assessment for the period.
    public var analyses: [String] = []
    /// Unfinished activities without a follow-up for the period.
    public var activities: [String] = []
    /// Control occasions up to the period's end without a result.
    public var controls: [String] = []

    public init() {}

    public var isEmpty: Bool { values.isEmpty && analyses.isEmpty && activities.isEmpty && controls.isEmpty }

    public static func + (a: ReportGaps, b: ReportGaps) -> ReportGaps {
        var sum = a
        sum.values += b.values; sum.analyses += b.analyses; sum.activities += b.activities; sum.controls += b.controls
        return sum
    }

    /// "3 värden, 1 analys, 2 kontrollresultat saknas" — or "Inget saknas".
    public var summary: String {
        let parts = [(values.count, "värde", "värden"), (analyses.count, "analys", "analyser"),
                     (activities.count, "aktivitetsuppföljning", "aktivitetsuppföljningar"),
                     (controls.count, "kontrollresultat", "kontrollresultat")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2)" }
        return parts.isEmpty ? "Inget saknas" : parts.joined(separator: ", ") + " saknas"
    }
}

extension Plan {
    /// What this plan lacks for `period`'s report.
    public func gaps(for period: Period) -> ReportGaps {
        var gaps = ReportGaps()
        for goal in goals where goal.isActive {
            let indicators = goal.indicators.filter { $0.isActive && $0.source?.kind != .kolada }
            for indicator in indicators where !indicator.values.contains(where: { $0.period == period && $0.gender == .total }) {
                gaps.values.append(indicator.name)
            }
            if !indicators.isEmpty, !assessments.contains(where: { $0.goalID == goal.id && $0.period == period
                && ($0.assessment != nil || !($0.analysis ?? "").isEmpty) }) {
                gaps.analyses.append(goal.title)
            }
        }
        for activity in activityPlan?.activities ?? [] {
            let status = activity.followUp(asOf: period)?.status
            if status == .done || status == .cancelled { continue }
            if !activity.followUps.contains(where: { $0.period == period }) { gaps.activities.append(activity.text) }
        }
        if let control = internalControl, control.year == period.year {
            gaps.controls = control.overdue(through: Day.end(of: period)).map { "\($0.control.control) (\($0.occasion))" }
        }
        return gaps
    }
}
