import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `ActivityController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension ActivityController {
    static func otherPlansPage(_ req: Request, _ document: Plan, typed: [String: String], errors: [String]) -> PageShell {
        let plan = document
        let rows = ((0..<200).filter { i in typed["sd.\(i).title"] != nil || typed["sd.\(i).id"] != nil }.max() ?? -1) + 2
        func cell(_ i: Int, _ key: String, _ label: String, width: Int? = nil) -> Node<HTML.TableRowContext> {
            .td(.input(.type(.text), .name("sd.\(i).\(key)"), .value((typed["sd.\(i).\(key)"] ?? "").attributeEscaped), .attribute(named: "aria-label", value: "\(label), rad \(i + 1)"),
                       .unwrap(width) { .attribute(named: "size", value: String($0)) }))
        }
        func list(_ key: String, _ label: String, _ hint: String) -> Node<HTML.FormContext> {
            .div(.class("field"), .label(.for("f-\(key)"), .text(label)), .span(.class("hint"), .text(hint)),
                 .textarea(.id("f-\(key)"), .name(key), .rows(6), .text(typed[key] ?? "")))
        }
        return PageShell(title: "Övriga planer – \(plan.title)", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                                                              Breadcrumb(title: "Aktiviteter och uppdrag", url: .planActivities(id: plan.id)),
                                                                              Breadcrumb(title: "Övriga planer", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Övriga planer – \(plan.title)")),
            Forms.errorSummary(errors),
            .form(.method(.post), .action(SiteURL.planOtherPlans(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("v"), .value((typed["v"] ?? "").attributeEscaped)),
                .h2("Prioriterade styrdokument"),
                .p(.class("hint"), "Den tomma raden lägger till ett styrdokument; töm namnet för att ta bort ett. Ett styrdokument som aktiviteter är kopplade till tas inte bort."),
                .div(.class("table-wrap"), .table(
                    .caption("Prioriterade styrdokument"),
                    .thead(.tr(Forms.columnHeading("Namn"), Forms.columnHeading("Slag"), Forms.columnHeading("Beslutat av"), Forms.columnHeading("Beslutsdatum"), Forms.columnHeading("Gäller till och med"))),
                    .tbody(.forEach(0..<rows) { i in
                        .tr(.td(.input(.type(.hidden), .name("sd.\(i).id"), .value((typed["sd.\(i).id"] ?? "").attributeEscaped)),
                                .input(.type(.text), .name("sd.\(i).title"), .value((typed["sd.\(i).title"] ?? "").attributeEscaped),
                                       .attribute(named: "aria-label", value: "Namn, rad \(i + 1)"), .attribute(named: "size", value: "40"))),
                            cell(i, "kind", "Slag", width: 12), cell(i, "adoptedBy", "Beslutat av", width: 18),
                            cell(i, "adopted", "Beslutsdatum (ÅÅÅÅ-MM-DD)", width: 10), cell(i, "validThrough", "Gäller till och med (år)", width: 6))
                    }))),
                .h2("Digitaliseringsplan"),
                list("d.current", "Nuläge", "En punkt per rad."),
                Forms.field("d.horizon", label: "Tidshorisont för önskat läge", value: typed["d.horizon"] ?? "", hint: "Till exempel medellång sikt (4-5 år)"),
                list("d.desired", "Önskat läge", "En punkt per rad."),
                list("d.plan", "Plan för \(PlanDocumentBuilder.planPeriod(years: plan.planYears, budgetYear: plan.budgetYear))", "En punkt per rad."),
                .button(.type(.submit), .class("primary"), .text("Spara övriga planer")))))
    }
}
