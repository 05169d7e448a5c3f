import Vapor

/// Every path of the site, used both to register routes and to build links, so a renamed
/// path cannot leave a dead link behind.
public enum SiteURL: Hashable, Sendable {
    case home
    case healthz
    case metrics
    case stylesheet
    case script
    case signIn
    case signInExternal
    case signInCallback
    case search
    case signOut
    case plan(id: String)
    case planValues(id: String)
    case planStatus(id: String)
    case planNextYear(id: String)
    case planVersions(id: String)
    case planVersionFile(id: String, number: Int)
    case planExport(id: String)
    case planDocument(id: String)
    case planReport(id: String)
    case planNewGoal(id: String)
    case planAssessment(id: String)
    case planNewArea(id: String)
    case planArea(id: String, areaID: String)
    case planNewMeasure(id: String)
    case planMeasure(id: String, measureID: String)
    case planGoal(id: String, goalID: String)
    case planNewIndicator(id: String, goalID: String)
    case planIndicator(id: String, indicatorID: String)
    case planEconomy(id: String)
    case planEconomySheet(id: String)
    case planEconomyFollowUp(id: String)
    case planEconomyLedger(id: String)
    case planEconomyThreshold(id: String)
    case planEconomyBudget(id: String, budgetID: String)
    case planActivities(id: String)
    case planNewActivity(id: String)
    case planActivity(id: String, activityID: String)
    case planOtherPlans(id: String)
    case planInternalControl(id: String)
    case planRiskScale(id: String)
    case planRisk(id: String, riskID: String)
    case planIndicatorComparison(id: String, indicatorID: String)
    case planTexts(id: String)
    case planTextEdit(id: String)
    case accounts
    case account(id: String)
    case apiTokens
    case groupMappings
    case groupMapping(id: String)
    case apiToken(id: String)
    case municipality(id: String)
    case municipalityPeriods(id: String)
    case yearCycle(municipalityID: String)
    case reportingBoard(municipalityID: String)
    case reportingTask(id: String)
    case myAccount
    case calendarFeed(token: String)
    case audit
    case auditCSV
    case planPublishing(id: String)
    case published
    case edition(planID: String, slug: String)
    case editionChapter(planID: String, slug: String, chapter: Int)
    case editionData(planID: String, slug: String, file: String)
    case openData
    case openDataFile(municipalityID: String, file: String)
    case dataCatalogue
    case sitemap
    case robots
    case accessibility

    public var path: String {
        func esc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? s }
        switch self {
        case .home: return "/"
        case .healthz: return "/healthz"
        case .metrics: return "/metrics"
        case .stylesheet: return "/tertial.css"
        case .script: return "/tertial.js"
        case .signIn: return "/logga-in"
        case .signInExternal: return "/logga-in/kommunen"
        case .signInCallback: return "/logga-in/kommunen/klar"
        case .search: return "/sok"
        case .signOut: return "/logga-ut"
        case .plan(let id): return "/planer/\(esc(id))"
        case .planValues(let id): return "/planer/\(esc(id))/utfall"
        case .planStatus(let id): return "/planer/\(esc(id))/status"
        case .planNextYear(let id): return "/planer/\(esc(id))/nasta-ars-plan"
        case .planVersions(let id): return "/planer/\(esc(id))/versioner"
        case .planVersionFile(let id, let number): return "/planer/\(esc(id))/versioner/\(number)"
        case .planExport(let id): return "/planer/\(esc(id))/export.json"
        case .planDocument(let id): return "/planer/\(esc(id))/dokument"
        case .planReport(let id): return "/planer/\(esc(id))/rapport"
        case .planNewGoal(let id): return "/planer/\(esc(id))/mal/nytt"
        case .planAssessment(let id): return "/planer/\(esc(id))/bedomning"
        case .planNewArea(let id): return "/planer/\(esc(id))/omraden/nytt"
        case .planArea(let id, let areaID): return "/planer/\(esc(id))/omraden/\(esc(areaID))"
        case .planNewMeasure(let id): return "/planer/\(esc(id))/foljetal/nytt"
        case .planMeasure(let id, let measureID): return "/planer/\(esc(id))/foljetal/\(esc(measureID))"
        case .planGoal(let id, let goalID): return "/planer/\(esc(id))/mal/\(esc(goalID))"
        case .planNewIndicator(let id, let goalID): return "/planer/\(esc(id))/mal/\(esc(goalID))/ny-indikator"
        case .planIndicator(let id, let indicatorID): return "/planer/\(esc(id))/indikatorer/\(esc(indicatorID))"
        case .planEconomy(let id): return "/planer/\(esc(id))/ekonomi"
        case .planEconomySheet(let id): return "/planer/\(esc(id))/ekonomi.xlsx"
        case .planEconomyFollowUp(let id): return "/planer/\(esc(id))/ekonomi/uppfoljning"
        case .planEconomyLedger(let id): return "/planer/\(esc(id))/ekonomi/huvudbok"
        case .planEconomyThreshold(let id): return "/planer/\(esc(id))/ekonomi/avvikelsegrans"
        case .planEconomyBudget(let id, let budgetID): return "/planer/\(esc(id))/ekonomi/budget/\(esc(budgetID))"
        case .planActivities(let id): return "/planer/\(esc(id))/aktiviteter"
        case .planNewActivity(let id): return "/planer/\(esc(id))/aktiviteter/ny"
        case .planActivity(let id, let activityID): return "/planer/\(esc(id))/aktiviteter/\(esc(activityID))"
        case .planOtherPlans(let id): return "/planer/\(esc(id))/ovriga-planer"
        case .planInternalControl(let id): return "/planer/\(esc(id))/internkontroll"
        case .planRiskScale(let id): return "/planer/\(esc(id))/internkontroll/skala"
        case .planRisk(let id, let riskID): return "/planer/\(esc(id))/internkontroll/risker/\(esc(riskID))"
        case .planIndicatorComparison(let id, let indicatorID): return "/planer/\(esc(id))/indikatorer/\(esc(indicatorID))/jamforelse"
        case .planTexts(let id): return "/planer/\(esc(id))/texter"
        case .planTextEdit(let id): return "/planer/\(esc(id))/texter/redigera"
        case .accounts: return "/admin/konton"
        case .account(let id): return "/admin/konton/\(esc(id))"
        case .apiTokens: return "/admin/api-nycklar"
        case .groupMappings: return "/admin/inloggning"
        case .groupMapping(let id): return "/admin/inloggning/\(esc(id))"
        case .apiToken(let id): return "/admin/api-nycklar/\(esc(id))"
        case .municipality(let id): return "/admin/kommuner/\(esc(id))"
        case .municipalityPeriods(let id): return "/admin/kommuner/\(esc(id))/perioder"
        case .yearCycle(let id): return "/arshjul/\(esc(id))"
        case .reportingBoard(let id): return "/rapportlage/\(esc(id))"
        case .reportingTask(let id): return "/rapportering/\(esc(id))"
        case .myAccount: return "/mitt-konto"
        case .calendarFeed(let token): return "/kalender/\(esc(token)).ics"
        case .audit: return "/granskning"
        case .auditCSV: return "/granskning.csv"
        case .planPublishing(let id): return "/planer/\(esc(id))/publicering"
        case .published: return "/publicerat"
        case .edition(let planID, let slug): return "/publicerat/\(esc(planID))/\(esc(slug))"
        case .editionChapter(let planID, let slug, let chapter): return "/publicerat/\(esc(planID))/\(esc(slug))/\(chapter)"
        case .editionData(let planID, let slug, let file): return "/publicerat/\(esc(planID))/\(esc(slug))/data/\(esc(file))"
        case .openData: return "/oppna-data"
        case .openDataFile(let municipalityID, let file): return "/oppna-data/\(esc(municipalityID))/\(esc(file))"
        case .dataCatalogue: return "/oppna-data/katalog.rdf"
        case .sitemap: return "/sitemap.xml"
        case .robots: return "/robots.txt"
        case .accessibility: return "/tillganglighet"
        }
    }

    /// Route components for registration; parameters are named after the case's fields.
    var routeComponents: [PathComponent] {
        switch self {
        case .home: []
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        case .stylesheet: ["tertial.css"]
        case .script: ["tertial.js"]
        case .signIn: ["logga-in"]
        case .signInExternal: ["logga-in", "kommunen"]
        case .signInCallback: ["logga-in", "kommunen", "klar"]
        case .search: ["sok"]
        case .signOut: ["logga-ut"]
        case .plan: ["planer", ":planID"]
        case .planValues: ["planer", ":planID", "utfall"]
        case .planStatus: ["planer", ":planID", "status"]
        case .planNextYear: ["planer", ":planID", "nasta-ars-plan"]
        case .planVersions: ["planer", ":planID", "versioner"]
        case .planVersionFile: ["planer", ":planID", "versioner", ":number"]
        case .planExport: ["planer", ":planID", "export.json"]
        case .planDocument: ["planer", ":planID", "dokument"]
        case .planReport: ["planer", ":planID", "rapport"]
        case .planNewGoal: ["planer", ":planID", "mal", "nytt"]
        case .planAssessment: ["planer", ":planID", "bedomning"]
        case .planNewArea: ["planer", ":planID", "omraden", "nytt"]
        case .planArea: ["planer", ":planID", "omraden", ":areaID"]
        case .planNewMeasure: ["planer", ":planID", "foljetal", "nytt"]
        case .planMeasure: ["planer", ":planID", "foljetal", ":measureID"]
        case .planGoal: ["planer", ":planID", "mal", ":goalID"]
        case .planNewIndicator: ["planer", ":planID", "mal", ":goalID", "ny-indikator"]
        case .planIndicator: ["planer", ":planID", "indikatorer", ":indicatorID"]
        case .planEconomy: ["planer", ":planID", "ekonomi"]
        case .planEconomySheet: ["planer", ":planID", "ekonomi.xlsx"]
        case .planEconomyFollowUp: ["planer", ":planID", "ekonomi", "uppfoljning"]
        case .planEconomyLedger: ["planer", ":planID", "ekonomi", "huvudbok"]
        case .planEconomyThreshold: ["planer", ":planID", "ekonomi", "avvikelsegrans"]
        case .planEconomyBudget: ["planer", ":planID", "ekonomi", "budget", ":budgetID"]
        case .planActivities: ["planer", ":planID", "aktiviteter"]
        case .planNewActivity: ["planer", ":planID", "aktiviteter", "ny"]
        case .planActivity: ["planer", ":planID", "aktiviteter", ":activityID"]
        case .planOtherPlans: ["planer", ":planID", "ovriga-planer"]
        case .planInternalControl: ["planer", ":planID", "internkontroll"]
        case .planRiskScale: ["planer", ":planID", "internkontroll", "skala"]
        case .planRisk: ["planer", ":planID", "internkontroll", "risker", ":riskID"]
        case .planIndicatorComparison: ["planer", ":planID", "indikatorer", ":indicatorID", "jamforelse"]
        case .planTexts: ["planer", ":planID", "texter"]
        case .planTextEdit: ["planer", ":planID", "texter", "redigera"]
        case .accounts: ["admin", "konton"]
        case .account: ["admin", "konton", ":accountID"]
        case .apiTokens: ["admin", "api-nycklar"]
        case .groupMappings: ["admin", "inloggning"]
        case .groupMapping: ["admin", "inloggning", ":mappingID"]
        case .apiToken: ["admin", "api-nycklar", ":tokenID"]
        case .municipality: ["admin", "kommuner", ":municipalityID"]
        case .municipalityPeriods: ["admin", "kommuner", ":municipalityID", "perioder"]
        case .yearCycle: ["arshjul", ":municipalityID"]
        case .reportingBoard: ["rapportlage", ":municipalityID"]
        case .reportingTask: ["rapportering", ":taskID"]
        case .myAccount: ["mitt-konto"]
        case .calendarFeed: ["kalender", ":token"]
        case .audit: ["granskning"]
        case .auditCSV: ["granskning.csv"]
        case .planPublishing: ["planer", ":planID", "publicering"]
        case .published: ["publicerat"]
        case .edition: ["publicerat", ":planID", ":edition"]
        case .editionChapter: ["publicerat", ":planID", ":edition", ":chapter"]
        case .editionData: ["publicerat", ":planID", ":edition", "data", ":file"]
        case .openData: ["oppna-data"]
        case .openDataFile: ["oppna-data", ":municipalityID", ":file"]
        case .dataCatalogue: ["oppna-data", "katalog.rdf"]
        case .sitemap: ["sitemap.xml"]
        case .robots: ["robots.txt"]
        case .accessibility: ["tillganglighet"]
        }
    }
}

extension SiteURL {
    /// The address people reach Tertial at (`TERTIAL_BASE_URL`), without a trailing slash; nil when not set.
    static var configuredBase: String? {
        Environment.get("TERTIAL_BASE_URL").flatMap { $0.isEmpty ? nil : ($0.hasSuffix("/") ? String($0.dropLast()) : $0) }
    }

    /// That address, else the one this request came to.
    static func base(for req: Request) -> String {
        configuredBase ?? "\(req.url.scheme ?? "http")://\(req.headers.first(name: .host) ?? "127.0.0.1:8080")"
    }
}
