import Foundation
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// What the public reads: published editions of plans and reports (a start page with the summary and the
/// chapter menu, one page per chapter), their open data, the catalogue of that data, the sitemap and the
/// accessibility statement. And the planners' page that publishes.
enum PublicationController {
    // MARK: - Public pages

    @Sendable static func index(_ req: Request) async throws -> Response {
        let editions = try await Publications.editions(currentOnly: true, on: req.store)
        return PublicationPages.index(editions, context: req.pageContext).response()
    }

    @Sendable static func edition(_ req: Request) async throws -> Response {
        let (edition, plan) = try await load(req)
        let document = document(edition, plan)
        let series = try await Publications.editions(planID: edition.planID, on: req.store).filter { $0.key == edition.key }
        return PublicationPages.start(edition, plan: plan, document: document, summary: summary(edition, plan), series: series,
                                      base: SiteURL.base(for: req), context: req.pageContext).response()
    }

    @Sendable static func chapter(_ req: Request) async throws -> Response {
        let (edition, plan) = try await load(req)
        let document = document(edition, plan)
        guard let number = req.parameters.get("chapter").flatMap(Int.init), (1...max(1, document.sections.count)).contains(number),
              !document.sections.isEmpty else { throw Abort(.notFound, reason: "Utgåvan har inget sådant kapitel.") }
        return PublicationPages.chapter(edition, document: document, number: number, context: req.pageContext).response()
    }

    @Sendable static func editionData(_ req: Request) async throws -> Response {
        let (edition, plan) = try await load(req)
        let (dataset, format) = try file(req)
        let rows = dataset.rows(plan, edition: "\(edition.key.slug)#\(edition.number)")
        return data(dataset, rows: rows, format: format, name: "\(edition.planID)-\(edition.key.slug)-\(edition.number)-\(dataset.rawValue)")
    }

    @Sendable static func openData(_ req: Request) async throws -> Response {
        let editions = try await Publications.editions(currentOnly: true, on: req.store)
        return PublicationPages.openData(municipalities: municipalities(editions), context: req.pageContext).response()
    }

    @Sendable static func municipalityData(_ req: Request) async throws -> Response {
        guard let municipalityID = req.parameters.get("municipalityID") else { throw Abort(.notFound) }
        let (dataset, format) = try file(req)
        let editions = latestPerPlan(try await Publications.editions(municipalityID: municipalityID, currentOnly: true, on: req.store))
        guard !editions.isEmpty else { throw Abort(.notFound, reason: "Kommunen har inget publicerat.") }
        var rows: [[OpenData.Value]] = []
        for edition in editions {
            guard let plan = try await frozenPlan(edition, on: req.store) else { continue }
            rows += dataset.rows(plan, edition: "\(edition.key.slug)#\(edition.number)")
        }
        return data(dataset, rows: rows, format: format, name: "\(municipalityID)-\(dataset.rawValue)")
    }

    @Sendable static func catalogue(_ req: Request) async throws -> Response {
        let editions = try await Publications.editions(currentOnly: true, on: req.store)
        let rdf = PublicationFeeds.dcat(base: SiteURL.base(for: req), municipalities: municipalities(editions))
        return Response(status: .ok, headers: ["Content-Type": "application/rdf+xml; charset=utf-8"], body: .init(string: rdf))
    }

    @Sendable static func sitemap(_ req: Request) async throws -> Response {
        let editions = try await Publications.editions(currentOnly: true, on: req.store)
        var chapters: [UUID: Int] = [:]
        for edition in editions {
            if let plan = try await frozenPlan(edition, on: req.store) {
                chapters[edition.id] = document(edition, plan).sections.count
            }
        }
        let xml = PublicationFeeds.sitemap(base: SiteURL.base(for: req), editions: editions, chapters: chapters)
        return Response(status: .ok, headers: ["Content-Type": "application/xml; charset=utf-8"], body: .init(string: xml))
    }

    @Sendable static func robots(_ req: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"],
                 body: .init(string: PublicationFeeds.robots(base: SiteURL.base(for: req))))
    }

    @Sendable static func accessibility(_ req: Request) async throws -> Response {
        PublicationPages.accessibility(context: req.pageContext).response()
    }

    // MARK: - Publishing (planners)

    @Sendable static func publishing(_ req: Request) async throws -> Response {
        try await publishingPage(req, form: .init(), errors: [], status: .ok)
    }

    @Sendable static func publish(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let form = try req.content.decode(PublishForm.self)
        guard let kind = PublishedDocument(rawValue: form.vad ?? "") else {
            return try await publishingPage(req, form: form, errors: ["Välj vad som ska publiceras."], status: .unprocessableEntity)
        }
        let approval = Publications.Approval(body: form.organ ?? "", date: form.datum ?? "", paragraph: form.paragraf)
        do {
            let edition = try await Publications.publish(planID: facts.plan.id!, document: kind, year: kind == .plan ? nil : form.ar.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                                                         approval: approval, by: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planPublishing(id: facts.plan.id!).path + "?publicerad=\(edition.key.slug)-\(edition.number)", redirectType: .normal)
        } catch let refusal as Publications.Refusal {
            return try await publishingPage(req, form: form, errors: [refusal.description], status: .unprocessableEntity)
        }
    }

    struct PublishForm: Content {
        var vad: String?
        var ar: String?
        var organ: String?
        var datum: String?
        var paragraf: String?
        init() {}
    }

    static func publishingPage(_ req: Request, form: PublishForm, errors: [String], status: HTTPResponseStatus) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let plan = facts.plan
        let editions = try await Publications.editions(planID: plan.id!, on: req.store)
        let adopted = try await PlanReads.publicView(planID: plan.id!, on: req.store) != nil
        let published = req.query[String.self, at: "publicerad"]
        return PublicationPages.publishing(planID: plan.id!, title: plan.title, years: Array(plan.firstYear...plan.lastYear), adopted: adopted,
                                           editions: editions, form: form, errors: errors, published: published,
                                           context: req.pageContext).response(status: status)
    }

    // MARK: - Pieces

    static func load(_ req: Request) async throws -> (Edition, Plan) {
        guard let planID = req.parameters.get("planID"), let slug = req.parameters.get("edition") else { throw Abort(.notFound) }
        let number = try req.query.get(Int?.self, at: "utgava")
        guard let edition = try await Publications.summary(planID: planID, slug: slug, number: number, on: req.store),
              let plan = try await frozenPlan(edition, on: req.store) else {
            throw Abort(.notFound, reason: "Det finns ingen sådan publicerad utgåva.")
        }
        return (edition, plan)
    }

    /// An edition's plan never changes: read and decoded once per process (the last 16 kept).
    static let frozenPlans = BoundedCache<UUID, Plan>(limit: 16)

    static func frozenPlan(_ edition: Edition, on db: StoreHandle) async throws -> Plan? {
        if let kept = frozenPlans.value(edition.id) { return kept }
        guard let plan = try await Publications.frozenPlan(editionID: edition.id, on: db) else { return nil }
        frozenPlans.store(plan, for: edition.id)
        return plan
    }

    /// The document an edition shows: the plan's own template, or its follow-up report.
    static func document(_ edition: Edition, _ plan: Plan) -> TertialDocuments.Document {
        let source = "Utgåva \(edition.number), publicerad \(SwedishDate.dateTime(edition.publishedAt))"
        guard let kind = ReportKind(rawValue: edition.key.document.rawValue), let period = edition.key.document.period(edition.key.year) else {
            return PlanDocumentBuilder.build(plan, source: source)
        }
        return FollowUpReportBuilder.build(plan, kind: kind, year: edition.key.year, followUps: followUps(plan, period: period), source: source)
    }

    static func followUps(_ plan: Plan, period: Period) -> [String: GoalFollowUp] {
        Dictionary(plan.assessments.filter { $0.period == period }.map {
            ($0.goalID, GoalFollowUp(override: $0.assessment, reason: $0.reason, analysis: $0.analysis))
        }, uniquingKeysWith: { _, b in b })
    }

    /// Goals per goal area and status, as the edition's summary shows them.
    static func summary(_ edition: Edition, _ plan: Plan) -> [(area: String, counts: [Attainment: Int])] {
        let view = plan.activeView
        let period = edition.key.document.period(edition.key.year) ?? Period(year: edition.key.year)
        let overrides = followUps(plan, period: period).compactMapValues(\.override)
        let statuses = PlanEvaluation.goalStatuses(view, year: edition.key.year, asOf: period, overrides: overrides)
        return AreaStatusChart.rows(view, effective: statuses.merging(overrides) { _, person in person })
    }

    static func file(_ req: Request) throws -> (OpenData.Dataset, String) {
        let name = req.parameters.get("file") ?? ""
        let parts = name.split(separator: ".")
        guard parts.count == 2, let dataset = OpenData.Dataset(rawValue: String(parts[0])), ["csv", "json"].contains(parts[1]) else {
            throw Abort(.notFound, reason: "Det finns ingen sådan fil. Filerna heter \(OpenData.Dataset.allCases.map { "\($0.rawValue).csv" }.joined(separator: ", ")) (och .json).")
        }
        return (dataset, String(parts[1]))
    }

    static func data(_ dataset: OpenData.Dataset, rows: [[OpenData.Value]], format: String, name: String) -> Response {
        let csv = format == "csv"
        let body = csv ? OpenData.csv(dataset, rows: rows) : OpenData.json(dataset, rows: rows)
        return Response(status: .ok, headers: [
            "Content-Type": csv ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8",
            "Content-Disposition": "inline; filename=\"\(name).\(format)\"",
            "Link": "<\(OpenData.licence)>; rel=\"license\"",
        ], body: .init(string: body))
    }

    /// Per municipality, the current editions (for the open data page and the catalogue).
    static func municipalities(_ editions: [Edition]) -> [(id: String, name: String, editions: [Edition])] {
        var order: [String] = []
        var grouped: [String: [Edition]] = [:]
        for edition in editions {
            if grouped[edition.municipalityID] == nil { order.append(edition.municipalityID) }
            grouped[edition.municipalityID, default: []].append(edition)
        }
        return order.map { ($0, grouped[$0]!.first!.municipalityName, grouped[$0]!) }
    }

    /// A municipality's data: per plan, the edition published last (a report carries the plan's latest figures).
    static func latestPerPlan(_ editions: [Edition]) -> [Edition] {
        var latest: [String: Edition] = [:]
        var order: [String] = []
        for edition in editions {
            if latest[edition.planID] == nil { order.append(edition.planID) }
            if latest[edition.planID].map({ $0.publishedAt <= edition.publishedAt }) ?? true { latest[edition.planID] = edition }
        }
        return order.compactMap { latest[$0] }
    }
}

