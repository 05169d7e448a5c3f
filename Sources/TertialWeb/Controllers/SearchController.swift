import TertialDocuments
import Plot
import TertialCore
import TertialStore
import Vapor

/// Search over goals and indicators in the plans the visitor may read. Matching ignores case and
/// accents ("forsorjning" finds "försörjning"); every word must match.
enum SearchController {
    struct Hit { let planID: String; let planTitle: String; let kind: String; let title: String; let anchor: String }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let words = fold(query).split(separator: " ").map(String.init)
        var hits: [Hit] = []
        if !words.isEmpty {
            let catalogue = try await Catalogue.load(on: req.store)
            var readable: [String: PlanModel] = [:]
            for entry in catalogue.entries {
                for plan in entry.plans where entry.isReadable(plan, by: req.principal) { readable[plan.id!] = plan }
            }
            let ids = Array(readable.keys)
            let (goals, allIndicators) = try await PlanSearch.candidates(planIDs: ids, on: req.store)
            func matches(_ text: String) -> Bool { let folded = fold(text); return words.allSatisfy { folded.contains($0) } }
            for link in goals {
                let goal = link.goal
                guard let plan = readable[link.planID], matches(goal.title + " " + (goal.description ?? "")) else { continue }
                hits.append(Hit(planID: plan.id!, planTitle: plan.title, kind: (GoalLevel(rawValue: goal.level) ?? .committee).label, title: goal.title, anchor: "mal-\(goal.id!)"))
            }
            for indicator in allIndicators where matches(indicator.name + " " + (indicator.description ?? "")) {
                guard let plan = readable[indicator.planID] else { continue }
                hits.append(Hit(planID: plan.id!, planTitle: plan.title, kind: "Indikator", title: indicator.name, anchor: "mal-\(indicator.goalID)"))
            }
        }
        return page(req, query: query, hits: hits).response()
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "sv_SE"))
    }
}
