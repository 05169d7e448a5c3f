extension Plan {
    /// The goals an activity serves directly, in the order it names them (links to goals the plan
    /// does not hold are left out).
    public func goals(servedBy activity: Activity) -> [Goal] {
        let byID = Dictionary(goals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return activity.links.compactMap { link in
            guard case .goal(let id) = link else { return nil }
            return byID[id]
        }
    }

    /// A goal and the goals above it, nearest first (each once, so a cycle in a file cannot loop).
    public func goalChain(from goal: Goal) -> [Goal] {
        let byID = Dictionary(goals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var chain: [Goal] = [], seen: Set<String> = [], queue = [goal]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard seen.insert(next.id).inserted else { continue }
            chain.append(next)
            queue += next.parentGoalIDs.compactMap { byID[$0] }
        }
        return chain
    }

    /// The goal area (målområde) an activity works in: that of the first goal it serves that has one,
    /// or of the nearest goal above it.
    public func goalAreaID(of activity: Activity) -> String? {
        for goal in goals(servedBy: activity) {
            if let area = goalChain(from: goal).lazy.compactMap(\.goalAreaID).first { return area }
        }
        return nil
    }

    /// The council's goal (kommunfullmäktiges mål) an activity serves: the first goal it serves that is
    /// one, or the nearest council goal above a goal it serves.
    public func councilGoal(of activity: Activity) -> Goal? {
        for goal in goals(servedBy: activity) {
            if let council = goalChain(from: goal).first(where: { $0.level == .council }) { return council }
        }
        return nil
    }
}
