import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `InternalControlController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension InternalControlController {
    static func riskPage(_ req: Request, _ document: Plan, _ control: InternalControl, risk: Risk?, typed: [String: String], errors: [String]) -> PageShell {
        let plan = document
        let scale = control.scale
        let title = risk == nil ? "Ny risk" : "Ändra risken"
        let action = SiteURL.planRisk(id: plan.id, riskID: risk?.id ?? "ny")
        // A plan without internal control yet: the fingerprint of the one the first save makes.
        let fingerprint = typed["v"] ?? InternalControls.fingerprint(control)
        let rows = ((0..<50).filter { i in typed["k.\(i).control"] != nil || typed["k.\(i).id"] != nil }.max() ?? -1) + 2
        func cell(_ i: Int, _ key: String, _ label: String) -> Node<HTML.TableRowContext> {
            .td(.input(.type(.text), .name("k.\(i).\(key)"), .value((typed["k.\(i).\(key)"] ?? "").attributeEscaped),
                       .attribute(named: "aria-label", value: "\(label), kontrollmoment \(i + 1)")))
        }
        let hasResults = risk?.controls.contains { !$0.results.isEmpty } == true
        return PageShell(title: title, breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                                     Breadcrumb(title: "Internkontroll", url: .planInternalControl(id: plan.id)), Breadcrumb(title: title, url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("\(title) – \(plan.title)")),
            Forms.errorSummary(errors),
            .form(.method(.post), .action(action.path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("v"), .value(fingerprint.attributeEscaped)),
                Forms.field("area", label: "Område", value: typed["area"] ?? "", hint: "Rubriken risken står under, till exempel Ekonomi"),
                Forms.field("process", label: "Huvudprocess eller riskområde", value: typed["process"] ?? ""),
                EditController.textarea("risk", "Risk", typed["risk"] ?? "", nil),
                .div(.class("field-row"),
                     Forms.select("likelihood", label: "Sannolikhet", choices: [("", "Ej bedömd")] + scale.likelihood.enumerated().map { (String($0.offset + 1), "\($0.offset + 1) \($0.element)") },
                                  chosen: typed["likelihood"] ?? ""),
                     Forms.select("consequence", label: scale.consequenceName, choices: [("", "Ej bedömd")] + scale.consequence.enumerated().map { (String($0.offset + 1), "\($0.offset + 1) \($0.element)") },
                                  chosen: typed["consequence"] ?? "")),
                Forms.field("statedValue", label: "Riskvärde (bara om sannolikhet och \(scale.consequenceName.lowercased()) inte bedöms)", value: typed["statedValue"] ?? ""),
                AccountsController.checkbox("included", "Ta in risken i planen fast riskvärdet är under gränsen \(scale.threshold)", !(typed["included"] ?? "").isEmpty),
                EditController.textarea("motivation", "Motivering (krävs för en risk under gränsen)", typed["motivation"] ?? "", nil),
                .h2("Kontrollmoment"),
                .p(.class("hint"), "Den tomma raden lägger till ett kontrollmoment; töm det för att ta bort det. Frekvens som 1 gång/år, 3 gånger/år eller månadsvis ger kontrolltillfällena."),
                .div(.class("table-wrap"), .table(
                    .caption("Kontrollmoment"),
                    .thead(.tr(Forms.columnHeading("Kontrollmoment"), Forms.columnHeading("Ansvarig"), Forms.columnHeading("Frekvens"), Forms.columnHeading("Metod"), Forms.columnHeading("Rapporteras till"), Forms.columnHeading("Uppföljning"))),
                    .tbody(.forEach(0..<rows) { i in
                        .tr(.td(.input(.type(.hidden), .name("k.\(i).id"), .value((typed["k.\(i).id"] ?? "").attributeEscaped)),
                                .input(.type(.text), .name("k.\(i).control"), .value((typed["k.\(i).control"] ?? "").attributeEscaped),
                                       .attribute(named: "aria-label", value: "Kontrollmoment \(i + 1)"))),
                            cell(i, "responsible", "Ansvarig"), cell(i, "frequency", "Frekvens"), cell(i, "method", "Metod"),
                            cell(i, "reportedTo", "Rapporteras till"), cell(i, "followUp", "Uppföljning"))
                    }))),
                .button(.type(.submit), .class("primary"), .text(risk == nil ? "Lägg till risken" : "Spara ändringarna"))),
            .unwrap(risk) { risk in
                .section(.h2("Ta bort"),
                    .if(hasResults, .p("Risken har kontrollresultat och kan inte tas bort."),
                        else: .form(.method(.post), .action(action.path), Forms.csrf(req.pageContext),
                                    .input(.type(.hidden), .name("v"), .value(fingerprint.attributeEscaped)),
                                    .input(.type(.hidden), .name("action"), .value("remove")),
                                    .button(.type(.submit), .text("Ta bort risken \(risk.process)")))))
            }))
    }

    static func scalePage(_ req: Request, _ document: Plan, _ control: InternalControl, typed: [String: String], errors: [String]) -> PageShell {
        let plan = document
        let fingerprint = typed["v"] ?? InternalControls.fingerprint(control)
        return PageShell(title: "Ändra skalan", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                                              Breadcrumb(title: "Internkontroll", url: .planInternalControl(id: plan.id)), Breadcrumb(title: "Ändra skalan", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Ändra skalan – \(plan.title)")),
            .p(.text("Nu: \(control.scale.likelihood.count)×\(control.scale.consequence.count), gräns \(control.scale.threshold). När skalan ändras flyttas varje risks "
                     + "sannolikhet och \(control.scale.consequenceName.lowercased()) till närmaste steg på den nya skalan (lägsta och högsta steget behålls), "
                     + "riskvärdena räknas om och de tidigare bedömningarna sparas i historiken. Se över bedömningarna efteråt.")),
            Forms.errorSummary(errors),
            .form(.method(.post), .action(SiteURL.planRiskScale(id: plan.id).path), .class("inline-form"),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("v"), .value(fingerprint.attributeEscaped)),
                Forms.select("preset", label: "Fyll i en standardskala", choices: [("5x5", "5×5 (osannolik … mycket sannolik, gräns 12)"), ("4x4", "4×4 (gräns 8)")], chosen: ""),
                .button(.type(.submit), .text("Fyll i"))),
            .form(.method(.post), .action(SiteURL.planRiskScale(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("v"), .value(fingerprint.attributeEscaped)),
                .div(.class("field-row"),
                     EditController.textarea("likelihood", "Sannolikhet, ett steg per rad, lägsta först", typed["likelihood"] ?? "", nil),
                     EditController.textarea("consequence", "Konsekvens, ett steg per rad, lägsta först", typed["consequence"] ?? "", nil)),
                Forms.field("consequenceName", label: "Vad konsekvensen kallas", value: typed["consequenceName"] ?? "", hint: "Till exempel Väsentlighet"),
                Forms.field("threshold", label: "Gräns för internkontrollplanen (riskvärde)", value: typed["threshold"] ?? ""),
                .button(.type(.submit), .class("primary"), .text("Byt skala och räkna om")))))
    }
}
