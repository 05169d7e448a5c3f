import Plot
import Vapor

struct Breadcrumb {
    let title: String
    let url: SiteURL?
}

/// The frame every page shares: language, title, stylesheet, header, breadcrumbs, main content.
/// All text goes through Plot's escaping `.text`; nothing here emits user text raw.
struct PageShell {
    let title: String
    let breadcrumbs: [Breadcrumb]
    let content: Node<HTML.BodyContext>

    func render() -> String {
        let html = HTML(
            .lang(.swedish),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(title) – Tertial"),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path))
            ),
            .body(
                .a(.class("skip-link"), .href("#innehall"), .text("Hoppa till innehållet")),
                .header(.class("site-header"),
                    .a(.class("brand"), .href(SiteURL.home.path), .text("Tertial")),
                    .span(.class("tagline"), .text("Planering och uppföljning"))
                ),
                .if(!breadcrumbs.isEmpty,
                    .nav(.attribute(named: "aria-label", value: "Brödsmulor"), .class("breadcrumbs"),
                        .ol(.forEach(breadcrumbs) { crumb in
                            .li(.unwrap(crumb.url, { url in .a(.href(url.path), .text(crumb.title)) },
                                        else: .span(.attribute(named: "aria-current", value: "page"), .text(crumb.title))))
                        })
                    )
                ),
                .main(.id("innehall"), content)
            )
        )
        return html.render()
    }

    func response() -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: render()))
    }
}
