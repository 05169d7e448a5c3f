import Plot
import TertialCore
import TertialStore
import Vapor

/// The page of `NextYearController`: HTML only.
extension NextYearController {
    static func page(_ req: Request, _ plan: Plan, errors: [String]) -> PageShell {
        let next = NextYearPlans.preview(of: plan)
        let years = next.years.map(String.init).joined(separator: "–")
        return PageShell(title: "Skapa nästa års plan – \(plan.title)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                       Breadcrumb(title: "Skapa nästa års plan", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Skapa nästa års plan från \(plan.title)")),
            Forms.errorSummary(errors),
            .p(.text("Ett utkast skapas: \(next.title) (\(years)), med id \(next.id). \(plan.title) ändras inte.")),
            .h2("Det här följer med"),
            .ul(.li("Nämndens och enheternas mål, med nya id som anger vilket mål de fortsätter, så att historiken hänger ihop. Kommunfullmäktiges mål är gemensamma och följer med som de är."),
                .li("Indikatorerna med sina tidigare värden. Målvärden för år som den nya planen omfattar behålls; det nya sista året lämnas att fylla i."),
                .li("Aktiviteter som inte är klara eller strukna, märkta \"överförd från \(plan.budgetYear)\" och utan förra årets uppföljning. Uppdrag som inte är klara."),
                .li("Riskerna i internkontrollen, för ny bedömning, utan förra årets kontrollresultat."),
                .li("Textavsnitten, följetalen och grunduppdragen."),
                .li("Budgeten ett år framåt: varje nytt år utgår från den gamla tabellens siffror för samma år (ett planår blir budgetens utgångspunkt); övriga år lämnas att fylla i. Fastställda summor följer inte med.")),
            .form(.method(.post), .action(SiteURL.planNextYear(id: plan.id).path),
                  Forms.csrf(req.pageContext),
                  .button(.type(.submit), .class("primary"), .text("Skapa utkastet \(next.title)")))
        ))
    }
}
