import Plot
import TertialCore
import TertialKolada
import TertialStore
import Vapor

/// Administrators set, per municipality, which periods are followed up, and its code in Kolada with
/// the municipalities it compares itself with (a list and/or a Kolada municipality group).
enum MunicipalityController {
    static let choices: [(String, String)] = [("month", "Månad"), ("T1", "Tertial 1 (januari–april)"), ("T2", "Tertial 2 (maj–augusti)"),
                                              ("T3", "Tertial 3 (september–december)"), ("D", "Delår (januari–augusti)"), ("year", "Helår")]

    @Sendable static func show(_ req: Request) async throws -> Response {
        let municipality = try await find(req)
        return page(req, municipality, error: nil, kolada: koladaForm(try await KoladaValues.settings(municipalityID: municipality.id!, on: req.store))).response()
    }

    static func koladaForm(_ settings: KoladaValues.Settings?) -> [String: String] {
        ["k.code": settings?.code ?? "", "k.comparisons": settings?.comparisons.joined(separator: ", ") ?? "", "k.group": settings?.groupID ?? ""]
    }

    /// The Kolada settings from the form; a group is looked up in Kolada for its members.
    static func koladaSettings(_ req: Request, _ form: [String: String], current: KoladaValues.Settings?) async -> (KoladaValues.Settings?, String?) {
        let code = (form["k.code"] ?? "").trimmingCharacters(in: .whitespaces)
        let comparisons = (form["k.comparisons"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map(String.init)
        let group = (form["k.group"] ?? "").trimmingCharacters(in: .whitespaces)
        if code.isEmpty {
            return comparisons.isEmpty && group.isEmpty ? (nil, nil) : (nil, "Ange kommunens egen kod i Kolada för att jämföra.")
        }
        for c in [code] + comparisons where !(c.count == 4 && c.allSatisfy(\.isNumber)) {
            return (nil, "Kommunkoden \"\(c.prefix(10))\" ska vara fyra siffror med inledande nolla (0580).")
        }
        var settings = KoladaValues.Settings(code: code, comparisons: comparisons)
        if !group.isEmpty {
            if let current, current.groupID == group {
                settings.groupID = group; settings.groupTitle = current.groupTitle; settings.groupMembers = current.groupMembers
            } else {
                do {
                    guard let found = try await KoladaHTTP.client(req.application).municipalityGroups().first(where: { $0.id == group }) else {
                        return (nil, "Kolada har ingen kommungrupp med id \"\(group.prefix(30))\".")
                    }
                    settings.groupID = found.id; settings.groupTitle = found.title; settings.groupMembers = found.members.map(\.id)
                } catch {
                    return (nil, "Kommungruppen kunde inte hämtas från Kolada: \(error). Inget sparades.")
                }
            }
        }
        return (settings, nil)
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let municipality = try await find(req)
        let form = try req.content.decode([String: String].self)
        let chosen = choices.map(\.0).filter { form["p.\($0)"] != nil }
        guard chosen.contains("year") else {
            return page(req, municipality, error: "Helår måste vara med: årets utfall är det målen bedöms mot.", chosen: chosen, kolada: form).response(status: .unprocessableEntity)
        }
        var labels: [GoalLevel: String] = [:]
        for level in GoalLevel.allCases {
            let label = (form["m.\(level.rawValue)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if let problem = ValueText.formProblem(label, maxLength: TextLimits.name) {
                return page(req, municipality, error: "Namnet på \(level.label.lowercased()) \(problem).", chosen: chosen, kolada: form).response(status: .unprocessableEntity)
            }
            labels[level] = label
        }
        let current = try await KoladaValues.settings(municipalityID: municipality.id!, on: req.store)
        let (kolada, problem) = await koladaSettings(req, form, current: current)
        if let problem { return page(req, municipality, error: problem, chosen: chosen, kolada: form).response(status: .unprocessableEntity) }
        try await KoladaValues.setSettings(kolada, municipalityID: municipality.id!, by: req.actor, on: req.store)
        try await MunicipalitySettings.setFollowUpPeriods(municipality.id!, chosen == FollowUpPeriod.standard.map(\.rawValue) ? [] : chosen,
                                                          by: req.actor, on: req.store)
        try await MunicipalitySettings.setGoalLevelLabels(municipality.id!, labels, by: req.actor, on: req.store)
        return req.redirect(to: SiteURL.municipality(id: municipality.id!).path + "?sparat=1", redirectType: .normal)
    }

    static func find(_ req: Request) async throws -> MunicipalityModel {
        guard let id = req.parameters.get("municipalityID"), let municipality = try await Catalogue.municipality(id, on: req.store) else { throw Abort(.notFound) }
        return municipality
    }
}
