import Plot
import TertialCore
import TertialInterchange
import TertialStore
import Vapor

enum HomeController {
    /// Municipalities → units → the plans this visitor may read.
    @Sendable static func show(_ req: Request) async throws -> Response {
        var model = HomePage.Model(catalogue: try await Catalogue.load(on: req.store), principal: req.principal)
        model.published = Set(try await Publications.editions(currentOnly: true, on: req.store).map(\.municipalityID))
        if let accountID = req.account?.id {
            model.tasks = try await HomePage.MyTasks.load(accountID: accountID, isAdministrator: req.principal?.isAdministrator == true, on: req.store)
        }
        return HomePage.view(model, context: req.pageContext).response()
    }
}

enum PlanController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let plan = facts.plan
        let principal = req.principal
        let abilities = PlanPage.Abilities(
            reportValues: AccessPolicy.allows(principal, .reportValues(chain: facts.chain)),
            editPlan: AccessPolicy.allows(principal, .editPlan(chain: facts.chain)))
        let publicView = facts.isAdopted && !mayReadWorkingVersion(req, facts)
        let anonymous = principal == nil
        let key = PlanPageCache.Key(planID: plan.id!, revision: plan.revision ?? 0, globalRevision: facts.globalRevision,
                                    publicView: publicView, reportValues: abilities.reportValues, editPlan: abilities.editPlan, anonymous: anonymous)
        let cache = req.application.planPageCache
        switch cache.value(key) {
        case .page(let bytes, let etag):
            return Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "ETag": etag], body: .init(buffer: bytes))
        case .fragment(let html, let municipality, let owner):
            return PlanPage.shell(title: plan.title, municipalityName: municipality, ownerName: owner, context: req.pageContext, content: .raw(html)).response()
        case nil:
            let html = try await content(req, facts, publicView: publicView, abilities: abilities).render()
            let names = try await Catalogue.unitNames(of: plan, on: req.store)
            let page = PlanPage.shell(title: plan.title, municipalityName: names.municipality, ownerName: names.owner, context: req.pageContext, content: .raw(html))
            if anonymous {
                let bytes = ByteBuffer(string: page.render())
                let etag = PublicCache.etag(of: bytes)
                cache.store(.page(bytes, etag: etag), for: key)
                return Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "ETag": etag], body: .init(buffer: bytes))
            }
            cache.store(.fragment(html, municipalityName: names.municipality, ownerName: names.owner), for: key)
            return page.response()
        }
    }

    /// Whoever may read the plan when it is not public (its units' people, administrators, auditors)
    /// sees the working version; everyone else the adopted one.
    static func mayReadWorkingVersion(_ req: Request, _ facts: PlanFacts) -> Bool {
        AccessPolicy.allows(req.principal, .readPlan(chain: facts.chain, isPublic: false, isAdopted: false))
    }

    /// The plan as this visitor may read it: the working version for its own people, the adopted one
    /// (with the follow-up since) for the public.
    static func readablePlan(_ req: Request, _ facts: PlanFacts) async throws -> Plan {
        if facts.isAdopted, !mayReadWorkingVersion(req, facts), let (plan, _) = try await PlanReads.publicView(planID: facts.plan.id!, on: req.store) {
            return plan
        }
        return try await PlanReads.plan(facts.plan.id!, on: req.store)
    }

    /// The same in the interchange format, for the forms that still edit records (see issue 21's notes).
    static func readableDocument(_ req: Request, _ facts: PlanFacts) async throws -> PlanDocument {
        if facts.isAdopted, !mayReadWorkingVersion(req, facts), let (plan, _) = try await PlanReads.publicView(planID: facts.plan.id!, on: req.store) {
            return PlanDocument(plan)
        }
        return try await PlanExporter.document(planID: facts.plan.id!, on: req.store)
    }

    /// Another plan than the one in the path (a unit's plan in a committee's roll-up) as this visitor
    /// may read it, by the same rule; nil when the visitor may not read it at all.
    static func readablePlan(_ req: Request, plan: PlanModel, chain: [String]) async throws -> Plan? {
        let isAdopted = plan.status == PlanStatus.adopted.rawValue
        guard AccessPolicy.allows(req.principal, .readPlan(chain: chain, isPublic: plan.isPublic, isAdopted: isAdopted)) else { return nil }
        if isAdopted, !AccessPolicy.allows(req.principal, .readPlan(chain: chain, isPublic: false, isAdopted: false)),
           let (typed, _) = try await PlanReads.publicView(planID: plan.id!, on: req.store) {
            return typed
        }
        return try await PlanReads.plan(plan.id!, on: req.store)
    }

    static func content(_ req: Request, _ facts: PlanFacts, publicView: Bool, abilities: PlanPage.Abilities) async throws -> Node<HTML.BodyContext> {
        let planID = facts.plan.id!
        if publicView, let (plan, version) = try await PlanReads.publicView(planID: planID, on: req.store) {
            var model = PlanPage.Model(plan: plan)
            try await model.addAssessments(planID: planID, on: req.store)
            return PlanPage.content(model, abilities: abilities,
                                    notice: .init(adoptedVersion: version.number, decisionDate: version.decisionDate, isPublicView: true))
        }
        var model = PlanPage.Model(plan: try await PlanReads.plan(planID, on: req.store))
        try await model.addAssessments(planID: planID, on: req.store)
        var notice: PlanPage.VersionNotice?
        if facts.isAdopted, let latest = try await PlanVersions.list(planID: planID, on: req.store).last(where: { $0.status == .adopted }),
           try await !PlanReads.isUnchanged(planID: planID, since: latest.number, on: req.store) {
            notice = .init(adoptedVersion: latest.number, decisionDate: latest.decisionDate, isPublicView: false)
        }
        return PlanPage.content(model, abilities: abilities, notice: notice)
    }

    /// The plan in the interchange format. Exports of plans that are not public are audited.
    @Sendable static func export(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await readableDocument(req, facts)
        try await AuditLog.recordExport(of: facts.plan, as: "json", by: req.actor, on: req.store)
        return Response(status: .ok, headers: [
            "Content-Type": "application/json; charset=utf-8",
            "Content-Disposition": "attachment; filename=\"\(facts.plan.id!).json\"",
        ], body: .init(data: InterchangeCodec.encode(document)))
    }
}
