import TertialDocuments
import Plot
import TertialCore
import Vapor

struct Breadcrumb {
    let title: String
    let url: SiteURL?
}

/// The frame every page shares: language, title, stylesheet, header with sign-in state,
/// breadcrumbs, main content. All text goes through Plot's escaping `.text`.
struct PageShell {
    let title: String
    let breadcrumbs: [Breadcrumb]
    let context: PageContext
    let content: Node<HTML.BodyContext>
    /// The page's summary for search engines and link previews (public pages).
    let description: String?

    init(title: String, breadcrumbs: [Breadcrumb], context: PageContext = .anonymous, description: String? = nil, content: Node<HTML.BodyContext>) {
        self.title = title
        self.breadcrumbs = breadcrumbs
        self.context = context
        self.description = description
        self.content = content
    }

    func render() -> String {
        let principal = context.principal
        let html = HTML(
            .lang(.swedish),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(title) – Tertial"),
                .unwrap(description) { .meta(.name("description"), .content($0)) },
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path)),
                .script(.src(SiteURL.script.path), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .a(.class("skip-link"), .href("#innehall"), .text("Hoppa till innehållet")),
                .header(.class("site-header"),
                    .a(.class("brand"), .href(SiteURL.home.path), .text("Tertial")),
                    .span(.class("tagline"), .text("Planering och uppföljning")),
                    .form(.method(.get), .action(SiteURL.search.path), .class("site-search"), .attribute(named: "role", value: "search"),
                          .label(.for("sok"), .class("visually-hidden"), .text("Sök mål och indikatorer")),
                          .input(.type(.search), .id("sok"), .name("q"), .placeholder("Sök mål och indikatorer")),
                          .button(.type(.submit), .text("Sök"))),
                    .nav(.class("account-nav"), .attribute(named: "aria-label", value: "Konto"),
                        .if(principal != nil, .a(.href(SiteURL.myAccount.path), .text("Mitt konto"))),
                        .if(principal?.isAdministrator == true, .a(.href(SiteURL.accounts.path), .text("Konton"))),
                        .if(principal?.isAdministrator == true || principal?.isAuditor == true, .a(.href(SiteURL.audit.path), .text("Granskning"))),
                        .unwrap(principal, { principal in
                            .form(.method(.post), .action(SiteURL.signOut.path), .class("inline-form"),
                                  Forms.csrf(context),
                                  .span(.class("who"), .text("Inloggad som \(context.displayName ?? principal.username)")),
                                  .button(.type(.submit), .class("link-button"), .text("Logga ut")))
                        }, else: .a(.href(SiteURL.signIn.path), .text("Logga in")))
                    )
                ),
                .if(!breadcrumbs.isEmpty,
                    .nav(.attribute(named: "aria-label", value: "Brödsmulor"), .class("breadcrumbs"),
                        .ol(.forEach(breadcrumbs) { crumb in
                            .li(.unwrap(crumb.url, { url in .a(.href(url.path.attributeEscaped), .text(crumb.title)) },
                                        else: .span(.attribute(named: "aria-current", value: "page"), .text(crumb.title))))
                        })
                    )
                ),
                .main(.id("innehall"), content),
                .footer(.class("site-footer"),
                    .nav(.attribute(named: "aria-label", value: "Om webbplatsen"),
                        .a(.href(SiteURL.published.path), "Publicerade planer och rapporter"),
                        .a(.href(SiteURL.openData.path), "Öppna data"),
                        .a(.href(SiteURL.accessibility.path), "Tillgänglighetsredogörelse")))
            )
        )
        return html.render()
    }

    func response(status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"], body: .init(string: render()))
    }
}

/// A wide table's box: it scrolls sideways on a phone, and can be reached and scrolled with the
/// keyboard (a focusable, labelled region, as WCAG 2.1.1 asks).
func scrollableTable<C>(label: String, _ table: Node<C>) -> Node<C> {
    .element(named: "div", nodes: [.attribute(named: "class", value: "table-wrap"), .attribute(named: "tabindex", value: "0"),
                                   .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: label.attributeEscaped), table])
}

/// Form pieces: the CSRF field, labelled inputs that keep what the person typed and show the
/// error next to the field (linked with aria-describedby).
enum Forms {
    static func csrf(_ context: PageContext) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name("_csrf"), .value(CSRFMask.mask(context.csrfToken).attributeEscaped))
    }

    static func field(_ name: String, label: String, value: String = "", type: HTMLInputType = .text, error: String? = nil,
                      required: Bool = false, autocomplete: String? = nil, hint: String? = nil) -> Node<HTML.FormContext> {
        let id = "f-\(name)"
        let describedBy = [error != nil ? "\(id)-fel" : nil, hint != nil ? "\(id)-tips" : nil].compactMap { $0 }.joined(separator: " ")
        var attributes: [Attribute<HTML.InputContext>] = [.type(type), .id(id), .name(name), .value(value.attributeEscaped)]
        if required { attributes.append(.required(true)) }
        if let autocomplete { attributes.append(.attribute(named: "autocomplete", value: autocomplete)) }
        if !describedBy.isEmpty { attributes.append(.attribute(named: "aria-describedby", value: describedBy)) }
        if error != nil { attributes.append(.attribute(named: "aria-invalid", value: "true")) }
        return .div(.class(error == nil ? "field" : "field has-error"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .span(.id("\(id)-tips"), .class("hint"), .text($0)) },
            .unwrap(error) { .span(.id("\(id)-fel"), .class("error"), .text($0)) },
            .selfClosedElement(named: "input", attributes: attributes)
        )
    }

    /// `<option>` with visible text (Plot's own `option` takes attributes only). An empty value is
    /// written too (Plot leaves empty attributes out, and a browser then sends the option's text).
    static func option(_ value: String, _ text: String, selected: Bool) -> Node<HTML.SelectContext> {
        .element(named: "option", nodes: [.attribute(named: "value", value: value.attributeEscaped, ignoreIfValueIsEmpty: false),
                                          selected ? .attribute(named: "selected", value: "selected") : .empty, .text(text)])
    }

    /// What a form made before someone else saved says ("Någon ändrade budgeten efter att du öppnade sidan. …").
    static func staleForm(_ verb: String, _ what: String) -> String {
        "Någon \(verb) \(what) efter att du öppnade sidan. Inget sparades; det du skrev finns kvar. Spara igen för att behålla det."
    }

    /// A table's column heading (`<th scope="col">`).
    static func columnHeading(_ title: String) -> Node<HTML.TableRowContext> { .th(.attribute(named: "scope", value: "col"), .text(title)) }

    /// A labelled `<select>`.
    static func select(_ name: String, label: String, choices: [(String, String)], chosen: String) -> Node<HTML.FormContext> {
        .div(.class("field"), .label(.for("f-\(name)"), .text(label)),
             .select(.attribute(named: "id", value: "f-\(name)"), .attribute(named: "name", value: name), .forEach(choices) { option($0.0, $0.1, selected: $0.0 == chosen) }))
    }

    static func errorSummary(_ errors: [String]) -> Node<HTML.BodyContext> {
        errorSummary(problems: errors.map { Problem($0) })
    }

    /// A problem in a form and, where it has one, the id of the field or group it is about.
    struct Problem: Hashable {
        var message: String
        var anchor: String?
        init(_ message: String, at anchor: String? = nil) { self.message = message; self.anchor = anchor }
    }

    /// The form's problems at the top of the page, each a link to its field where it has one (a long
    /// page — internal control is 6 700 px — says at once that nothing was saved, and where).
    static func errorSummary(problems: [Problem]) -> Node<HTML.BodyContext> {
        .if(!problems.isEmpty, .div(.class("error-summary"), .attribute(named: "role", value: "alert"),
            .h2("Det finns fel i formuläret"),
            .ul(.forEach(problems) { problem in
                .li(.unwrap(problem.anchor, { .a(.href("#\($0)".attributeEscaped), .text(problem.message)) }, else: .text(problem.message)))
            })))
    }
}
