import FluentKit
import Foundation
import TertialCore
import TertialInterchange

public final class PublishedEditionModel: Model, @unchecked Sendable {
    public static let schema = "published_editions"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "plan_id") public var planID: String
    @Field(key: "municipality_id") public var municipalityID: String
    /// The series' slug: "plan", "helar-2024".
    @Field(key: "series") public var series: String
    @Field(key: "number") public var number: Int
    @Field(key: "plan_title") public var planTitle: String
    @Field(key: "committee") public var committee: String
    @Field(key: "municipality_name") public var municipalityName: String
    @Field(key: "published_at") public var publishedAt: Date
    @Field(key: "published_by") public var publishedBy: String
    @Field(key: "decision") public var decision: String
    @OptionalField(key: "plan_version") public var planVersion: Int?
    /// The plan as published (interchange document): goals, targets, values, follow-up, economy.
    @Field(key: "document") public var document: String
    public init() {}
}

/// Publishing: an explicit act that freezes what the public sees of a plan (the adopted version with the
/// values reported so far) or of a report (the same, with the period's assessments and analyses), under
/// the decision it rests on. Editions are never changed; publishing again adds the next edition of the
/// series, which replaces the earlier one on the public pages (the earlier stays reachable by number).
public enum Publications {
    public enum Refusal: Error, CustomStringConvertible, Equatable {
        case notAdopted
        case decisionMissing(String)
        case invalidDate(String)
        case yearOutsidePlan(Int)
        public var description: String {
            switch self {
            case .notAdopted: "Planen har ingen fastställd version. Fastställ planen innan den publiceras."
            case .decisionMissing(let field): "\(field) måste anges: publiceringen ska säga vilket beslut den vilar på."
            case .invalidDate(let text): "\"\(text)\" är inget datum. Skriv som 2025-02-20."
            case .yearOutsidePlan(let year): "Planen gäller inte \(year). Välj ett av planens år."
            }
        }
    }

    /// A report's approval, as the publisher states it.
    public struct Approval: Sendable {
        public var body: String, date: String, paragraph: String?
        public init(body: String, date: String, paragraph: String?) { self.body = body; self.date = date; self.paragraph = paragraph }
    }

    /// Publishes the next edition of `document` (the plan, or a report of `year`). A plan edition rests on
    /// the plan's latest adopted version and its decision (`approval` fills in what the recorded decision
    /// lacks); a report needs `approval`.
    @discardableResult
    public static func publish(planID: String, document kind: PublishedDocument, year: Int?, approval: Approval?,
                               by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> Edition {
        try await database.writeTransaction { db in
            guard let plan = try await PlanModel.find(planID, on: db) else { throw PlanNotFound(id: planID) }
            guard let (document, version) = try await PlanReads.publicDocument(planID: planID, withFollowUp: kind != .plan, on: db) else {
                throw Refusal.notAdopted
            }
            let key: EditionKey
            let decision: String
            if kind == .plan {
                key = EditionKey(document: .plan, year: plan.budgetYear)
                // The decision recorded when the plan was adopted; where it lacks a part (a plan imported as
                // adopted), the publisher's statement fills it in.
                let adopted = document.plan.decision
                func given(_ text: String?) -> String? { text.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
                guard let body = given(adopted?.body) ?? given(approval?.body) else { throw Refusal.decisionMissing("Beslutande organ") }
                guard let dayText = given(adopted?.date) ?? given(version.decisionDate) ?? given(approval?.date) else { throw Refusal.decisionMissing("Beslutsdatum") }
                guard let day = Day(dayText) else { throw Refusal.invalidDate(dayText) }
                decision = Edition.decisionText(verb: "Fastställd", body: body, date: day, paragraph: given(adopted?.paragraph) ?? given(approval?.paragraph))
            } else {
                guard let year, (plan.firstYear...plan.lastYear).contains(year) else { throw Refusal.yearOutsidePlan(year ?? 0) }
                key = EditionKey(document: kind, year: year)
                guard let approval else { throw Refusal.decisionMissing("Beslutande organ") }
                let body = approval.body.trimmingCharacters(in: .whitespaces)
                guard !body.isEmpty else { throw Refusal.decisionMissing("Beslutande organ") }
                let text = approval.date.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { throw Refusal.decisionMissing("Beslutsdatum") }
                guard let day = Day(text) else { throw Refusal.invalidDate(text) }
                decision = Edition.decisionText(verb: "Godkänd", body: body, date: day, paragraph: approval.paragraph)
            }
            let number = (try await PublishedEditionModel.query(on: db).filter(\.$planID == planID).filter(\.$series == key.slug)
                .max(\.$number) ?? 0) + 1
            let model = PublishedEditionModel()
            model.id = UUID(); model.planID = planID; model.municipalityID = plan.municipalityID; model.series = key.slug
            model.number = number; model.planTitle = plan.title
            model.committee = try await OrgUnitModel.find(plan.ownerUnitID, on: db)?.name ?? plan.ownerUnitID
            model.municipalityName = try await MunicipalityModel.find(plan.municipalityID, on: db)?.name ?? plan.municipalityID
            model.publishedAt = date; model.publishedBy = actor.name; model.decision = decision
            model.planVersion = kind == .plan ? version.number : nil
            model.document = String(decoding: InterchangeCodec.encode(document), as: UTF8.self)
            try await model.create(on: db)
            try await AuditLog.append(.init(.create, "publicering", "\(planID)/\(key.slug)#\(number)",
                                            new: "\(key.document.title) utgåva \(number): \(decision)", planID: planID), by: actor, at: date, on: db)
            return edition(model, replacedAt: nil, key: key)
        }
    }

    /// Every edition, newest series first within each plan; `municipalityID` narrows, `currentOnly`
    /// leaves out replaced ones.
    public static func editions(municipalityID: String? = nil, planID: String? = nil, currentOnly: Bool = false,
                                on db: any Database) async throws -> [Edition] {
        var query = withoutDocument(PublishedEditionModel.query(on: db))
        if let municipalityID { query = query.filter(\.$municipalityID == municipalityID) }
        if let planID { query = query.filter(\.$planID == planID) }
        let rows = try await query.sort(\.$publishedAt).sort(\.$number).all()
        let planYears = try await planYears(Set(rows.map(\.planID)), on: db)
        var result: [Edition] = []
        let grouped = Dictionary(grouping: rows) { "\($0.planID)\u{0}\($0.series)" }
        for row in rows {
            guard let key = EditionKey(slug: row.series, planYear: planYears[row.planID] ?? 0) else { continue }
            let next = grouped["\(row.planID)\u{0}\(row.series)"]?.first { $0.number == row.number + 1 }
            if currentOnly && next != nil { continue }
            result.append(edition(row, replacedAt: next?.publishedAt, key: key))
        }
        return result
    }

    /// One edition with its frozen plan: `number` nil gives the current one.
    public static func edition(planID: String, slug: String, number: Int? = nil, on db: any Database) async throws -> (edition: Edition, plan: Plan)? {
        guard let edition = try await summary(planID: planID, slug: slug, number: number, on: db),
              let plan = try await frozenPlan(editionID: edition.id, on: db) else { return nil }
        return (edition, plan)
    }

    /// One edition without its content (cheap): `number` nil gives the current one.
    public static func summary(planID: String, slug: String, number: Int? = nil, on db: any Database) async throws -> Edition? {
        guard let plan = try await PlanModel.find(planID, on: db),
              let key = EditionKey(slug: slug, planYear: plan.budgetYear) else { return nil }
        let series = try await withoutDocument(PublishedEditionModel.query(on: db)).filter(\.$planID == planID).filter(\.$series == key.slug)
            .sort(\.$number).all()
        let picked: PublishedEditionModel? = if let number { series.first { $0.number == number } } else { series.last }
        guard let chosen = picked else { return nil }
        let next = series.first { $0.number == chosen.number + 1 }
        return edition(chosen, replacedAt: next?.publishedAt, key: key)
    }

    /// What an edition shows: the plan as it was published. It never changes, so callers may keep it by the edition's id.
    public static func frozenPlan(editionID: UUID, on db: any Database) async throws -> Plan? {
        guard let full = try await PublishedEditionModel.find(editionID, on: db) else { return nil }
        return PlanReads.typed(try InterchangeCodec.decode(Data(full.document.utf8)))
    }

    /// Lists read everything but the frozen document (which can be a few megabytes).
    static func withoutDocument(_ query: QueryBuilder<PublishedEditionModel>) -> QueryBuilder<PublishedEditionModel> {
        query.field(\.$id).field(\.$planID).field(\.$municipalityID).field(\.$series).field(\.$number).field(\.$planTitle)
            .field(\.$committee).field(\.$municipalityName).field(\.$publishedAt).field(\.$publishedBy).field(\.$decision).field(\.$planVersion)
    }

    static func planYears(_ ids: Set<String>, on db: any Database) async throws -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await PlanModel.query(on: db).filter(\.$id ~~ Array(ids)).all().map { ($0.id!, $0.budgetYear) },
                          uniquingKeysWith: { a, _ in a })
    }

    static func edition(_ row: PublishedEditionModel, replacedAt: Date?, key: EditionKey) -> Edition {
        Edition(id: row.id!, planID: row.planID, planTitle: row.planTitle, committee: row.committee, municipalityID: row.municipalityID,
                municipalityName: row.municipalityName, key: key, number: row.number, publishedAt: row.publishedAt,
                publishedBy: row.publishedBy, decision: row.decision, planVersion: row.planVersion, replacedAt: replacedAt)
    }
}
