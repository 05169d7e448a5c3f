import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `SearchController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension SearchController {
    /// Search: the form and the hits, each a link to its goal on the plan page.
    static func page(_ req: Request, query: String, hits: [Hit]) -> PageShell {
        PageShell(title: query.isEmpty ? "Sök" : "Sök: \(query)", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Sök", url: nil)],
                         context: req.pageContext, content: .div(
            .h1("Sök mål och indikatorer"),
            .form(.method(.get), .action(SiteURL.search.path), .attribute(named: "role", value: "search"),
                  Forms.field("q", label: "Sökord", value: query), .button(.type(.submit), .text("Sök"))),
            .if(!query.isEmpty, .p(.attribute(named: "role", value: "status"), .text(hits.isEmpty ? "Inga träffar." : hits.count == 1 ? "1 träff." : "\(hits.count) träffar."))),
            .ul(.class("search-hits"), .forEach(hits) { hit in
                .li(.a(.href((SiteURL.plan(id: hit.planID).path + "#" + hit.anchor).attributeEscaped), .text(hit.title)),
                    .span(.class("kind"), .text(" – \(hit.kind) i \(hit.planTitle)")))
            })
        ))
    }
}
