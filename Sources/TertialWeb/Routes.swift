import TertialCore
import TertialStore
import Vapor

/// What a route needs before its handler runs. Every route in `SiteRoutes.all` declares one; a test
/// walks every route × role and checks the answer, so a route cannot be added without a rule.
public enum Requirement: Sendable, Hashable, CustomStringConvertible {
    case everyone, signedIn, administer, audit
    /// Plan routes: the facts (owner unit chain, public, adopted) come from the plan in the path.
    case readPlan, reportValues, editPlan

    public var description: String {
        switch self {
        case .everyone: "alla"
        case .signedIn: "inloggad"
        case .administer: "administratör"
        case .audit: "administratör eller revisor"
        case .readPlan: "läsa planen"
        case .reportValues: "rapportera i planen"
        case .editPlan: "planera i planen"
        }
    }

    func action(for req: Request) async throws -> Action {
        switch self {
        case .everyone: return .everyone
        case .signedIn: return .signedIn
        case .administer: return .administer
        case .audit: return .audit
        case .readPlan, .reportValues, .editPlan:
            let facts = try await PlanFacts.load(req)
            switch self {
            case .readPlan: return .readPlan(chain: facts.chain, isPublic: facts.isPublic, isAdopted: facts.isAdopted)
            case .reportValues: return .reportValues(chain: facts.chain)
            default: return .editPlan(chain: facts.chain)
            }
        }
    }
}

/// The plan named in the path, as the access rules need it.
struct PlanFacts: @unchecked Sendable {
    let plan: PlanModel
    let chain: [String]
    var isPublic: Bool { plan.isPublic }
    var isAdopted: Bool { plan.status == PlanStatus.adopted.rawValue }

    /// The revision of everything outside plans when the request began (units, settings, accounts).
    let globalRevision: Int64

    /// Loaded once per request: the access check and the handler share it. The unit chain changes
    /// only with the global revision, so it is kept between requests.
    static func load(_ req: Request) async throws -> PlanFacts {
        if let facts = req.storage[PlanFactsKey.self] { return facts }
        guard let id = req.parameters.get("planID") else { throw Abort(.notFound) }
        // One round trip: the plan and the global revision together.
        guard let (plan, globalRevision) = try await PlanReads.planAndGlobalRevision(id, on: req.store) else { throw Abort(.notFound) }
        let cache = req.application.planPageCache
        let chain: [String]
        if let known = cache.chain(of: plan.ownerUnitID, globalRevision: globalRevision) {
            chain = known
        } else {
            chain = try await Accounts.unitChain(plan.ownerUnitID, on: req.store)
            cache.storeChain(chain, of: plan.ownerUnitID, globalRevision: globalRevision)
        }
        let facts = PlanFacts(plan: plan, chain: chain, globalRevision: globalRevision)
        req.storage[PlanFactsKey.self] = facts
        return facts
    }
}

struct PlanFactsKey: StorageKey { typealias Value = PlanFacts }

public struct SiteRoute: Sendable {
    public let method: HTTPMethod
    public let url: SiteURL
    public let requirement: Requirement
    let handler: @Sendable (Request) async throws -> Response
    /// Whether a visitor who is not signed in may keep the answer (browsers and the municipality's proxy).
    var cache: PublicCache = .never

    /// A representative path with sample parameters, for tests that walk every route.
    public func samplePath(planID: String, accountID: String) -> String {
        switch url {
        case .plan: SiteURL.plan(id: planID).path
        case .planValues: SiteURL.planValues(id: planID).path
        case .planStatus: SiteURL.planStatus(id: planID).path
        case .planNextYear: SiteURL.planNextYear(id: planID).path
        case .planVersions: SiteURL.planVersions(id: planID).path
        case .planVersionFile: SiteURL.planVersionFile(id: planID, number: 1).path
        case .planExport: SiteURL.planExport(id: planID).path
        case .planDocument: SiteURL.planDocument(id: planID).path + "?format=html"
        case .planReport: SiteURL.planReport(id: planID).path + "?typ=helar&ar=2024&format=html"
        case .planNewGoal: SiteURL.planNewGoal(id: planID).path
        case .planAssessment: SiteURL.planAssessment(id: planID).path
        case .planNewArea: SiteURL.planNewArea(id: planID).path
        case .planArea: SiteURL.planArea(id: planID, areaID: "\(planID.split(separator: "-")[0])-area-0").path
        case .planNewMeasure: SiteURL.planNewMeasure(id: planID).path
        case .planMeasure: SiteURL.planMeasure(id: planID, measureID: "\(planID.split(separator: "-")[0])-ft-0").path
        case .planGoal: SiteURL.planGoal(id: planID, goalID: "\(planID.split(separator: "-")[0])-mal-0").path
        case .planNewIndicator: SiteURL.planNewIndicator(id: planID, goalID: "\(planID.split(separator: "-")[0])-mal-0").path
        case .planIndicator: SiteURL.planIndicator(id: planID, indicatorID: "\(planID.split(separator: "-")[0])-ind-0").path
        case .planEconomy: SiteURL.planEconomy(id: planID).path
        case .planEconomySheet: SiteURL.planEconomySheet(id: planID).path
        case .planEconomyFollowUp: SiteURL.planEconomyFollowUp(id: planID).path
        case .planEconomyLedger: SiteURL.planEconomyLedger(id: planID).path
        case .planEconomyThreshold: SiteURL.planEconomyThreshold(id: planID).path
        case .planEconomyBudget: SiteURL.planEconomyBudget(id: planID, budgetID: "drift").path
        case .planActivities: SiteURL.planActivities(id: planID).path
        case .planNewActivity: SiteURL.planNewActivity(id: planID).path
        case .planActivity: SiteURL.planActivity(id: planID, activityID: "\(planID.split(separator: "-")[0])-akt-0").path
        case .planOtherPlans: SiteURL.planOtherPlans(id: planID).path
        case .planInternalControl: SiteURL.planInternalControl(id: planID).path
        case .planRiskScale: SiteURL.planRiskScale(id: planID).path
        case .planRisk: SiteURL.planRisk(id: planID, riskID: "ny").path
        case .planIndicatorComparison: SiteURL.planIndicatorComparison(id: planID, indicatorID: "\(planID.split(separator: "-")[0])-ind-0").path
        case .planTexts: SiteURL.planTexts(id: planID).path
        case .planTextEdit: SiteURL.planTextEdit(id: planID).path + "?rubrik=Beslut"
        case .account: SiteURL.account(id: accountID).path
        case .apiToken: SiteURL.apiToken(id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)).uuidString).path
        case .groupMapping: SiteURL.groupMapping(id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3)).uuidString).path
        case .municipality: SiteURL.municipality(id: "\(planID.split(separator: "-")[0])-kommun").path
        case .municipalityPeriods: SiteURL.municipalityPeriods(id: "\(planID.split(separator: "-")[0])-kommun").path
        case .yearCycle: SiteURL.yearCycle(municipalityID: "\(planID.split(separator: "-")[0])-kommun").path
        case .reportingBoard: SiteURL.reportingBoard(municipalityID: "\(planID.split(separator: "-")[0])-kommun").path
        case .reportingTask: SiteURL.reportingTask(id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)).uuidString).path
        case .calendarFeed: SiteURL.calendarFeed(token: "okand-kalender").path
        case .planPublishing: SiteURL.planPublishing(id: planID).path
        case .edition: SiteURL.edition(planID: planID, slug: "plan").path
        case .editionChapter: SiteURL.editionChapter(planID: planID, slug: "plan", chapter: 1).path
        case .editionData: SiteURL.editionData(planID: planID, slug: "plan", file: "mal-och-indikatorer.csv").path
        case .openDataFile: SiteURL.openDataFile(municipalityID: "\(planID.split(separator: "-")[0])-kommun", file: "budget.json").path
        default: url.path
        }
    }
}

public enum SiteRoutes {
    /// The whole site. Registration, links and the route × role test all read this table.
    public static let all: [SiteRoute] = [
        SiteRoute(method: .GET, url: .home, requirement: .everyone, handler: HomeController.show, cache: .revalidate),
        SiteRoute(method: .GET, url: .healthz, requirement: .everyone, handler: HealthController.check),
        // Prometheus: from this machine, or anywhere with TERTIAL_METRICS_TOKEN (the handler checks).
        SiteRoute(method: .GET, url: .metrics, requirement: .everyone, handler: MetricsController.scrape),
        SiteRoute(method: .GET, url: .stylesheet, requirement: .everyone, handler: StylesheetController.show),
        SiteRoute(method: .GET, url: .script, requirement: .everyone, handler: StylesheetController.script),
        SiteRoute(method: .GET, url: .search, requirement: .everyone, handler: SearchController.show),
        SiteRoute(method: .GET, url: .signIn, requirement: .everyone, handler: SignInController.show),
        SiteRoute(method: .POST, url: .signIn, requirement: .everyone, handler: SignInController.signIn),
        SiteRoute(method: .POST, url: .signOut, requirement: .signedIn, handler: SignInController.signOut),
        // Through the municipality's identity provider (404 when none is configured).
        SiteRoute(method: .GET, url: .signInExternal, requirement: .everyone, handler: ExternalSignInController.start),
        SiteRoute(method: .GET, url: .signInCallback, requirement: .everyone, handler: ExternalSignInController.callback),
        SiteRoute(method: .GET, url: .plan(id: ""), requirement: .readPlan, handler: PlanController.show, cache: .revalidate),
        SiteRoute(method: .GET, url: .planExport(id: ""), requirement: .readPlan, handler: PlanController.export),
        SiteRoute(method: .GET, url: .planDocument(id: ""), requirement: .readPlan, handler: DocumentController.plan),
        SiteRoute(method: .GET, url: .planReport(id: ""), requirement: .readPlan, handler: DocumentController.report),
        SiteRoute(method: .GET, url: .planVersions(id: ""), requirement: .readPlan, handler: VersionsController.show),
        SiteRoute(method: .GET, url: .planVersionFile(id: "", number: 0), requirement: .readPlan, handler: VersionsController.file),
        SiteRoute(method: .GET, url: .planValues(id: ""), requirement: .reportValues, handler: ValuesController.show),
        SiteRoute(method: .POST, url: .planValues(id: ""), requirement: .reportValues, handler: ValuesController.save),
        SiteRoute(method: .GET, url: .planStatus(id: ""), requirement: .editPlan, handler: StatusController.show),
        SiteRoute(method: .POST, url: .planStatus(id: ""), requirement: .editPlan, handler: StatusController.save),
        SiteRoute(method: .GET, url: .planNextYear(id: ""), requirement: .editPlan, handler: NextYearController.show),
        SiteRoute(method: .POST, url: .planNextYear(id: ""), requirement: .editPlan, handler: NextYearController.create),
        SiteRoute(method: .GET, url: .planAssessment(id: ""), requirement: .reportValues, handler: AssessmentController.show),
        SiteRoute(method: .POST, url: .planAssessment(id: ""), requirement: .reportValues, handler: AssessmentController.save),
        SiteRoute(method: .GET, url: .planNewGoal(id: ""), requirement: .editPlan, handler: EditController.newGoal),
        SiteRoute(method: .POST, url: .planNewGoal(id: ""), requirement: .editPlan, handler: EditController.saveGoal),
        SiteRoute(method: .GET, url: .planGoal(id: "", goalID: ""), requirement: .editPlan, handler: EditController.showGoal),
        SiteRoute(method: .POST, url: .planGoal(id: "", goalID: ""), requirement: .editPlan, handler: EditController.saveGoal),
        SiteRoute(method: .GET, url: .planNewIndicator(id: "", goalID: ""), requirement: .editPlan, handler: EditController.newIndicator),
        SiteRoute(method: .POST, url: .planNewIndicator(id: "", goalID: ""), requirement: .editPlan, handler: EditController.saveNewIndicator),
        SiteRoute(method: .GET, url: .planIndicator(id: "", indicatorID: ""), requirement: .editPlan, handler: EditController.showIndicator),
        SiteRoute(method: .POST, url: .planIndicator(id: "", indicatorID: ""), requirement: .editPlan, handler: EditController.saveExistingIndicator),
        SiteRoute(method: .GET, url: .planNewArea(id: ""), requirement: .editPlan, handler: EditController.newArea),
        SiteRoute(method: .POST, url: .planNewArea(id: ""), requirement: .editPlan, handler: EditController.saveArea),
        SiteRoute(method: .GET, url: .planArea(id: "", areaID: ""), requirement: .editPlan, handler: EditController.showArea),
        SiteRoute(method: .POST, url: .planArea(id: "", areaID: ""), requirement: .editPlan, handler: EditController.saveArea),
        SiteRoute(method: .GET, url: .planNewMeasure(id: ""), requirement: .editPlan, handler: EditController.newMeasure),
        SiteRoute(method: .POST, url: .planNewMeasure(id: ""), requirement: .editPlan, handler: EditController.saveMeasure),
        SiteRoute(method: .GET, url: .planMeasure(id: "", measureID: ""), requirement: .editPlan, handler: EditController.showMeasure),
        SiteRoute(method: .POST, url: .planMeasure(id: "", measureID: ""), requirement: .editPlan, handler: EditController.saveMeasure),
        SiteRoute(method: .GET, url: .planEconomy(id: ""), requirement: .readPlan, handler: EconomyController.show, cache: .revalidate),
        SiteRoute(method: .GET, url: .planEconomySheet(id: ""), requirement: .readPlan, handler: EconomyController.spreadsheet),
        SiteRoute(method: .GET, url: .planEconomyFollowUp(id: ""), requirement: .reportValues, handler: EconomyController.followUp),
        SiteRoute(method: .POST, url: .planEconomyFollowUp(id: ""), requirement: .reportValues, handler: EconomyController.saveFollowUp),
        SiteRoute(method: .POST, url: .planEconomyLedger(id: ""), requirement: .reportValues, handler: EconomyController.ledger),
        SiteRoute(method: .POST, url: .planEconomyThreshold(id: ""), requirement: .editPlan, handler: EconomyController.saveThreshold),
        SiteRoute(method: .GET, url: .planEconomyBudget(id: "", budgetID: ""), requirement: .editPlan, handler: EconomyController.editBudget),
        SiteRoute(method: .GET, url: .planActivities(id: ""), requirement: .readPlan, handler: ActivityController.show, cache: .revalidate),
        SiteRoute(method: .POST, url: .planActivities(id: ""), requirement: .reportValues, handler: ActivityController.saveFollowUp),
        SiteRoute(method: .GET, url: .planNewActivity(id: ""), requirement: .editPlan, handler: ActivityController.newActivity),
        SiteRoute(method: .POST, url: .planNewActivity(id: ""), requirement: .editPlan, handler: ActivityController.saveNewActivity),
        SiteRoute(method: .GET, url: .planActivity(id: "", activityID: ""), requirement: .editPlan, handler: ActivityController.editActivity),
        SiteRoute(method: .POST, url: .planActivity(id: "", activityID: ""), requirement: .editPlan, handler: ActivityController.saveActivity),
        SiteRoute(method: .GET, url: .planOtherPlans(id: ""), requirement: .editPlan, handler: ActivityController.otherPlansForm),
        SiteRoute(method: .POST, url: .planOtherPlans(id: ""), requirement: .editPlan, handler: ActivityController.saveOtherPlans),
        SiteRoute(method: .GET, url: .planInternalControl(id: ""), requirement: .readPlan, handler: InternalControlController.show, cache: .revalidate),
        SiteRoute(method: .POST, url: .planInternalControl(id: ""), requirement: .reportValues, handler: InternalControlController.saveResults),
        SiteRoute(method: .GET, url: .planRiskScale(id: ""), requirement: .editPlan, handler: InternalControlController.editScale),
        SiteRoute(method: .POST, url: .planRiskScale(id: ""), requirement: .editPlan, handler: InternalControlController.saveScale),
        SiteRoute(method: .GET, url: .planRisk(id: "", riskID: ""), requirement: .editPlan, handler: InternalControlController.editRisk),
        SiteRoute(method: .POST, url: .planRisk(id: "", riskID: ""), requirement: .editPlan, handler: InternalControlController.saveRisk),
        SiteRoute(method: .GET, url: .planIndicatorComparison(id: "", indicatorID: ""), requirement: .readPlan, handler: KoladaController.comparison),
        SiteRoute(method: .GET, url: .planTexts(id: ""), requirement: .readPlan, handler: TextController.show, cache: .revalidate),
        SiteRoute(method: .GET, url: .planTextEdit(id: ""), requirement: .editPlan, handler: TextController.edit),
        SiteRoute(method: .POST, url: .planTextEdit(id: ""), requirement: .editPlan, handler: TextController.save),
        SiteRoute(method: .POST, url: .planEconomyBudget(id: "", budgetID: ""), requirement: .editPlan, handler: EconomyController.saveBudget),
        SiteRoute(method: .GET, url: .accounts, requirement: .administer, handler: AccountsController.list),
        SiteRoute(method: .POST, url: .accounts, requirement: .administer, handler: AccountsController.create),
        SiteRoute(method: .GET, url: .account(id: ""), requirement: .administer, handler: AccountsController.show),
        SiteRoute(method: .POST, url: .account(id: ""), requirement: .administer, handler: AccountsController.update),
        SiteRoute(method: .GET, url: .apiTokens, requirement: .administer, handler: APITokensController.list),
        SiteRoute(method: .GET, url: .groupMappings, requirement: .administer, handler: GroupMappingsController.show),
        SiteRoute(method: .POST, url: .groupMappings, requirement: .administer, handler: GroupMappingsController.add),
        SiteRoute(method: .POST, url: .groupMapping(id: ""), requirement: .administer, handler: GroupMappingsController.remove),
        SiteRoute(method: .POST, url: .apiTokens, requirement: .administer, handler: APITokensController.create),
        SiteRoute(method: .POST, url: .apiToken(id: ""), requirement: .administer, handler: APITokensController.revoke),
        SiteRoute(method: .GET, url: .municipality(id: ""), requirement: .administer, handler: MunicipalityController.show),
        SiteRoute(method: .POST, url: .municipality(id: ""), requirement: .administer, handler: MunicipalityController.save),
        SiteRoute(method: .GET, url: .municipalityPeriods(id: ""), requirement: .administer, handler: PeriodsController.show),
        SiteRoute(method: .POST, url: .municipalityPeriods(id: ""), requirement: .administer, handler: PeriodsController.save),
        SiteRoute(method: .GET, url: .yearCycle(municipalityID: ""), requirement: .signedIn, handler: YearCycleController.show),
        SiteRoute(method: .POST, url: .yearCycle(municipalityID: ""), requirement: .administer, handler: YearCycleController.save),
        SiteRoute(method: .GET, url: .reportingBoard(municipalityID: ""), requirement: .audit, handler: ReportingController.board),
        SiteRoute(method: .POST, url: .reportingBoard(municipalityID: ""), requirement: .administer, handler: ReportingController.saveBoard),
        SiteRoute(method: .GET, url: .reportingTask(id: ""), requirement: .signedIn, handler: ReportingController.task),
        SiteRoute(method: .POST, url: .reportingTask(id: ""), requirement: .signedIn, handler: ReportingController.saveTask),
        SiteRoute(method: .GET, url: .myAccount, requirement: .signedIn, handler: MyAccountController.show),
        SiteRoute(method: .POST, url: .myAccount, requirement: .signedIn, handler: MyAccountController.save),
        SiteRoute(method: .GET, url: .calendarFeed(token: ""), requirement: .everyone, handler: MyAccountController.calendar),
        SiteRoute(method: .GET, url: .audit, requirement: .audit, handler: AuditController.show),
        SiteRoute(method: .GET, url: .auditCSV, requirement: .audit, handler: AuditController.csv),
        // Publication (issue 25): planners publish; everyone reads the editions, their data and the catalogue.
        SiteRoute(method: .GET, url: .planPublishing(id: ""), requirement: .editPlan, handler: PublicationController.publishing),
        SiteRoute(method: .POST, url: .planPublishing(id: ""), requirement: .editPlan, handler: PublicationController.publish),
        SiteRoute(method: .GET, url: .published, requirement: .everyone, handler: PublicationController.index, cache: .revalidate),
        SiteRoute(method: .GET, url: .edition(planID: "", slug: ""), requirement: .everyone, handler: PublicationController.edition, cache: .keep(seconds: 300)),
        SiteRoute(method: .GET, url: .editionChapter(planID: "", slug: "", chapter: 0), requirement: .everyone, handler: PublicationController.chapter, cache: .keep(seconds: 300)),
        SiteRoute(method: .GET, url: .editionData(planID: "", slug: "", file: ""), requirement: .everyone, handler: PublicationController.editionData, cache: .keep(seconds: 300)),
        SiteRoute(method: .GET, url: .openData, requirement: .everyone, handler: PublicationController.openData, cache: .revalidate),
        SiteRoute(method: .GET, url: .openDataFile(municipalityID: "", file: ""), requirement: .everyone, handler: PublicationController.municipalityData, cache: .revalidate),
        SiteRoute(method: .GET, url: .dataCatalogue, requirement: .everyone, handler: PublicationController.catalogue, cache: .revalidate),
        SiteRoute(method: .GET, url: .sitemap, requirement: .everyone, handler: PublicationController.sitemap, cache: .revalidate),
        SiteRoute(method: .GET, url: .robots, requirement: .everyone, handler: PublicationController.robots, cache: .keep(seconds: 3600)),
        SiteRoute(method: .GET, url: .accessibility, requirement: .everyone, handler: PublicationController.accessibility, cache: .keep(seconds: 3600)),
    ]

    /// Whether a GET route of the site has this (decoded) path: the allow-list for return paths.
    static func answersGET(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let parts = segments == [""] ? [] : segments
        return all.contains { route in
            guard route.method == .GET else { return false }
            let components = route.url.routeComponents
            guard components.count == parts.count else { return false }
            return zip(components, parts).allSatisfy { component, part in
                switch component {
                case .constant(let constant): return constant == part
                case .parameter: return !part.isEmpty && part != "." && part != ".."
                default: return false
                }
            }
        }
    }

    /// Largest request body any route accepts; larger bodies are refused with 413.
    public static let maxBodySize: ByteCount = "64kb"
    /// Ledger files are uploaded whole (a year of a large committee's ledger is a few megabytes).
    public static let maxUploadSize: ByteCount = "32mb"

    /// Forms that hold a whole plan's cells at once: the value grid of a committee with 150
    /// indicators by gender is about 200 kB (the synthetic Storstad's plans, bench/RESULTS.md).
    public static let maxWholePlanFormSize: ByteCount = "4mb"

    /// The body limit of a request: uploads and whole-plan forms have larger ones.
    static func maxBodySize(for url: SiteURL) -> ByteCount {
        switch url {
        case .planEconomyLedger: maxUploadSize
        case .planValues, .planAssessment, .planEconomyFollowUp, .planActivities: maxWholePlanFormSize
        default: maxBodySize
        }
    }

    /// The same, for a request's path (the middleware runs before routing): the limit of the POST
    /// route whose components match, else the general one.
    static func maxBodySize(forPath path: String) -> ByteCount {
        // The API's bulk writes carry up to 5 000 cells.
        if APIRoutes.isAPI(path) { return maxWholePlanFormSize }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        for route in all where route.method == .POST {
            let components = route.url.routeComponents
            guard components.count == parts.count else { continue }
            let matches = zip(components, parts).allSatisfy { component, part in
                switch component {
                case .constant(let text): text == part
                case .parameter, .anything, .catchall: true
                }
            }
            if matches { return maxBodySize(for: route.url) }
        }
        return maxBodySize
    }

    static func register(on app: Application) {
        for route in all {
            let requirement = route.requirement
            let handler = route.handler
            let cache = route.cache
            app.on(route.method, route.url.routeComponents, body: .collect(maxSize: maxBodySize(for: route.url))) { req async throws -> Response in
                let action = try await requirement.action(for: req)
                guard AccessPolicy.allows(req.principal, action) else { throw AccessDenied(signedIn: req.principal != nil, method: req.method, path: req.url.path) }
                return cache.apply(to: try await handler(req), for: req)
            }
        }
    }
}

/// Refused by the access rules: a visitor who is not signed in is sent to the sign-in page
/// (for a GET), a signed-in person gets 403.
struct AccessDenied: Error, AbortError {
    let signedIn: Bool
    let method: HTTPMethod
    let path: String
    var status: HTTPResponseStatus { signedIn ? .forbidden : (method == .GET ? .seeOther : .unauthorized) }
    var reason: String { signedIn ? "Du har inte behörighet till den här sidan." : "Du behöver logga in." }
    var headers: HTTPHeaders {
        guard !signedIn, method == .GET else { return [:] }
        var components = URLComponents()
        components.path = SiteURL.signIn.path
        components.queryItems = [URLQueryItem(name: "till", value: path)]
        return ["Location": components.string ?? SiteURL.signIn.path]
    }
}
