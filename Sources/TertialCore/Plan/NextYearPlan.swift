import Foundation

/// Next year's plan, made from this year's: a draft for the period one year on, with everything that
/// continues carried and nothing of the old plan changed (it is a new value; the old one is untouched).
extension Plan {
    /// - Goals the plan owns (those of its unit and the units below) continue under new ids (`continues`
    ///   names the old goal); goals above them (the council's) are shared and kept as they are. Indicators
    ///   and tracking measures are the plan's own and get new ids.
    /// - Indicators and tracking measures keep their history of values; a target is kept for the years
    ///   the new plan still covers (the old plan's later years become the new plan's years); the new last
    ///   year is left to fill.
    /// - Activities not done or cancelled are carried with a mark and without last year's follow-up;
    ///   open assignments are carried; risks are carried for re-assessment without last year's results;
    ///   text sections are copied; the budget's columns move a year on, each new year starting from the
    ///   old table's figures for that year (a plan year becomes the budget), the rest left to fill.
    public func nextYearDraft() -> Plan {
        let shift = 1
        let newBudgetYear = budgetYear + shift
        let owned = Set(unitAndBelow(ownerUnitID))
        var goalIDs: [String: String] = [:]
        for goal in goals where owned.contains(goal.ownerUnitID) { goalIDs[goal.id] = Plan.nextID(goal.id, from: budgetYear) }
        func goalID(_ id: String) -> String { goalIDs[id] ?? id }
        let firstYear = newBudgetYear
        func shifted(_ targets: [Int: Target]) -> [Int: Target] { targets.filter { $0.key >= firstYear } }

        var next = self
        next.id = Plan.nextTitle(id, years: planYears, shift: shift, budgetYear: budgetYear, separator: "-")
        next.title = Plan.nextTitle(title, years: planYears, shift: shift, budgetYear: budgetYear, separator: " ")
        next.status = .draft
        next.decision = nil
        next.budgetYear = newBudgetYear
        next.planYears = planYears.map { $0 + shift }
        next.basicMissions = basicMissions.map { var m = $0; m.id = Plan.nextID(m.id, from: budgetYear); return m }
        let missionIDs = Dictionary(zip(basicMissions.map(\.id), next.basicMissions.map(\.id)), uniquingKeysWith: { a, _ in a })
        next.goals = goals.map { goal in
            var copy = goal
            if goalIDs[goal.id] != nil {
                copy.id = goalID(goal.id)
                copy.continues = goal.id
                copy.parentGoalIDs = goal.parentGoalIDs.map(goalID)
            }
            // Indicators are the plan's own, whoever owns the goal: each continues under a new id.
            copy.indicators = goal.indicators.map { indicator in
                var i = indicator
                i.id = Plan.nextID(indicator.id, from: budgetYear)
                i.targets = shifted(indicator.targets)
                return i
            }
            return copy
        }
        next.trackingMeasures = trackingMeasures.map { measure in
            var m = measure
            m.id = Plan.nextID(measure.id, from: budgetYear)
            m.basicMissionID = measure.basicMissionID.map { missionIDs[$0] ?? $0 }
            return m
        }
        next.assessments = []
        if var activities = activityPlan {
            let assignments = activities.assignments.filter { $0.status != .done && $0.status != .cancelled }
            let kept = Set(assignments.map(\.id))
            activities.assignments = assignments
            activities.activities = activities.activities.compactMap { activity in
                let status = activity.followUp(asOf: Period(year: planYears.last ?? budgetYear))?.status ?? .notStarted
                guard status != .done, status != .cancelled else { return nil }
                var a = activity
                a.carriedFrom = activity.carriedFrom ?? budgetYear
                a.followUps = []
                a.links = activity.links.compactMap { link in
                    switch link {
                    case .goal(let id): .goal(goalID(id))
                    case .assignment(let id): kept.contains(id) ? link : nil
                    case .steeringDocument: link
                    }
                }
                return a
            }
            next.activityPlan = activities
        }
        if var control = internalControl {
            control.year += shift
            control.risks = control.risks.map { risk in
                var r = risk
                r.controls = risk.controls.map { var c = $0; c.results = []; return c }
                return r
            }
            next.internalControl = control
        }
        if var economy {
            economy.operatingBudgets = economy.operatingBudgets.map { item in
                var item = item
                item.budget = item.budget.nextYear(shift: shift)
                return item
            }
            economy.investmentBudgets = economy.investmentBudgets.map { item in
                var item = item
                item.budget.printedTotals = [:]  // carried as they stand, without the totals adopted for the old plan
                return item
            }
            economy.summaries = []
            economy.followUps = []
            next.economy = economy
        }
        return next
    }

    /// The ids of a unit and every unit below it.
    func unitAndBelow(_ id: String) -> [String] {
        var result = [id], queue = [id]
        while !queue.isEmpty {
            let parent = queue.removeFirst()
            for unit in units where unit.parentID == parent && !result.contains(unit.id) { result.append(unit.id); queue.append(unit.id) }
        }
        return result
    }

    /// An id for next year's copy: a trailing year of the old plan moved on ("…-2024" → "…-2025"), else
    /// the new year added ("mark-sn-trygghet" → "mark-sn-trygghet-2025").
    static func nextID(_ id: String, from budgetYear: Int) -> String {
        let suffix = "-\(budgetYear)"
        return id.hasSuffix(suffix) ? String(id.dropLast(suffix.count)) + "-\(budgetYear + 1)" : "\(id)-\(budgetYear + 1)"
    }

    /// A plan's id or title with its years moved on ("Nämndplan 2024-2025" → "Nämndplan 2025-2026"); a text
    /// that names none of them gets the new budget year added.
    static func nextTitle(_ text: String, years: [Int], shift: Int, budgetYear: Int, separator: String) -> String {
        let moved = movingYears(text, Set(years + [budgetYear]), by: shift)
        return moved != text ? moved : "\(text)\(separator)\(budgetYear + shift)"
    }

    /// `text` with each of `years` it names moved `shift` years on (the latest first, so 2024-2025 becomes
    /// 2025-2026, not 2026-2026).
    static func movingYears(_ text: String, _ years: Set<Int>, by shift: Int) -> String {
        years.sorted(by: >).reduce(text) { $0.replacingOccurrences(of: String($1), with: String($1 + shift)) }
    }
}

extension OperatingBudget {
    /// The table a year on: each column a year later, starting from the old table's figures for its new
    /// year (the old plan year, or the old budget of that year); a year the old table lacks is left to fill.
    /// The frame moves the same way; adopted totals and deviations are not carried.
    func nextYear(shift: Int) -> OperatingBudget {
        var next = self
        let years = Set(columns.map(\.year))
        let moved = columns.map { BudgetColumn($0.kind, $0.year + shift, heading: $0.heading.map { Plan.movingYears($0, years, by: shift) }) }
        func source(_ column: BudgetColumn) -> BudgetColumn? {
            guard column.kind.isAmount else { return nil }
            let sameYear = columns.filter { $0.year == column.year && $0.kind.isAmount }
            return sameYear.first { $0.kind == column.kind } ?? (column.kind == .outcome ? nil : sameYear.first { $0.kind != .outcome })
        }
        next.columns = moved
        next.sections = sections.map { section in
            var s = section
            s.printedTotals = [:]
            s.lines = section.lines.map { line in
                var l = line
                l.amounts = Dictionary(uniqueKeysWithValues: moved.compactMap { column in source(column).flatMap { line.amounts[$0] }.map { (column, $0) } })
                return l
            }
            return s
        }
        next.frame = Dictionary(uniqueKeysWithValues: moved.compactMap { column in source(column).flatMap { frame[$0] }.map { (column, $0) } })
        return next
    }
}
