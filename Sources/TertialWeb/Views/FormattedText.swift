import Plot
import TertialCore

/// Formatted text on a page: Core's `FormattedText.parse` (the same parser the documents use) rendered
/// as HTML. Every word goes through Plot's escaping; nothing is rendered as raw HTML.
enum FormattedTextView {
    /// `headingLevel`: the level of the text's own headings — one below the heading the text stands under,
    /// so no level is skipped (WCAG 1.3.1; axe's heading-order).
    static func nodes(_ markdown: String, class className: String = "prose", headingLevel: Int = 4) -> Node<HTML.BodyContext> {
        .div(.class(className), .forEach(FormattedText.parse(markdown)) { block in
            switch block {
            case .heading(_, let parts): .element(named: "h\(min(max(headingLevel, 2), 6))", nodes: [inline(parts)])
            case .paragraph(let parts): .p(inline(parts))
            case .bullets(let items): .ul(.forEach(items) { .li(inline($0)) })
            case .numbered(let items): .ol(.forEach(items) { .li(inline($0)) })
            }
        })
    }

    static func inline(_ parts: [FormattedText.Inline]) -> Node<HTML.BodyContext> {
        .group(parts.map { part in
            switch part {
            case .text(let t): .text(t)
            case .strong(let t): .strong(.text(t))
            case .emphasis(let t): .em(.text(t))
            case .lineBreak: .br()
            }
        })
    }
}
