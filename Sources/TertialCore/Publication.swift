import Foundation

/// What a published edition is of: the adopted plan, or one of its follow-up reports.
public enum PublishedDocument: String, CaseIterable, Hashable, Sendable {
    case plan, tertial, delar, helar

    /// As a citizen reads it.
    public var title: String {
        switch self {
        case .plan: "Plan"
        case .tertial: "Tertialrapport 1"
        case .delar: "Delårsrapport"
        case .helar: "Årsrapport"
        }
    }

    /// The period a report follows up; nil for the plan.
    public func period(_ year: Int) -> Period? {
        switch self {
        case .plan: nil
        case .tertial: Period(year: year, part: .tertial(1))
        case .delar: Period(year: year, part: .interim)
        case .helar: Period(year: year)
        }
    }
}

/// Which edition series of a plan: the plan itself ("plan"), or a report of a year ("helar-2024").
/// Its slug is part of every public URL of the edition, so it never changes.
public struct EditionKey: Hashable, Sendable, CustomStringConvertible {
    public var document: PublishedDocument
    /// The report's year; for the plan, its budget year.
    public var year: Int

    public init(document: PublishedDocument, year: Int) { self.document = document; self.year = year }

    public var slug: String { document == .plan ? "plan" : "\(document.rawValue)-\(year)" }
    public var description: String { slug }

    /// "plan" (with the plan's budget year) or "tertial-2024", "delar-2024", "helar-2024".
    public init?(slug: String, planYear: Int) {
        if slug == "plan" { self.init(document: .plan, year: planYear); return }
        let parts = slug.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let document = PublishedDocument(rawValue: String(parts[0])), document != .plan,
              parts[1].count == 4, let year = Int(parts[1]), (1900...2200).contains(year) else { return nil }
        self.init(document: document, year: year)
    }
}

/// One published edition: what was published, when and by whom, and the decision it rests on. The
/// content (the plan as published, with its values and follow-up) is frozen with it; a newer edition of
/// the same series replaces it, but nothing ever changes it.
public struct Edition: Hashable, Sendable {
    public var id: UUID
    public var planID: String
    public var planTitle: String
    public var committee: String
    public var municipalityID: String
    public var municipalityName: String
    public var key: EditionKey
    /// 1, 2, … within the series.
    public var number: Int
    public var publishedAt: Date
    public var publishedBy: String
    /// "Fastställd av Socialnämnden 2023-11-22, § 123".
    public var decision: String
    /// For a plan edition: the adopted plan version it shows.
    public var planVersion: Int?
    /// When a newer edition of the series replaced it; nil while it is the current one.
    public var replacedAt: Date?

    public init(id: UUID, planID: String, planTitle: String, committee: String, municipalityID: String, municipalityName: String,
                key: EditionKey, number: Int, publishedAt: Date, publishedBy: String, decision: String, planVersion: Int?, replacedAt: Date?) {
        self.id = id; self.planID = planID; self.planTitle = planTitle; self.committee = committee
        self.municipalityID = municipalityID; self.municipalityName = municipalityName; self.key = key; self.number = number
        self.publishedAt = publishedAt; self.publishedBy = publishedBy; self.decision = decision; self.planVersion = planVersion
        self.replacedAt = replacedAt
    }

    /// "Socialnämndens nämndplan 2024–2025" is the plan's own title; the report's adds its name.
    public var title: String { key.document == .plan ? planTitle : "\(key.document.title) \(key.year) – \(planTitle)" }

    /// The sentence that names a report's approval: "Godkänd av Socialnämnden 2025-02-20, § 12".
    public static func decisionText(verb: String, body: String, date: Day, paragraph: String?) -> String {
        var text = "\(verb) av \(body.trimmingCharacters(in: .whitespaces)) \(date)"
        if let paragraph = paragraph?.trimmingCharacters(in: .whitespaces), !paragraph.isEmpty {
            text += paragraph.hasPrefix("§") ? ", \(paragraph)" : ", § \(paragraph)"
        }
        return text
    }
}

/// Open data from published editions: three datasets in long form, each documented column by column,
/// written as CSV (RFC 4180, UTF-8, comma, dot as decimal point) and JSON (an array of objects, numbers as
/// numbers). Licensed CC0: the figures are public records.
public enum OpenData {
    public static let licence = "https://creativecommons.org/publicdomain/zero/1.0/"
    public static let licenceName = "CC0 1.0 (fri användning, ingen upphovsrätt)"

    public struct Column: Hashable, Sendable {
        public let name: String
        public let description: String
        public let isNumber: Bool
        init(_ name: String, _ description: String, number: Bool = false) { self.name = name; self.description = description; self.isNumber = number }
    }

    public enum Value: Hashable, Sendable {
        case text(String)
        case number(Decimal)
        case empty
    }

    public enum Dataset: String, CaseIterable, Hashable, Sendable {
        case goals = "mal-och-indikatorer"
        case budget = "budget"
        case activities = "aktiviteter"

        public var title: String {
            switch self {
            case .goals: "Mål, indikatorer, målvärden och utfall"
            case .budget: "Budget och investeringar"
            case .activities: "Aktiviteter och uppdrag med status"
            }
        }

        public var description: String {
            switch self {
            case .goals: "Nämndernas mål med indikatorer: målvärde per år, utfall och prognos per period och kön, en rad per värde."
            case .budget: "Driftbudgetens rader och investeringarna per kolumn (budget, bokslut, plan) och år, en rad per belopp."
            case .activities: "Aktiviteter och uppdrag i planerna med ansvar, tidpunkt och senast rapporterade status."
            }
        }

        public var keywords: [String] {
            switch self {
            case .goals: ["mål", "indikatorer", "uppföljning", "målvärden"]
            case .budget: ["budget", "ekonomi", "investeringar"]
            case .activities: ["aktiviteter", "uppdrag", "uppföljning"]
            }
        }

        public var columns: [Column] {
            let common = [
                Column("kommun", "Kommunens namn."),
                Column("namnd", "Nämnden eller enheten som äger planen."),
                Column("plan_id", "Planens fasta id i Tertial."),
                Column("plan", "Planens titel."),
                Column("utgava", "Den publicerade utgåvan raden kommer från, t.ex. plan#1 eller helar-2024#2."),
            ]
            switch self {
            case .goals:
                return common + [
                    Column("malomrade", "Målområdet (tomt när målet inte hör till något)."),
                    Column("mal_id", "Målets fasta id."),
                    Column("mal", "Målet."),
                    Column("indikator_id", "Indikatorns fasta id."),
                    Column("indikator", "Indikatorn."),
                    Column("enhet", "Indikatorns enhet, t.ex. %, antal, kr."),
                    Column("riktning", "Vilket håll som är bättre: hogre, lagre, behalla (nivån ska hållas) eller ingen."),
                    Column("typ", "malvarde, utfall eller prognos."),
                    Column("period", "Perioden: år (2024), tertial (2024-T1), delår (2024-D) eller månad (2024-03)."),
                    Column("ar", "Året perioden hör till.", number: true),
                    Column("kon", "totalt, kvinnor eller man."),
                    Column("varde", "Värdet som tal, med punkt som decimaltecken; tomt när värdet inte är ett tal.", number: true),
                    Column("varde_text", "Värdet som det skrivs i planen, t.ex. ≥ 90 % eller Bättre än föregående år."),
                ]
            case .budget:
                return common + [
                    Column("budget", "Budgetens rubrik, t.ex. Driftbudget eller Investeringar."),
                    Column("typ", "drift eller investering."),
                    Column("avsnitt", "Avsnittet i budgeten (tomt när budgeten har ett)."),
                    Column("rad_id", "Radens fasta id."),
                    Column("rad", "Raden: verksamhet, intäkter, kostnader eller investering."),
                    Column("kolumn", "Kolumnen som den skrivs i planen, t.ex. Budget 2024."),
                    Column("kolumntyp", "budget, bokslut, budgetforslag, plan eller prognos."),
                    Column("ar", "Året kolumnen gäller.", number: true),
                    Column("belopp", "Beloppet i budgetens enhet.", number: true),
                    Column("enhet", "Beloppens enhet: kr, tkr eller mnkr."),
                    Column("belopp_kr", "Beloppet i kronor.", number: true),
                ]
            case .activities:
                return common + [
                    Column("typ", "aktivitet eller uppdrag."),
                    Column("id", "Aktivitetens eller uppdragets fasta id."),
                    Column("text", "Vad som ska göras."),
                    Column("ansvarig", "Ansvarig enhet eller roll."),
                    Column("start", "När arbetet börjar, som planen anger det."),
                    Column("klart", "När det ska vara klart eller redovisas, som planen anger det."),
                    Column("status", "Senast rapporterade status: ej påbörjad, pågår, klar, försenad eller avbruten."),
                    Column("status_period", "Perioden statusen rapporterades för."),
                    Column("procent_klart", "Hur stor del som är klar, i procent.", number: true),
                    Column("kommentar", "Senaste kommentaren."),
                ]
            }
        }

        /// The dataset's rows from one published plan.
        public func rows(_ plan: Plan, edition: String) -> [[Value]] {
            let committee = plan.units.first { $0.id == plan.ownerUnitID }?.name ?? plan.ownerUnitID
            let common: [Value] = [.text(plan.municipality.name), .text(committee), .text(plan.id), .text(plan.title), .text(edition)]
            func text(_ s: String?) -> Value { s.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
            func number(_ d: Decimal?) -> Value { d.map(Value.number) ?? .empty }
            let view = plan.activeView
            switch self {
            case .goals:
                var rows: [[Value]] = []
                let areas = Dictionary(view.goalAreas.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                for goal in view.goals {
                    for indicator in goal.indicators where indicator.isActive {
                        let head = common + [text(goal.goalAreaID.flatMap { areas[$0] }), .text(goal.id), .text(goal.title),
                                             .text(indicator.id), .text(indicator.name), text(indicator.unit), .text(Self.direction(indicator.direction))]
                        for year in indicator.targets.keys.sorted() {
                            let target = indicator.targets[year]!
                            rows.append(head + [.text("malvarde"), .text(String(year)), .number(Decimal(year)), .text("totalt"),
                                                number(Self.targetNumber(target.form)), .text(target.text)])
                        }
                        let sorted = indicator.values.sorted { ($0.period, $0.kind.rawValue, $0.gender.rawValue) < ($1.period, $1.kind.rawValue, $1.gender.rawValue) }
                        for entry in sorted {
                            rows.append(head + [.text(entry.kind == .outcome ? "utfall" : "prognos"), .text(entry.period.description),
                                                .number(Decimal(entry.period.year)), .text(Self.gender(entry.gender)),
                                                number(entry.value.number), .text(entry.value.text)])
                        }
                    }
                }
                return rows
            case .budget:
                guard let economy = view.economy else { return [] }
                var rows: [[Value]] = []
                for identified in economy.operatingBudgets {
                    let budget = identified.budget
                    for section in budget.sections {
                        for line in section.lines {
                            for column in budget.columns where column.kind.isAmount {
                                guard let amount = line.amounts[column] else { continue }
                                rows.append(common + [.text(budget.layout.title), .text("drift"), text(section.title), .text(line.id), .text(line.name),
                                                      .text(column.printedHeading), .text(Self.columnKind(column.kind)), .number(Decimal(column.year)),
                                                      .number(amount), .text(budget.unit.label), .number(amount * budget.unit.kronor)])
                            }
                        }
                    }
                }
                for identified in economy.investmentBudgets {
                    let budget = identified.budget
                    for investment in budget.investments {
                        for year in investment.budgetByYear.keys.sorted() {
                            let amount = investment.budgetByYear[year]!
                            rows.append(common + [.text(budget.layout.title), .text("investering"), text(investment.group), .text(investment.id),
                                                  .text(investment.name), .text("Budget \(year)"), .text("budget"), .number(Decimal(year)),
                                                  .number(amount), .text(budget.unit.label), .number(amount * budget.unit.kronor)])
                        }
                    }
                }
                return rows
            case .activities:
                guard let activityPlan = view.activityPlan else { return [] }
                let units = Dictionary(plan.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                var rows: [[Value]] = []
                for activity in activityPlan.activities {
                    let latest = activity.followUps.max { $0.period < $1.period }
                    let responsible = [activity.responsibleUnitID.flatMap { units[$0] }, activity.responsibleRole].compactMap { $0 }.joined(separator: ", ")
                    rows.append(common + [.text("aktivitet"), .text(activity.id), .text(activity.text), text(responsible),
                                          text(activity.start?.description), text(activity.due?.description),
                                          text(latest?.status.label.lowercased()), text(latest?.period.description),
                                          number(latest?.percentComplete.map { Decimal($0) }), text(latest?.comment)])
                }
                for assignment in activityPlan.assignments {
                    rows.append(common + [.text("uppdrag"), .text(assignment.id), .text(assignment.text), text(assignment.givenBy),
                                          .empty, text(assignment.reportBy?.description), .text(assignment.status.label.lowercased()),
                                          .empty, .empty, text(assignment.responseText)])
                }
                return rows
            }
        }

        static func direction(_ direction: Direction) -> String {
            switch direction {
            case .increase: "hogre"
            case .decrease: "lagre"
            case .maintain: "behalla"
            case .none: "ingen"
            }
        }

        static func gender(_ gender: Gender) -> String {
            switch gender {
            case .total: "totalt"
            case .women: "kvinnor"
            case .men: "man"
            }
        }

        static func columnKind(_ kind: BudgetColumnKind) -> String {
            switch kind {
            case .outcome: "bokslut"
            case .budget: "budget"
            case .budgetProposal: "budgetforslag"
            case .plan: "plan"
            case .forecast: "prognos"
            case .deviation: "avvikelse"
            }
        }

        /// The number a target names, where it names one ("≥ 90 %": 90; "70-100": nothing).
        static func targetNumber(_ form: TargetForm) -> Decimal? {
            switch form {
            case .comparison(_, let value), .level(let value): value
            default: nil
            }
        }
    }

    // MARK: - Writing

    /// CSV: a header of column names, then the rows; fields quoted when they hold a comma, quote or line break.
    public static func csv(_ dataset: Dataset, rows: [[Value]]) -> String {
        var out = dataset.columns.map(\.name).joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.map { value -> String in
                switch value {
                case .empty: return ""
                case .number(let d): return machine(d)
                case .text(let s):
                    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
                    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// JSON: an array of objects keyed by column name; empty values as null.
    public static func json(_ dataset: Dataset, rows: [[Value]]) -> String {
        let names = dataset.columns.map(\.name)
        var out = "["
        for (index, row) in rows.enumerated() {
            out += index == 0 ? "\n{" : ",\n{"
            out += zip(names, row).map { name, value -> String in
                let rendered: String
                switch value {
                case .empty: rendered = "null"
                case .number(let d): rendered = machine(d)
                case .text(let s): rendered = jsonString(s)
                }
                return "\(jsonString(name)):\(rendered)"
            }.joined(separator: ",")
            out += "}"
        }
        return out + "\n]\n"
    }

    /// A decimal as machines read it: "1560188", "6.8", "-12.5".
    public static func machine(_ d: Decimal) -> String {
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 6, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }

    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
