import TertialCore

extension PlanDocumentBuilder.Context {
    /// Whether the plan holds something for an economy or activity-plan section (the standard template
    /// leaves empty ones out).
    func holds(_ content: DocumentTemplate.Content) -> Bool { Self.holds(content, plan: doc, economy: economy) }

    static func holds(_ content: DocumentTemplate.Content, plan doc: Plan, economy: Economy?) -> Bool {
        switch content {
        case .several(let parts): return parts.contains { holds($0, plan: doc, economy: economy) }
        case .activities: return !(doc.activityPlan?.activities ?? []).isEmpty
        case .assignments, .assignmentTable, .assignmentList: return !(doc.activityPlan?.assignments ?? []).isEmpty
        case .premisesNeeds: return !(doc.activityPlan?.premisesNeeds ?? []).isEmpty
        case .steeringDocuments: return !(doc.activityPlan?.steeringDocuments ?? []).isEmpty
        case .competenceNeeds: return !(doc.activityPlan?.competenceSupply?.needs ?? []).isEmpty
        case .competenceStrategy: return doc.activityPlan?.competenceSupply?.strategy != nil
        case .digitalisation: return doc.activityPlan?.digitalisation != nil
        case .riskScale, .riskMatrix, .riskAnalysis, .controlPlan: return doc.internalControl != nil
        default: return content.needsEconomy && economy != nil
        }
    }

    /// The activity plan's sections: the council's assignments as lists or a table, the activities as a table.
    func activityBlocks(_ content: DocumentTemplate.Content) -> [Block] {
        guard let record = doc.activityPlan else { return [.note("Planen har inga aktiviteter eller uppdrag i Tertial.")] }
        let plan = record
        let names = Dictionary(doc.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        switch content {
        case .assignments:
            guard !plan.assignments.isEmpty else { return [.note("Planen anger inga uppdrag.")] }
            var blocks: [Block] = []
            for scope in Assignment.Scope.allCases {
                let mine = plan.assignments.filter { $0.scope == scope }
                guard !mine.isEmpty else { continue }
                blocks += [.subheading(scope.label), .bullets(mine.map { a in a.number.map { "\($0) \(a.text)" } ?? a.text })]
            }
            return blocks
        case .assignmentTable:
            guard !plan.assignments.isEmpty else { return [.note("Planen anger inga uppdrag.")] }
            // Status only once any assignment is followed up: an adopted plan has no follow-up yet.
            let followedUp = plan.assignments.contains { $0.status != .notStarted || $0.response != nil || $0.responseText != nil }
            return [.table(Table(name: "Uppdrag", caption: "Uppdrag från kommunfullmäktige och kommunstyrelsen",
                                 header: ["Uppdrag", "Till", "Samordnande", "Återrapportering", "Svar", "Status"], numericColumns: [], rows: plan.assignments.map { a in
                Row([Cell(a.number.map { "\($0) \(a.text)" } ?? a.text),
                     Cell(a.scope == .allCommittees ? "Samtliga nämnder" : a.committeeIDs.map { names[$0] ?? $0 }.joined(separator: ", ")),
                     Cell(a.coordinatingCommitteeID.map { names[$0] ?? $0 } ?? ""), Cell(a.reportBy?.description ?? ""),
                     Cell([a.response?.label, a.responseText].compactMap { $0 }.joined(separator: ": ")),
                     Cell(followedUp ? "\(a.status.symbol) \(a.status.label)" : "")])
            }).droppingEmptyColumns([2, 3, 4, 5]))]
        case .assignmentList(let intro):
            guard !plan.assignments.isEmpty else { return [.note("Planen anger inga uppdrag.")] }
            return [.paragraph(title(intro))] + plan.assignments.map { a in .paragraph(a.number.map { "\($0). \(a.text)" } ?? a.text) }
        case .activities:
            guard !plan.activities.isEmpty else { return [.note("Planen har inga aktiviteter.")] }
            let goals = Dictionary(doc.goals.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            // An assignment by its number, else by its whole text: a cell wraps, a title is never cut.
            let assignments = Dictionary(plan.assignments.map { ($0.id, $0.number ?? $0.text) }, uniquingKeysWith: { a, _ in a })
            let steering = Dictionary((record.steeringDocuments ?? []).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            // The status at the end of the plan's budget year as far as it is followed up (late ones show as late).
            let period = plan.activities.flatMap { $0.followUps.map(\.period) }.max() ?? Period(year: doc.budgetYear, part: .tertial(1))
            // Status only once any activity is followed up: an adopted plan has no follow-up yet.
            let followedUp = plan.activities.contains { !$0.followUps.isEmpty }
            func row(_ a: Activity) -> Row {
                let serves = a.links.map { link -> String in
                    switch link {
                    case .goal(let id): goals[id] ?? id
                    case .assignment(let id): "Uppdrag: \(assignments[id] ?? id)"
                    case .steeringDocument(let id): "Styrdokument: \(steering[id] ?? id)"
                    }
                }.joined(separator: "; ")
                return Row([Cell(serves), Cell(a.printedText), Cell(a.responsibleUnitID.map { names[$0] ?? $0 } ?? a.responsibleRole ?? ""),
                            Cell(a.due?.description ?? ""), Cell(followedUp ? a.statusText(asOf: period) : "")])
            }
            /// Under a subheading that names it, the caption is for screen readers only.
            func table(_ activities: [Activity], name: String, caption: String, underHeading: Bool = false) -> Table {
                Table(name: name, caption: caption, header: ["Mål eller uppdrag", "Aktivitet", "Ansvarig", "Klart", "Status"],
                      numericColumns: [], rows: activities.map(row), captionShown: !underHeading).droppingEmptyColumns([0, 2, 3, 4])
            }
            // Per goal area (målområde) where the activities serve goals of more than one, each area's table
            // under the area's name; within it (or in the whole list) per council goal where they serve more
            // than one, each named by the goal's title. An activity is placed by the first goal it serves.
            let councilLabel = goalLabel(.council)
            func perCouncilGoal(_ activities: [Activity], within area: GoalArea?) -> [Block] {
                let councilGoals = doc.goals.filter { goal in goal.level == .council && activities.contains { doc.councilGoal(of: $0)?.id == goal.id } }
                let areaTitle = area.map { "\($0.label ?? "Målområde"): \($0.name)" }
                let suffix = area.map { " – \($0.name)" } ?? ""
                guard councilGoals.count > 1 else {
                    return [.table(table(activities, name: "Aktiviteter\(suffix)", caption: areaTitle.map { "Aktiviteter: \($0)" } ?? "Aktiviteter", underHeading: area != nil))]
                }
                // Under an area's heading a council goal names its table (a caption shown); else it is a heading.
                var blocks: [Block] = []
                func add(_ list: [Activity], title: String, name: String) {
                    if area == nil { blocks.append(.subheading(title)) }
                    blocks.append(.table(table(list, name: name, caption: title, underHeading: area == nil)))
                }
                for goal in councilGoals {
                    add(activities.filter { doc.councilGoal(of: $0)?.id == goal.id }, title: "\(councilLabel): \(goal.title)", name: "Aktiviteter\(suffix) – \(goal.title)")
                }
                let rest = activities.filter { doc.councilGoal(of: $0) == nil }
                if !rest.isEmpty { add(rest, title: "Övriga aktiviteter", name: "Aktiviteter\(suffix) – övriga") }
                return blocks
            }
            let areas = doc.goalAreas.filter { area in plan.activities.contains { doc.goalAreaID(of: $0) == area.id } }
            guard areas.count > 1 else { return perCouncilGoal(plan.activities, within: nil) }
            var blocks: [Block] = []
            for area in areas {
                blocks += [.subheading("\(area.label ?? "Målområde"): \(area.name)")]
                    + perCouncilGoal(plan.activities.filter { doc.goalAreaID(of: $0) == area.id }, within: area)
            }
            let rest = plan.activities.filter { doc.goalAreaID(of: $0) == nil }
            if !rest.isEmpty { blocks += [.subheading("Övriga aktiviteter"), .table(table(rest, name: "Övriga aktiviteter", caption: "Övriga aktiviteter", underHeading: true))] }
            return blocks
        case .premisesNeeds:
            let needs = record.premisesNeeds ?? []
            guard !needs.isEmpty else { return [.note("Planen anger inga lokalbehov.")] }
            return [.table(OtherPlanTables.premises(needs))]
        case .steeringDocuments:
            let documents = record.steeringDocuments ?? []
            guard !documents.isEmpty else { return [.note("Planen anger inga prioriterade styrdokument.")] }
            let period = plan.activities.flatMap { $0.followUps.map(\.period) }.max() ?? Period(year: doc.budgetYear, part: .tertial(1))
            return [.table(OtherPlanTables.steeringDocuments(documents, activities: plan.activities, asOf: period))]
        case .competenceNeeds:
            let needs = record.competenceSupply?.needs ?? []
            return needs.isEmpty ? [] : [.table(OtherPlanTables.competenceNeeds(needs))]
        case .competenceStrategy:
            guard let grid = record.competenceSupply?.strategy else { return [] }
            return [.subheading(grid.title), .table(OtherPlanTables.grid(grid))]
        case .digitalisation(let part):
            guard let digital = record.digitalisation else { return [.note(PlanDocumentBuilder.notHeldNote)] }
            if let part { return digital.items(part).isEmpty ? [] : [.bullets(digital.items(part))] }
            return DigitalisationPlan.Part.allCases.flatMap { part -> [Block] in
                let items = digital.items(part)
                guard !items.isEmpty else { return [] }
                return [.subheading(digital.heading(part, planPeriod: planPeriod)), .bullets(items)]
            }
        default:
            return []
        }
    }

    /// The internal control's sections: the scale, the matrix, the analysis and the control plan.
    func internalControlBlocks(_ content: DocumentTemplate.Content) -> [Block] {
        guard let record = doc.internalControl else { return [.note("Planen har ingen internkontroll i Tertial.")] }
        let control = record
        switch content {
        case .riskScale: return [.table(InternalControlTables.scaleLegend(control.scale))]
        case .riskMatrix: return [.figure(InternalControlTables.matrix(control))]
        case .riskAnalysis: return [.table(InternalControlTables.riskAnalysis(control))]
        case .controlPlan(let layout):
            let tables = InternalControlTables.controlPlan(control, layout: layout)
            guard tables.contains(where: { !$0.table.rows.isEmpty }) else { return [.note("Inga risker är med i internkontrollplanen.")] }
            return tables.flatMap { area, table in (area.map { [Block.subheading($0)] } ?? []) + [.table(table)] }
        default: return []
        }
    }
}
