/// Goal statuses for a whole plan and year: each goal's own indicators (their targets for the year,
/// evaluated by `TargetStatus`), and — rolled up — the goals that contribute to it (committee goals to
/// a council goal, unit goals to a committee goal). A person's override counts wherever the goal
/// counts: a council goal rolls up from its children's effective status.
public enum PlanEvaluation {
    /// The status of the indicator's target for `year` (nil when it has no target that year), as
    /// known at the follow-up period `asOf` (the whole year when not given).
    public static func indicatorStatus(_ indicator: Indicator, year: Int, asOf: Period? = nil, policy: EvaluationPolicy = .standard) -> TargetEvaluation? {
        guard let target = indicator.targets[year] else { return nil }
        return TargetStatus.evaluate(target, direction: indicator.direction, values: indicator.values, asOf: asOf, policy: policy)
    }

    /// Goal id → computed status for `year`, given the overrides people have made (goal id → status).
    public static func goalStatuses(_ plan: Plan, year: Int, asOf: Period? = nil, overrides: [String: Attainment] = [:],
                                    policy: EvaluationPolicy = .standard) -> [String: Attainment] {
        let children = Dictionary(grouping: plan.goals.flatMap { goal in goal.parentGoalIDs.map { ($0, goal.id) } }, by: \.0).mapValues { $0.map(\.1) }
        let goals = Dictionary(plan.goals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var computed: [String: Attainment] = [:]
        var visiting: Set<String> = []
        func status(_ id: String) -> Attainment {
            if let known = computed[id] { return known }
            guard let goal = goals[id], visiting.insert(id).inserted else { return .notAssessable }
            let own = goal.indicators.compactMap { indicatorStatus($0, year: year, asOf: asOf, policy: policy)?.attainment }
            let fromChildren = (children[id] ?? []).map { overrides[$0] ?? status($0) }
            let result = Evaluator.rollUp(own + fromChildren, policy: policy)
            computed[id] = result
            return result
        }
        for goal in plan.goals { _ = status(goal.id) }
        return computed
    }
}
