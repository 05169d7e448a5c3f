import Fluent
import Plot
import TertialCore
import TertialInterchange
import TertialStore
import Vapor

/// Entering outcomes and forecasts for one year: one form, one request, one transaction.
/// An error keeps everything the person typed and names the cell.
enum ValuesController {
    struct Cell: Hashable { let indicatorID: String; let kind: ValueKind }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let document = try await PlanExporter.document(planID: try PlanFacts.load(req).plan.id!, on: req.db)
        let year = chosenYear(req.query[Int.self, at: "ar"], document)
        let saved = req.query[Int.self, at: "sparat"]
        return page(req, document, year: year, typed: [:], comments: [:], errors: [:], saved: saved).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanExporter.document(planID: facts.plan.id!, on: req.db)
        let form = try req.content.decode([String: String].self)
        let year = chosenYear(Int(form["ar"] ?? ""), document)
        let period = Period(year: year)
        var typed: [Cell: String] = [:], comments: [String: String] = [:], errors: [Cell: String] = [:]
        let indicators = document.goals.flatMap(\.indicators)
        for indicator in indicators {
            for kind in ValueKind.allCases {
                let cell = Cell(indicatorID: indicator.id, kind: kind)
                let text = (form["\(kind == .outcome ? "u" : "p").\(indicator.id)"] ?? "").trimmingCharacters(in: .whitespaces)
                typed[cell] = text
                if !text.isEmpty {
                    do { _ = try ValueText(text) } catch { errors[cell] = "\(indicator.name), \(kind.label.lowercased()): \(error.description)" }
                }
            }
            comments[indicator.id] = (form["k.\(indicator.id)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard errors.isEmpty else {
            return page(req, document, year: year, typed: typed, comments: comments, errors: errors, saved: nil).response(status: .unprocessableEntity)
        }
        let actor = req.actor
        let (finalTyped, finalComments) = (typed, comments)
        let changed = try await req.db.transaction { db -> Int in
            var changed = 0
            let typed = finalTyped, comments = finalComments
            for indicator in indicators {
                for kind in ValueKind.allCases {
                    guard let text = typed[Cell(indicatorID: indicator.id, kind: kind)], !text.isEmpty else { continue }
                    let comment = kind == .outcome ? comments[indicator.id].flatMap { $0.isEmpty ? nil : $0 } : existing(indicator, period, kind)?.comment
                    if try await ValueHistory.apply(.indicator(indicator.id), period: period, kind: kind, text: text, comment: comment, by: actor, on: db) != .unchanged {
                        changed += 1
                    }
                }
            }
            return changed
        }
        return req.redirect(to: SiteURL.planValues(id: facts.plan.id!).path + "?ar=\(year)&sparat=\(changed)", redirectType: .normal)
    }

    static func existing(_ indicator: IndicatorRecord, _ period: Period, _ kind: ValueKind) -> ValueRecord? {
        indicator.values.first { $0.period == period && $0.kind == kind && $0.gender == .total }
    }

    static func chosenYear(_ asked: Int?, _ document: PlanDocument) -> Int {
        let years = document.plan.planYears
        if let asked, (years.first! - 5)...(years.last!) ~= asked { return asked }
        let now = Calendar(identifier: .gregorian).component(.year, from: Date())
        return years.contains(now) ? now : document.plan.budgetYear
    }

    static func yearPicker(_ planID: String, years: [Int], year: Int) -> Node<HTML.BodyContext> {
        .form(.method(.get), .action(SiteURL.planValues(id: planID).path), .class("inline-form"),
              Forms.select("ar", label: "År", choices: years.map { (String($0), String($0)) }, chosen: String(year)),
              .button(.type(.submit), .text("Visa")))
    }

    static func header(_ year: Int) -> Node<HTML.TableContext> {
        let headings = ["Indikator", "Målvärde \(year)", "Utfall \(year)", "Prognos \(year)", "Kommentar"]
        return .thead(.tr(.forEach(headings) { .th(.attribute(named: "scope", value: "col"), .text($0)) }))
    }

    static func row(_ indicator: IndicatorRecord, year: Int, period: Period, typed: [Cell: String], comments: [String: String],
                    errors: [Cell: String]) -> Node<HTML.TableContext> {
        let inputs: [Node<HTML.TableRowContext>] = ValueKind.allCases.map { kind in
            let cell = Cell(indicatorID: indicator.id, kind: kind)
            let value = typed[cell] ?? existing(indicator, period, kind)?.value ?? ""
            let name = "\(kind == .outcome ? "u" : "p").\(indicator.id)"
            let label = "\(kind.label) \(year): \(indicator.name)"
            let invalid: Attribute<HTML.InputContext> = errors[cell] != nil ? .attribute(named: "aria-invalid", value: "true") : .empty
            return .td(.input(.type(.text), .name(name.attributeEscaped), .value(value.attributeEscaped), .attribute(named: "inputmode", value: "decimal"),
                              .attribute(named: "aria-label", value: label.attributeEscaped), invalid, .attribute(named: "size", value: "8")))
        }
        let comment = comments[indicator.id] ?? existing(indicator, period, .outcome)?.comment ?? ""
        return .tr(.th(.attribute(named: "scope", value: "row"), .id("i-\(indicator.id)".attributeEscaped), .text(indicator.name)),
                   .td(.class("num"), .text(indicator.targets[String(year)] ?? "")),
                   .group(inputs),
                   .td(.input(.type(.text), .name("k.\(indicator.id)".attributeEscaped), .value(comment.attributeEscaped),
                              .attribute(named: "aria-label", value: "Kommentar: \(indicator.name)".attributeEscaped))))
    }

    static func page(_ req: Request, _ document: PlanDocument, year: Int, typed: [Cell: String], comments: [String: String],
                     errors: [Cell: String], saved: Int?) -> PageShell {
        let plan = document.plan
        let period = Period(year: year)
        let years = Array((plan.planYears.first! - 2)...plan.planYears.last!)
        let tables: [Node<HTML.FormContext>] = document.goals.filter { !$0.indicators.isEmpty }.map { goal in
            scrollableTable(label: goal.title, .table(
                .caption(.text(goal.title)),
                header(year),
                .tbody(.forEach(goal.indicators) { row($0, year: year, period: period, typed: typed, comments: comments, errors: errors) })))
        }
        return PageShell(title: "Rapportera utfall \(year)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                       Breadcrumb(title: "Rapportera utfall", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Rapportera utfall \(year) – \(plan.title)")),
            .unwrap(saved) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0 == 1 ? "1 värde sparat." : "\($0) värden sparade.")) },
            Forms.errorSummary(errors.values.sorted()),
            yearPicker(plan.id, years: years, year: year),
            .p(.class("hint"), .text("Skriv tal som i Excel (92, 6,8, 1 560) eller en markering: i.u., nytt mått, ej aktuellt. Tomma rutor lämnas orörda.")),
            .form(.method(.post), .action(SiteURL.planValues(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("ar"), .value(String(year))),
                .group(tables),
                .button(.type(.submit), .class("primary"), .text("Spara"))
            )
        ))
    }
}
