import Plot
import TertialCore

/// Formatted text on a page: Core's `FormattedText.parse` (the same parser the documents use) rendered
/// as HTML. Every word goes through Plot's escaping; nothing is rendered as raw HTML.
enum FormattedTextView {
    static func nodes(_ markdown: String, class className: String = "prose") -> Node<HTML.BodyContext> {
        .div(.class(className), .forEach(FormattedText.parse(markdown)) { block in
            switch block {
            case .heading(_, let parts): .h4(inline(parts))
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
