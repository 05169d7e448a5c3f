import TertialCore

/// A plan as the document its committee adopts, laid out by the municipality's template.
public enum PlanDocumentBuilder {
    /// `source` says which version of the plan this is ("Planversion 2", "Arbetsversion …"); it is printed on the cover.
    public static func build(_ full: Plan, template: DocumentTemplate? = nil, source: String) -> Document {
        let template = (template ?? DocumentTemplate.forPlan(municipalityID: full.municipality.id, kind: full.kind)).completed(for: full)
        let context = Context(full.activeView, template: template)
        return Document(cover: context.cover(title: context.doc.title, period: context.planPeriod, source: source),
                        numbered: template.numbered,
                        sections: context.placement.leading.flatMap(context.ownSections)
                            + context.visibleSections.flatMap { spec in [context.section(spec)] + context.following(context.title(spec.title)) })
    }

    /// The plan's years as documents write them: "2021–2024", or the one year.
    public static func planPeriod(_ plan: Plan) -> String { planPeriod(years: plan.planYears, budgetYear: plan.budgetYear) }

    public static func planPeriod(years planYears: [Int], budgetYear: Int) -> String {
        let years = planYears.sorted()
        guard let first = years.first, let last = years.last else { return String(budgetYear) }
        return first == last ? String(first) : "\(first)–\(last)"
    }

    static let notHeldNote = "Avsnittets text förs ännu inte in i Tertial."

    /// One heading of a plan's printed outline (see `outline`).
    public struct OutlineEntry: Hashable, Sendable {
        /// What the section's own text is stored under (`TextSection.heading`).
        public var key: String
        public var title: String
        public var depth: Int
        /// The plan's own section, not one of the template's.
        public var isOwn: Bool
        /// For the plan's own section: the `after` it names that matches no section, so the plan's order places it.
        public var unplacedAfter: String?
    }

    /// Every heading the plan prints under, in print order: the template's (with the key its text is
    /// stored under: the heading, or "Parent › Heading" where it recurs) and the plan's own text
    /// sections where the document places them.
    public static func outline(_ doc: Plan) -> [OutlineEntry] {
        let context = Context(doc, template: DocumentTemplate.forPlan(municipalityID: doc.municipality.id, kind: doc.kind))
        var result: [OutlineEntry] = []
        func own(_ section: TextSection, depth: Int) {
            let after = section.after.flatMap { context.placement.resolvedAfter[section.heading] == nil ? $0 : nil }
            result.append(OutlineEntry(key: section.heading, title: section.title, depth: depth, isOwn: true, unplacedAfter: after))
            for child in context.placement.under[section.heading] ?? [] { own(child, depth: depth + 1) }
            for next in context.placement.following[section.heading] ?? [] { own(next, depth: depth) }
        }
        func walk(_ specs: [DocumentTemplate.SectionSpec], parent: String?, depth: Int) {
            for spec in specs {
                let title = context.title(spec.title), key = context.key(title, parent: parent)
                result.append(OutlineEntry(key: key, title: title, depth: depth, isOwn: false))
                for child in context.placement.under[key] ?? [] { own(child, depth: depth + 1) }
                walk(spec.children, parent: title, depth: depth + 1)
                for next in context.placement.following[key] ?? [] { own(next, depth: depth) }
            }
        }
        for section in context.placement.leading { own(section, depth: 1) }
        walk(context.template.sections, parent: nil, depth: 1)
        return result
    }

    /// Where the plan's own text sections (those whose heading the template does not name) stand:
    /// under the section their `after` names, else right after the section before them in the plan's
    /// order, else (before every placed one) first in the document.
    struct TextPlacement {
        var leading: [TextSection] = []
        var under: [String: [TextSection]] = [:]
        var following: [String: [TextSection]] = [:]
        /// Own heading → the key its `after` was resolved to.
        var resolvedAfter: [String: String] = [:]

        /// `keys` are the template's keys of the sections that print, with each one's title.
        init(_ sections: [TextSection], keys: [(key: String, title: String)]) {
            let keySet = Set(keys.map(\.key))
            func known(_ heading: String) -> String? {
                keySet.contains(heading) ? heading : keys.first { $0.title == heading }?.key
            }
            let own = sections.filter { known($0.heading) == nil }
            let ownHeadings = Set(own.map(\.heading))
            var after: [String: String] = [:]
            for section in own {
                guard let named = section.after, named != section.heading else { continue }
                if let key = known(named) { after[section.heading] = key } else if ownHeadings.contains(named) { after[section.heading] = named }
            }
            // An `after` that leads round to itself places nothing.
            for heading in Array(after.keys) {
                var seen: Set<String> = [heading], current = after[heading]
                while let next = current, ownHeadings.contains(next) {
                    if !seen.insert(next).inserted { after[heading] = nil; break }
                    current = after[next]
                }
            }
            resolvedAfter = after
            var previous: String?
            for section in sections {
                if let key = known(section.heading) { previous = key; continue }
                if let target = after[section.heading] { under[target, default: []].append(section) }
                else if let previous { following[previous, default: []].append(section) }
                else { leading.append(section) }
                previous = section.heading
            }
        }
    }

    struct Context {
        let doc: Plan
        let template: DocumentTemplate
        let ownerName: String
        let columns: [PlanColumns.Kind]
        let goalsByID: [String: Goal]
        /// Group-name prefixes that some section of the template shows by name.
        let namedGroupPrefixes: [String]
        /// The plan's economy as typed values (nil when the plan has none).
        let economy: Economy?
        /// The template's sections that print: a section left out of a plan that does not hold its
        /// content still prints when the plan has text for it.
        let visibleSections: [DocumentTemplate.SectionSpec]
        /// How many sections of the template print each title (a recurring one is keyed "Parent › Title").
        let titleCounts: [String: Int]
        let placement: TextPlacement

        init(_ doc: Plan, template: DocumentTemplate) {
            self.doc = doc
            self.template = template
            ownerName = doc.units.first { $0.id == doc.ownerUnitID }?.name ?? doc.ownerUnitID
            columns = PlanColumns.columns(for: doc.goals.flatMap(\.indicators))
            goalsByID = Dictionary(doc.goals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            func prefixes(_ specs: [DocumentTemplate.SectionSpec]) -> [String] {
                specs.flatMap { spec -> [String] in
                    var mine: [String] = []
                    if case .measureGroups(let prefix?) = spec.content { mine.append(prefix) }
                    return mine + prefixes(spec.children)
                }
            }
            namedGroupPrefixes = prefixes(template.sections)
            economy = doc.economy
            var counts: [String: Int] = [:]
            let ownerName = ownerName
            func fill(_ title: String) -> String { Self.title(title, doc, ownerName: ownerName) }
            func count(_ specs: [DocumentTemplate.SectionSpec]) { for s in specs { counts[fill(s.title), default: 0] += 1; count(s.children) } }
            count(template.sections)
            titleCounts = counts
            let texts = doc.textSections ?? []
            func keys(_ specs: [DocumentTemplate.SectionSpec], parent: String?) -> [(key: String, title: String)] {
                specs.flatMap { spec -> [(key: String, title: String)] in
                    let title = fill(spec.title)
                    let key = (counts[title] ?? 0) > 1 ? parent.map { "\($0) › \(title)" } ?? title : title
                    return [(key, title)] + keys(spec.children, parent: title)
                }
            }
            let economy = doc.economy
            visibleSections = template.sections.filter { spec in
                guard spec.onlyWhenHeld else { return true }
                let probe = Context.holds(spec.content, plan: doc, economy: economy)
                return probe || keys([spec], parent: nil).contains { key in texts[heading: key.key] != nil || texts[heading: key.title] != nil }
            }
            placement = TextPlacement(texts, keys: keys(visibleSections, parent: nil))
        }

        /// What a goal of a level is called: the municipality's own name, else the template's, else Tertial's.
        func goalLabel(_ level: GoalLevel) -> String {
            doc.municipality.goalLevelLabels?[level] ?? template.goalLabels[level] ?? level.label
        }

        /// What a section's own text is stored under: its title, or "Parent › Title" where the title recurs.
        func key(_ title: String, parent: String?) -> String {
            (titleCounts[title] ?? 0) > 1 ? parent.map { "\($0) › \(title)" } ?? title : title
        }

        /// The plan's own sections that stand right after the section of `key`, each with what stands under and after it.
        func following(_ key: String) -> [Section] {
            (placement.following[key] ?? []).flatMap(ownSections)
        }

        /// A section of the plan's own: its text, what is placed under it, then what follows it.
        func ownSections(_ own: TextSection) -> [Section] {
            [Section(own.title, blocks: Block.blocks(fromMarkdown: own.text), children: (placement.under[own.heading] ?? []).flatMap(ownSections))]
                + following(own.heading)
        }

        var planPeriod: String { PlanDocumentBuilder.planPeriod(doc) }

        func cover(title: String, period: String, source: String) -> Document.Cover {
            var decision: String?
            if let d = doc.decision {
                decision = [d.body, d.paragraph, d.date?.description].compactMap { $0 }.joined(separator: " ")
                if let dnr = d.caseNumber { decision! += ", Dnr \(dnr)" }
            }
            return Document.Cover(municipality: doc.municipality.name, committee: ownerName, title: title, period: period,
                                  status: doc.status.label, decision: decision, source: source)
        }

        func title(_ raw: String) -> String { Self.title(raw, doc, ownerName: ownerName) }

        static func title(_ raw: String, _ doc: Plan, ownerName: String) -> String {
            let years = PlanDocumentBuilder.planPeriod(doc)
            return raw.replacingOccurrences(of: "{plan}", with: doc.title)
                .replacingOccurrences(of: "{years}", with: years)
                .replacingOccurrences(of: "{year}", with: String(doc.budgetYear))
                .replacingOccurrences(of: "{committee}", with: ownerName)
                .replacingOccurrences(of: "{municipality}", with: doc.municipality.name)
        }

        /// The plan's own text for a section: by "Parent › Title" where a title recurs (Mark's two
        /// "Värdegrund"), else by its title.
        func text(for title: String, parent: String?) -> [Block]? {
            let texts = doc.textSections ?? []
            guard let markdown = parent.flatMap({ texts[heading: "\($0) › \(title)"] }) ?? texts[heading: title] else { return nil }
            return Block.blocks(fromMarkdown: markdown)
        }

        func section(_ spec: DocumentTemplate.SectionSpec, parent: String? = nil) -> Section {
            let heading = title(spec.title)
            let key = key(heading, parent: parent)
            // The plan's own sections placed under this one come first (a comment under its table), then the
            // template's subsections, each followed by the plan's sections that follow it.
            let children = (placement.under[key] ?? []).flatMap(ownSections)
                + spec.children.flatMap { child in [self.section(child, parent: heading)] + following(self.key(title(child.title), parent: heading)) }
            var section = Section(heading, children: children)
            let ownText = text(for: heading, parent: parent)
            switch spec.content {
            case .notHeld:
                if let ownText { section.blocks = ownText }
                else if spec.children.isEmpty { section.blocks = [.note(PlanDocumentBuilder.notHeldNote)] }
                return section
            case .none:
                section.blocks = ownText ?? []
                return section
            case .decision: section.blocks = decisionBlocks()
            case .councilGoals: section.blocks = councilGoalBlocks()
            case .councilGoalList(let intro): section.blocks = councilGoalListBlocks(intro: intro)
            case .basicMissions:
                section.children = doc.basicMissions.map { mission in Section(mission.title, blocks: missionBlocks(mission)) } + section.children
                if doc.basicMissions.isEmpty { section.blocks = [.note("Planen anger inget grunduppdrag.")] }
            case .basicMissionText:
                section.blocks = doc.basicMissions.flatMap(missionBlocks)
                if doc.basicMissions.isEmpty { section.blocks = [.note(PlanDocumentBuilder.notHeldNote)] }
            case .goalsByArea:
                section.children = goalSections() + section.children
            case .goalMatrix(let filter, let columns):
                section.blocks = goalMatrix(filter, columns, name: section.title)
            case .measureGroups(let prefix):
                section.blocks = measureGroupBlocks(prefix: prefix, sectionTitle: section.title)
            case .attachments:
                section.blocks = doc.attachments.isEmpty ? [.note("Planen har inga bilagor.")] : [.bullets(doc.attachments)]
            case .operatingBudgets, .economySummary, .budgetChart, .investments, .volumes, .frameTransfers,
                 .assignments, .assignmentTable, .assignmentList, .activities, .premisesNeeds, .steeringDocuments, .competenceNeeds,
                 .competenceStrategy, .digitalisation, .riskScale, .riskMatrix, .riskAnalysis, .controlPlan, .several:
                section.blocks = heldBlocks(spec.content)
            }
            // A section with content may have words of its own before it (Linköping's summary bullets).
            if let ownText { section.blocks = spec.textAfter ? section.blocks + ownText : ownText + section.blocks }
            return section
        }

        // MARK: Text

        func decisionBlocks() -> [Block] {
            guard let d = doc.decision else {
                // An adopted (or superseded) plan was decided, even when the file does not say by whom and when.
                switch doc.status {
                case .adopted, .superseded: return [.note("Planen är \(doc.status.label.lowercased()), men beslutet (organ, datum, paragraf) är inte infört i Tertial.")]
                case .draft, .proposal: return [.note("Planen är inte beslutad (status: \(doc.status.label.lowercased())).")]
                }
            }
            var blocks: [Block] = [.paragraph([d.body, d.paragraph, d.date?.description].compactMap { $0 }.joined(separator: " "))]
            if let dnr = d.caseNumber { blocks.append(.paragraph("Dnr \(dnr)")) }
            if let basis = d.basis, !basis.isEmpty { blocks += [.subheading("Beslutsunderlag"), .bullets(basis)] }
            if !d.points.isEmpty { blocks += [.subheading("\(d.body)s beslut"), .numbered(d.points)] }
            return blocks
        }

        /// The council's goals as a numbered list (Söderköping's long-term goals).
        func councilGoalListBlocks(intro: String) -> [Block] {
            let council = doc.goals.filter { $0.level == .council }
            guard !council.isEmpty else { return [.note("Planen anger inga mål från kommunfullmäktige.")] }
            return [.paragraph(title(intro))] + council.map { goal in .paragraph(goal.code.map { "\($0). \(goal.title)" } ?? goal.title) }
        }

        func councilGoalBlocks() -> [Block] {
            var blocks: [Block] = []
            for area in doc.goalAreas {
                let council = doc.goals.filter { $0.goalAreaID == area.id && $0.level == .council }
                blocks.append(.subheading("\(area.label ?? "Målområde") \(area.name)"))
                blocks += Block.blocks(fromMarkdown: area.description)
                for goal in council {
                    blocks.append(.paragraph("\(goalLabel(.council)): \(goal.title)"))
                    blocks += Block.blocks(fromMarkdown: goal.description)
                }
            }
            let loose = doc.goals.filter { $0.goalAreaID == nil && $0.level == .council }
            if !loose.isEmpty { blocks += [.subheading(goalLabel(.council)), .bullets(loose.map(\.title))] }
            return blocks.isEmpty ? [.note("Planen anger inga målområden.")] : blocks
        }

        func missionBlocks(_ mission: BasicMission) -> [Block] {
            let measures = doc.trackingMeasures.filter { $0.basicMissionID == mission.id }
            var blocks = Block.blocks(fromMarkdown: mission.text)
            if !measures.isEmpty { blocks.append(.table(measureTable(measures, name: mission.title, caption: "Följetal för \(mission.title)"))) }
            return blocks
        }

        // MARK: Goals

        /// An annual report's account of a goal: the year's status (the person's assessment where there is
        /// one, else computed) and the analysis — a qualitative goal's written account. Other plans print none.
        func yearsAccount(_ goal: Goal) -> [Block] {
            guard doc.kind == .annualReport else { return [] }
            let year = Period(year: doc.budgetYear)
            let own = account(goal)
            let computed = PlanEvaluation.goalStatuses(doc, year: doc.budgetYear, asOf: year)[goal.id] ?? .notAssessable
            let status = own?.assessment ?? computed
            var blocks: [Block] = [.status(status, "\(status.symbol) \(status.label)")]
            if let analysis = own?.analysis, !analysis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                blocks += Block.blocks(fromMarkdown: analysis)
            }
            return blocks
        }

        /// What a person said about the goal for the plan's year: the whole year's, else the latest period's.
        func account(_ goal: Goal) -> GoalAssessment? {
            let mine = doc.assessments.filter { $0.goalID == goal.id && $0.period.year == doc.budgetYear }
            return mine.first { $0.period.part == .year } ?? mine.max { $0.period < $1.period }
        }

        /// The baseline column of a goal table (after `offset` label columns), to leave out where no row of
        /// the table has a baseline: one indicator's *Nuläge* must not add an empty column to every other
        /// goal's table. Value and target columns stay the same in every table, as plans print them
        /// (Linköping's empty 2019 and 2020 columns; an empty target says that none is set).
        func baselineColumn(offset: Int) -> Set<Int> {
            Set(columns.enumerated().compactMap { index, kind in kind == .baseline ? index + offset : nil })
        }

        func headings(_ kinds: [PlanColumns.Kind]) -> [String] { kinds.map { PlanColumns.heading($0, template.headings, plan: doc.columnHeadings) } }

        func valueCells(_ indicator: Indicator, _ kinds: [PlanColumns.Kind], gender: Gender = .total) -> [Cell] {
            kinds.map { kind in
                switch kind {
                case .baseline: return gender == .total ? Cell(indicator.baseline?.text ?? "") : Cell("")
                case .value: return Cell.value(PlanColumns.printed(kind, values: indicator.values, gender: gender), decimals: indicator.decimals)
                case .target(let year): return gender == .total ? Cell(indicator.targets[year]?.text ?? "") : Cell("")
                }
            }
        }

        func numeric(_ kinds: [PlanColumns.Kind], offset: Int) -> Set<Int> {
            Set(kinds.enumerated().filter { !($0.element == .baseline) }.map { $0.offset + offset })
        }

        func areaTitle(_ pattern: String, _ area: GoalArea) -> String {
            pattern.replacingOccurrences(of: "{label}", with: area.label ?? "Målområde").replacingOccurrences(of: "{name}", with: area.name)
        }

        /// Goals worth a place under an area: the committee's own, and any goal with indicators or a written account.
        func shown(_ goal: Goal) -> Bool { goal.level != .council || !goal.indicators.isEmpty || goal.qualitative }

        func goalSections() -> [Section] {
            var areas: [(title: String, goals: [Goal], area: GoalArea?)] = []
            let pattern: String
            switch template.goalTables {
            case .perGoal(_, let p), .perArea(_, _, let p): pattern = p
            }
            for area in doc.goalAreas {
                let goals = doc.goals.filter { $0.goalAreaID == area.id && shown($0) }
                if !goals.isEmpty { areas.append((areaTitle(pattern, area), goals, area)) }
            }
            let loose = doc.goals.filter { $0.goalAreaID == nil && shown($0) }
            if !loose.isEmpty { areas.append(("Övriga mål", loose, nil)) }
            // A goal area's description stands before its goals, unless the template prints it with the council's goals.
            func hasCouncilGoals(_ specs: [DocumentTemplate.SectionSpec]) -> Bool {
                specs.contains { if case .councilGoals = $0.content { true } else { hasCouncilGoals($0.children) } }
            }
            let describeAreas = !hasCouncilGoals(template.sections)
            return areas.map { entry in
                let description = describeAreas ? Block.blocks(fromMarkdown: entry.area?.description) : []
                switch template.goalTables {
                case .perGoal(let indicatorHeading, _):
                    return Section(entry.title, blocks: description + entry.goals.flatMap { goalBlocks($0, indicatorHeading: indicatorHeading) })
                case .perArea(let goalHeading, let indicatorHeading, _):
                    return Section(entry.title, blocks: description + areaBlocks(entry.goals, goalHeading: goalHeading, indicatorHeading: indicatorHeading, name: entry.title))
                }
            }
        }

        func goalBlocks(_ goal: Goal, indicatorHeading: String) -> [Block] {
            var blocks: [Block] = [.subheading("\(goalLabel(goal.level)): \(goal.title)")]
            blocks += yearsAccount(goal)
            let parents = goal.parentGoalIDs.compactMap { goalsByID[$0]?.title }
            if !parents.isEmpty { blocks.append(.paragraph("Bidrar till: \(parents.joined(separator: "; "))")) }
            if !goal.indicators.isEmpty {
                var rows: [Row] = []
                for indicator in goal.indicators {
                    rows.append(Row([Cell(indicator.name)] + valueCells(indicator, columns)))
                    for gender in indicator.genderRows {
                        rows.append(Row([Cell(gender.label)] + valueCells(indicator, columns, gender: gender), isSubRow: true))
                    }
                }
                // Under the goal's heading: the caption names the table for screen readers, the goal is printed once.
                blocks.append(.table(Table(name: goal.title, caption: "Indikatorer för \(goal.title)", header: [indicatorHeading] + headings(columns),
                                           numericColumns: numeric(columns, offset: 1), rows: rows, captionShown: false)
                    .droppingEmptyColumns(baselineColumn(offset: 1))))
            } else if goal.qualitative && goal.description == nil && !(doc.kind == .annualReport && account(goal)?.analysis != nil) {
                blocks.append(.paragraph("Målet följs upp med en skriftlig redovisning i stället för indikatorer."))
            }
            blocks += goal.indicators.compactMap(\.note).flatMap { Block.blocks(fromMarkdown: $0) }
            blocks += Block.blocks(fromMarkdown: goal.description)
            return blocks
        }

        func areaBlocks(_ goals: [Goal], goalHeading: String, indicatorHeading: String, name: String) -> [Block] {
            // One table per set of council goals the committee's goals contribute to, in order of appearance.
            var order: [[String]] = []
            var byParents: [[String]: [Goal]] = [:]
            for goal in goals {
                if byParents[goal.parentGoalIDs] == nil { order.append(goal.parentGoalIDs) }
                byParents[goal.parentGoalIDs, default: []].append(goal)
            }
            var blocks: [Block] = []
            for parents in order {
                let titles = parents.compactMap { goalsByID[$0]?.title }
                if !titles.isEmpty { blocks.append(.paragraph("\(goalLabel(.council)): \(titles.joined(separator: "; "))")) }
                var rows: [Row] = []
                for goal in byParents[parents]! {
                    let goalCell = Cell(goal.title, detail: goal.description)
                    if goal.indicators.isEmpty {
                        rows.append(Row([goalCell, Cell(goal.qualitative ? "Skriftlig redovisning" : "")] + columns.map { _ in Cell("") }))
                    }
                    for (index, indicator) in goal.indicators.enumerated() {
                        rows.append(Row([index == 0 ? goalCell : .continuation, Cell(indicator.name)] + valueCells(indicator, columns)))
                        for gender in indicator.genderRows {
                            rows.append(Row([.continuation, Cell(gender.label)] + valueCells(indicator, columns, gender: gender), isSubRow: true))
                        }
                    }
                }
                let tableName = titles.isEmpty ? name : "\(name) – \(titles[0])"
                blocks.append(.table(Table(name: tableName, caption: "Nämndmål och indikatorer: \(titles.isEmpty ? name : titles.joined(separator: "; "))",
                                           header: [goalHeading, indicatorHeading] + headings(columns), numericColumns: numeric(columns, offset: 2), rows: rows)
                    .droppingEmptyColumns(baselineColumn(offset: 2))))
            }
            return blocks
        }

        func goalMatrix(_ filter: DocumentTemplate.GoalFilter, _ spec: DocumentTemplate.MatrixColumns, name: String) -> [Block] {
            let goals = doc.goals.filter { goal in
                goal.level != .council && (filter == .withArea) == (goal.goalAreaID != nil)
            }
            guard !goals.isEmpty else { return [.note("Planen har inga sådana mål.")] }
            let kinds = columns.filter { $0 != .baseline }
            // Groups for the first column, in order: the long-term goals, or the development areas.
            var groups: [(cell: String, goals: [Goal])] = []
            switch spec.first {
            case .parentGoal:
                for parent in doc.goals where parent.level == .council {
                    let children = goals.filter { $0.parentGoalIDs.first == parent.id }
                    if !children.isEmpty { groups.append((parent.code.map { "\($0). \(parent.title)" } ?? parent.title, children)) }
                }
                let orphans = goals.filter { g in !groups.contains { $0.goals.contains { $0.id == g.id } } }
                if !orphans.isEmpty { groups.append(("", orphans)) }
            case .area:
                for area in doc.goalAreas {
                    let members = goals.filter { $0.goalAreaID == area.id }
                    if !members.isEmpty { groups.append((area.description ?? area.name, members)) }
                }
            }
            var rows: [Row] = []
            for group in groups {
                var firstOfGroup = true
                for goal in group.goals {
                    let indicators = goal.indicators.isEmpty ? [nil] : goal.indicators.map { Optional($0) }
                    for (index, indicator) in indicators.enumerated() {
                        var cells = [firstOfGroup ? Cell(group.cell) : .continuation, index == 0 ? Cell(goal.title) : .continuation, Cell(indicator?.name ?? "")]
                        cells.append(Cell(indicator?.baseline?.text ?? ""))
                        cells += indicator.map { valueCells($0, kinds) } ?? kinds.map { _ in Cell("") }
                        rows.append(Row(cells))
                        firstOfGroup = false
                    }
                }
            }
            return [.table(Table(name: name, caption: name,
                                 header: [spec.firstHeading, spec.goalHeading, spec.indicatorHeading, spec.baselineHeading] + headings(kinds),
                                 numericColumns: numeric(kinds, offset: 4), rows: rows))]
        }

        // MARK: Tracking measures

        func measureTable(_ measures: [TrackingMeasure], name: String, caption: String) -> Table {
            let kinds = PlanColumns.columns(values: measures.flatMap(\.values), hasBaseline: false, targetYears: [])
            let showsLevel = measures.contains { $0.approvedLevel != nil }
            let rows = measures.map { m in
                Row([Cell(m.name)] + (showsLevel ? [Cell(m.approvedLevel?.text ?? "")] : [])
                    + kinds.map { Cell.value(PlanColumns.printed($0, values: m.values, gender: .total), decimals: m.decimals) })
            }
            let levelOffset = showsLevel ? 2 : 1
            return Table(name: name, caption: caption, header: ["Följetal"] + (showsLevel ? ["Godkänd nivå"] : []) + headings(kinds),
                         numericColumns: Set((0..<kinds.count).map { $0 + levelOffset }), rows: rows)
        }

        func measureGroupBlocks(prefix: String?, sectionTitle: String) -> [Block] {
            let groups = doc.trackingMeasureGroups.filter { group in
                prefix.map { group.name.hasPrefix($0) } ?? !namedGroupPrefixes.contains { group.name.hasPrefix($0) }
            }
            if groups.isEmpty { return [.note("Planen har inga följetal här.")] }
            return groups.flatMap { name, measures -> [Block] in
                (name == sectionTitle ? [] : [.subheading(name)]) + [.table(measureTable(measures, name: name, caption: name))]
            }
        }
    }
}
