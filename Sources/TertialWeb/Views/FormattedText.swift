import Plot

/// Plain text with the structure plans use: blank lines between paragraphs, lines starting
/// with "- " as bullet lists. Everything is escaped; nothing is rendered as raw HTML.
enum FormattedText {
    static func nodes(_ text: String, class className: String = "prose") -> Node<HTML.BodyContext> {
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return .div(.class(className), .forEach(paragraphs) { paragraph in
            let lines = paragraph.components(separatedBy: "\n")
            if lines.allSatisfy({ $0.hasPrefix("- ") }) {
                return .ul(.forEach(lines) { .li(.text(String($0.dropFirst(2)))) })
            }
            return .p(.forEach(lines.enumerated()) { index, line in
                .group(.if(index > 0, .br()), .text(line))
            })
        })
    }
}
