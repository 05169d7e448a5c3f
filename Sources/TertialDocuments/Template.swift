import TertialCore

/// How one municipality prints one kind of plan: which sections, in which order, numbered or not,
/// what they are called, and how the goal and indicator tables are laid out. The three demo
/// municipalities each have one that reproduces their own document; any other plan gets `standard`.
///
/// A section either shows something Tertial holds (`Content`) or, for text Tertial does not hold
/// yet (vision, organisation, …), its heading and a note saying so, so the structure stays whole.
public struct DocumentTemplate: Hashable, Sendable {
    public var id: String
    public var numbered: Bool
    public var sections: [SectionSpec]
    public var goalTables: GoalTableStyle
    public var headings: ColumnHeadings
    /// What the municipality calls a goal of each level where the document names it ("Kommungemensamt
    /// mål", "Nämndens mål"); a level not named here prints as `GoalLevel.label`.
    public var goalLabels: [GoalLevel: String]

    public init(id: String, numbered: Bool, sections: [SectionSpec], goalTables: GoalTableStyle, headings: ColumnHeadings = .init(),
                goalLabels: [GoalLevel: String] = [:]) {
        self.id = id; self.numbered = numbered; self.sections = sections; self.goalTables = goalTables; self.headings = headings
        self.goalLabels = goalLabels
    }

    public func goalLabel(_ level: GoalLevel) -> String { goalLabels[level] ?? level.label }

    public struct SectionSpec: Hashable, Sendable {
        /// "{plan}", "{year}", "{years}" and "{committee}" are replaced by the plan's title, budget year,
        /// plan period ("2021–2024") and owner.
        public var title: String
        public var content: Content
        public var children: [SectionSpec]
        /// Left out of a plan that does not hold what the section shows (the standard template's
        /// economy and activity sections); a municipality's own template keeps its structure whole
        /// and says what is missing.
        public var onlyWhenHeld: Bool
        /// The section's own text stands after its content (Mark's comments under the budget tables)
        /// instead of before it.
        public var textAfter: Bool

        public init(_ title: String, _ content: Content = .notHeld, _ children: [SectionSpec] = [], onlyWhenHeld: Bool = false, textAfter: Bool = false) {
            self.title = title; self.content = content; self.children = children; self.onlyWhenHeld = onlyWhenHeld; self.textAfter = textAfter
        }
    }

    public enum Content: Hashable, Sendable {
        /// Text Tertial does not hold yet: the heading and a note.
        case notHeld
        /// A heading over its children only.
        case none
        /// The committee's decision: body, paragraph, case number, decision points, basis.
        case decision
        /// Goal areas and the council's goals in them, with their descriptions.
        case councilGoals
        /// The council's goals as a numbered list ("1. Skapa en hållbar …").
        case councilGoalList(intro: String)
        /// One subsection per basic mission: its text and its tracking measures with approved levels.
        case basicMissions
        /// The text of each basic mission, without subsections.
        case basicMissionText
        /// One subsection per goal area that has goals of its own, laid out by `goalTables`.
        case goalsByArea
        /// One table of the goals the filter selects, laid out as a matrix (Söderköping).
        case goalMatrix(GoalFilter, MatrixColumns)
        /// Tracking measures in the groups whose name starts with the prefix (nil: those not shown elsewhere).
        case measureGroups(prefix: String?)
        /// The plan's attachments (bilagor).
        case attachments
        /// Every operating budget table (driftbudget, driftsammandrag, driftsekonomi).
        case operatingBudgets
        /// Net cost, gross costs and income, and net investments for the budget and plan years: the
        /// plan's stated summary tables, else (with a heading) one made from its tables (Linköping).
        case economySummary(heading: String?)
        /// Net cost per activity over the years, as grouped columns.
        case budgetChart
        case investments
        /// The volume or personnel tables, with their footnotes and comments.
        case volumes(VolumeTable.Kind)
        /// Frame transfers to and from the committee ("1 777 tkr från och med år 2021").
        case frameTransfers
        /// The council's assignments as the plan lists them: common ones, then those named to the committee.
        case assignments
        /// The assignments as a table: text, committees, coordinating committee, report-back, response, status.
        case assignmentTable
        /// The council's assignments as a numbered list after `intro` (Söderköping's "uppdrag att för 2020:").
        case assignmentList(intro: String)
        /// The activities as a table: what they serve, activity, responsible, due, status.
        case activities
        /// The premises plan's needs: need, when, category, priority, motivation.
        case premisesNeeds
        /// The prioritised steering documents with the activities that serve them.
        case steeringDocuments
        /// The competence supply plan's needs and measures.
        case competenceNeeds
        /// The competence strategy as a grid of words (Mark's omställningsstrategi).
        case competenceStrategy
        /// One part of the digitalisation plan as a list, or (nil) all three under subheadings.
        case digitalisation(DigitalisationPlan.Part?)
        /// The internal control's scale as a legend (Mark's riskmatris).
        case riskScale
        /// The risk matrix with each risk in its cell.
        case riskMatrix
        /// Every risk of the analysis with value, band and whether it is in the plan.
        case riskAnalysis
        /// The internal control plan in a municipality's layout.
        case controlPlan(InternalControlTables.Layout)
        /// Several of the above, in order, in one section.
        indirect case several([Content])

        /// What the plan must hold for a section with this content to be worth printing (see `onlyWhenHeld`).
        var needsEconomy: Bool {
            switch self {
            case .operatingBudgets, .economySummary, .budgetChart, .investments, .volumes, .frameTransfers: true
            case .several(let parts): parts.contains { $0.needsEconomy }
            default: false
            }
        }
        var needsActivityPlan: Bool {
            switch self {
            case .assignments, .assignmentTable, .assignmentList, .activities, .premisesNeeds, .steeringDocuments, .competenceNeeds, .competenceStrategy, .digitalisation: true
            case .several(let parts): parts.contains { $0.needsActivityPlan }
            default: false
            }
        }

        /// Whether the section shows the internal control.
        public var needsInternalControl: Bool {
            switch self {
            case .riskScale, .riskMatrix, .riskAnalysis, .controlPlan: true
            case .several(let parts): parts.contains { $0.needsInternalControl }
            default: false
            }
        }
    }

    public enum GoalFilter: Hashable, Sendable {
        case withoutArea, withArea
    }

    /// Söderköping's table: a first column (the long-term goal, or the development area), the
    /// committee's goal, the indicator, baseline and targets. Each cell is printed on the first row it covers.
    public struct MatrixColumns: Hashable, Sendable {
        public enum First: Hashable, Sendable { case parentGoal, area }
        public var first: First
        public var firstHeading: String
        public var goalHeading: String
        public var indicatorHeading: String
        public var baselineHeading: String
        public init(first: First, firstHeading: String, goalHeading: String, indicatorHeading: String, baselineHeading: String) {
            self.first = first; self.firstHeading = firstHeading; self.goalHeading = goalHeading
            self.indicatorHeading = indicatorHeading; self.baselineHeading = baselineHeading
        }
    }

    public enum GoalTableStyle: Hashable, Sendable {
        /// Mark: a subheading and a table per goal; the first column holds the indicators.
        case perGoal(indicatorHeading: String, areaTitle: String)
        /// Linköping: per goal area, one table per group of goals with the same council goals; the goal in
        /// the first column (with its description in italics), the indicator in the second, men and women under it.
        case perArea(goalHeading: String, indicatorHeading: String, areaTitle: String)
    }

    /// Column headings: "{kind}" is Utfall/Prognos, "{period}" the period, "{year}" the target year.
    public struct ColumnHeadings: Hashable, Sendable {
        public var value: String
        public var target: String
        public var baseline: String
        public init(value: String = "{kind} {period}", target: String = "Mål {year}", baseline: String = "Nuläge") {
            self.value = value; self.target = target; self.baseline = baseline
        }
    }
}

extension DocumentTemplate {
    /// The template for a plan: the municipality's own for that kind of plan, or `standard`.
    public static func forPlan(municipalityID: String, kind: PlanKind) -> DocumentTemplate {
        builtIn.first { $0.id == "\(municipalityID)/\(kind.rawValue)" } ?? (kind == .annualReport ? annualReport : standard)
    }

    /// Any annual report (verksamhetsberättelse, årsbokslut): the year's economy, the goals with their
    /// status and account, what was done, and the internal control — no decision, basic mission or
    /// tracking-measure boilerplate. The report's own text sections stand where the plan puts them.
    public static let annualReport = DocumentTemplate(
        id: "standard/annualReport", numbered: true,
        sections: [
            .init("Ekonomi", .several([.economySummary(heading: nil), .operatingBudgets, .budgetChart, .frameTransfers, .investments]), onlyWhenHeld: true),
            .init("Volymer och personal", .several([.volumes(.volumes), .volumes(.personnel)]), onlyWhenHeld: true),
            .init("Mål och måluppfyllelse", .goalsByArea),
            .init("Aktiviteter och uppdrag", .several([.activities, .assignmentTable]), onlyWhenHeld: true),
            .init("Internkontroll", .several([.riskAnalysis, .controlPlan(.full)]), onlyWhenHeld: true),
        ],
        goalTables: .perGoal(indicatorHeading: "Indikatorer", areaTitle: "{label}: {name}"))

    public static let builtIn: [DocumentTemplate] = [mark, linkoping, soderkoping]

    /// Any plan: numbered; decision, goals per area, basic missions, tracking measures, attachments.
    public static let standard = DocumentTemplate(
        id: "standard", numbered: true,
        sections: [
            .init("Beslut", .decision),
            .init("Nämndens grunduppdrag", .basicMissions),
            .init("Nämndens mål", .goalsByArea),
            .init("Följetal", .measureGroups(prefix: nil)),
            .init("Ekonomi", .several([.economySummary(heading: nil), .operatingBudgets, .budgetChart, .frameTransfers, .investments]), onlyWhenHeld: true),
            .init("Volymer och personal", .several([.volumes(.volumes), .volumes(.personnel)]), onlyWhenHeld: true),
            .init("Aktiviteter och uppdrag", .several([.activities, .assignmentTable]), onlyWhenHeld: true),
            .init("Prioriterade styrdokument", .steeringDocuments, onlyWhenHeld: true),
            .init("Lokalbehovsplan", .premisesNeeds, onlyWhenHeld: true),
            .init("Kompetensförsörjningsplan", .several([.competenceNeeds, .competenceStrategy]), onlyWhenHeld: true),
            .init("Digitaliseringsplan", .digitalisation(nil), onlyWhenHeld: true),
            .init("Internkontroll", .several([.riskMatrix, .riskAnalysis, .controlPlan(.full)]), onlyWhenHeld: true),
            .init("Bilagor", .attachments),
        ],
        goalTables: .perGoal(indicatorHeading: "Indikatorer", areaTitle: "{label}: {name}"))

    /// Marks kommun, nämndplan: sections 1–12 as the 2024–2025 plan prints them.
    public static let mark = DocumentTemplate(
        id: "mark/committeePlan", numbered: true,
        sections: [
            .init("Kommunfullmäktiges övergripande styrning", .none, [
                .init("Marks kommuns vision"),
                .init("Strategiska områden och kommungemensamma mål", .councilGoals),
                .init("Värdegrund"), .init("Utgångspunkt"), .init("Förutsättningar"),
                .init("Effektiva processer och verksamheter"), .init("Uppdrag från kommunfullmäktige"),
            ]),
            .init("Nämndens övergripande styrning", .none, [
                .init("Värdegrund"), .init("Medborgarnas/brukarnas delaktighet"), .init("Synpunkts- och avvikelshantering"),
                .init("Agenda 2030"), .init("Arbete med analys av verksamhetens resultat"), .init("Jämlik och jämställd verksamhet"),
            ]),
            .init("Nämndens grunduppdrag", .basicMissions),
            .init("Nämndens mål", .goalsByArea),
            .init("Ekonomi", .none, [.init("Driftbudget", .several([.operatingBudgets, .budgetChart]), textAfter: true),
                                     .init("Investeringsbudget", .investments, textAfter: true)]),
            .init("Nämndens internkontroll", .none, [
                .init("Riskanalys", .several([.riskScale, .riskMatrix])), .init("Uppföljning av internkontrollen"),
                .init("Internkontrollplan", .controlPlan(.byArea)),
            ]),
            .init("Organisation", .none, [.init("Politisk organisation"), .init("Organisationsbild")]),
            .init("Personal", .competenceStrategy),
            .init("Följetal", .none, [
                .init("Socialnämndens följetal nämndplan", .measureGroups(prefix: "Socialnämndens följetal"), textAfter: true),
                .init("Personalföljetal", .measureGroups(prefix: "Personal")),
            ]),
            .init("Nämndens lokalbehovsplan", .none, [.init("Nuläge"), .init("Behov", .premisesNeeds)]),
            .init("Nämndens kompetensförsörjningsplan, behov och åtgärder", .competenceNeeds),
            .init("Nämndens digitaliseringsplan", .none, [
                .init("Nuläge", .digitalisation(.currentState)), .init("Önskat läge på medellång sikt (4-5 år)", .digitalisation(.desiredState)),
                .init("Plan för 2024 och 2025", .digitalisation(.plan)),
            ]),
        ],
        goalTables: .perGoal(indicatorHeading: "Indikatorer", areaTitle: "Strategiska områden/Förutsättningar/Utgångspunkter: {name}"),
        goalLabels: [.council: "Kommungemensamt mål", .committee: "Nämndens mål"])

    /// Linköpings kommun, internbudget: the decision first, unnumbered sections as the 2021 budget prints them.
    public static let linkoping = DocumentTemplate(
        id: "linkoping/internalBudget", numbered: false,
        sections: [
            .init("Beslut", .decision),
            .init("Kommunövergripande mål", .councilGoals),
            .init("Bilagor till internbudgeten", .attachments),
            .init("Ansvar för en trygg omsorg"),
            .init("{plan}", .none, [
                .init("Nämndens uppdrag"),
                .init("Sammanfattning av Social och omsorgsnämndens internbudget", .several([.economySummary(heading: "Ekonomi, belopp tkr"), .budgetChart]), [
                    .init("Volymutveckling", .several([.volumes(.volumes), .volumes(.personnel)])),
                ]),
                .init("Planeringsförutsättningar"),
                .init("Ekonomi", .none, [
                    .init("Driftsammandrag", .operatingBudgets, textAfter: true),
                    .init("Förslag till förändringar av budget för åren {years}", .frameTransfers),
                    .init("Investeringar", .investments),
                ]),
            ]),
            .init("Mål och inriktning", .goalsByArea),
            .init("Strategiska utvecklingsuppdrag", .assignments, textAfter: true),
            .init("Nämndens verksamhet", .none, [.init("Ekonomistyrning"), .init("Planer och program")]),
        ],
        goalTables: .perArea(goalHeading: "Nämndmål", indicatorHeading: "Nämndindikator", areaTitle: "{label} {name}"),
        headings: .init(value: "{period}", target: "Målvärde {year}"))

    /// Söderköpings kommun, uppdragsplan: sections 1–7 as the 2020–2023 plan prints them.
    public static let soderkoping = DocumentTemplate(
        id: "soderkoping/missionPlan", numbered: true,
        sections: [
            .init("Nämndens uppdrag", .basicMissionText),
            .init("Nämndens särskilda uppdrag från kommunfullmäktige", .several([
                .councilGoalList(intro: "Kommunfullmäktige har fastställt följande långsiktiga mål för {municipality}."),
                .assignmentList(intro: "Nämnder och kommunstyrelse har av fullmäktige fått i uppdrag att för {year}:"),
            ])),
            .init("Nämndens uppdrag till förvaltningen", .none, [
                .init("Nedbrutna mål och indikatorer utifrån de långsiktiga målen",
                      .goalMatrix(.withoutArea, .init(first: .parentGoal, firstHeading: "Långsiktigt mål", goalHeading: "Mål för nämndens verksamhet",
                                                      indicatorHeading: "Indikator", baselineHeading: "Nuläge År"))),
                .init("Mål och indikatorer utifrån identifierade utvecklingsområden",
                      .goalMatrix(.withArea, .init(first: .area, firstHeading: "Identifierade utvecklingsområden", goalHeading: "Mål för nämndens verksamhet",
                                                   indicatorHeading: "Indikator", baselineHeading: "Nuläge (ange år)"))),
            ]),
            .init("Volymer", .volumes(.volumes)),
            .init("Ekonomi", .none, [.init("Driftsekonomi", .several([.operatingBudgets, .budgetChart])), .init("Investeringar", .investments)]),
            .init("Uppföljning"),
            .init("Internkontrollplan {year} för {committee}", .controlPlan(.controls)),
        ],
        goalTables: .perGoal(indicatorHeading: "Indikator", areaTitle: "{label}: {name}"))
}

extension DocumentTemplate {
    /// The template with a place for what the plan holds and the template has none for: a municipality's
    /// template recorded from a plan without activities or assignments still prints them for a plan that
    /// has them (next year's plan carrying unfinished activities, say), at the end under the standard
    /// template's headings. Nothing a plan holds is left out of its document.
    public func completed(for plan: Plan) -> DocumentTemplate {
        func contents(_ content: Content) -> [Content] {
            if case .several(let parts) = content { return parts.flatMap(contents) }
            return [content]
        }
        func all(_ specs: [SectionSpec]) -> [Content] { specs.flatMap { contents($0.content) + all($0.children) } }
        let held = all(sections)
        var copy = self
        if !(plan.activityPlan?.activities.isEmpty ?? true), !held.contains(where: { if case .activities = $0 { true } else { false } }) {
            copy.sections.append(.init("Aktiviteter", .activities, onlyWhenHeld: true))
        }
        let listsAssignments = held.contains { content in
            switch content {
            case .assignments, .assignmentTable, .assignmentList: true
            default: false
            }
        }
        if !(plan.activityPlan?.assignments.isEmpty ?? true), !listsAssignments {
            copy.sections.append(.init("Uppdrag", .assignmentTable, onlyWhenHeld: true))
        }
        return copy
    }
}
