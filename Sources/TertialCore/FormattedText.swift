/// Formatted text as plans write it, stored as a small, safe subset of Markdown: headings ("## …"),
/// paragraphs (blank lines between; a single line break inside a paragraph is kept, as the person
/// typed it), bulleted ("- ", "* ", "• ") and numbered ("1. ") lists, and **strong** and *emphasis*
/// inside a line. This is the one parser: the web page, DOCX, HTML and PDF render what it returns. There is no raw HTML: "<script>" is four letters and two
/// brackets, shown as text by every writer (web page, DOCX, HTML, PDF).
public enum FormattedText {
    public enum Inline: Hashable, Sendable {
        case text(String), strong(String), emphasis(String)
        /// A line break inside a paragraph.
        case lineBreak

        public var plain: String {
            switch self {
            case .text(let t), .strong(let t), .emphasis(let t): t
            case .lineBreak: "\n"
            }
        }
    }

    public enum Block: Hashable, Sendable {
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        case bullets([[Inline]])
        case numbered([[Inline]])
    }

    public static func parse(_ markdown: String) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [String] = []
        var list: (numbered: Bool, items: [String])?
        func flushParagraph() {
            if !paragraph.isEmpty {
                blocks.append(.paragraph(paragraph.enumerated().flatMap { index, line in (index > 0 ? [.lineBreak] : []) + inline(line) }))
                paragraph = []
            }
        }
        func flushList() {
            if let current = list { blocks.append(current.numbered ? .numbered(current.items.map(inline)) : .bullets(current.items.map(inline))); list = nil }
        }
        for raw in markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { flushParagraph(); flushList(); continue }
            if line.hasPrefix("#") {
                let level = line.prefix { $0 == "#" }.count
                if level <= 6, line.dropFirst(level).first == " " {
                    flushParagraph(); flushList()
                    blocks.append(.heading(level: level, inline(String(line.dropFirst(level + 1)))))
                    continue
                }
            }
            if let item = bullet(line) {
                flushParagraph()
                if list?.numbered == true { flushList() }
                list = (false, (list?.items ?? []) + [item])
                continue
            }
            if let item = numberedItem(line) {
                flushParagraph()
                if list?.numbered == false { flushList() }
                list = (true, (list?.items ?? []) + [item])
                continue
            }
            flushList()
            paragraph.append(line)
        }
        flushParagraph(); flushList()
        return blocks
    }

    static func bullet(_ line: String) -> String? {
        for marker in ["- ", "* ", "• "] where line.hasPrefix(marker) { return String(line.dropFirst(marker.count)) }
        return nil
    }

    static func numberedItem(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return String(rest.dropFirst(2))
    }

    /// **strong**, __strong__, *emphasis*, _emphasis_; an unclosed marker is text.
    public static func inline(_ text: String) -> [Inline] {
        var result: [Inline] = []
        var plain = ""
        var i = text.startIndex
        func flush() { if !plain.isEmpty { result.append(.text(plain)); plain = "" } }
        while i < text.endIndex {
            let rest = text[i...]
            if let marker = ["**", "__"].first(where: { rest.hasPrefix($0) }),
               let close = rest.dropFirst(2).range(of: marker), close.lowerBound > rest.index(i, offsetBy: 2) {
                flush()
                result.append(.strong(String(rest[rest.index(i, offsetBy: 2)..<close.lowerBound])))
                i = close.upperBound
                continue
            }
            if let marker = ["*", "_"].first(where: { rest.hasPrefix($0) }),
               // emphasis opens before a letter and closes after one ("*viktigt*"), never inside a word with "_"
               let next = rest.dropFirst().first, !next.isWhitespace,
               marker == "*" || i == text.startIndex || !text[text.index(before: i)].isLetter,
               let close = rest.dropFirst().firstIndex(of: Character(marker)), close > rest.index(after: i),
               !text[text.index(before: close)].isWhitespace {
                flush()
                result.append(.emphasis(String(text[text.index(after: i)..<close])))
                i = text.index(after: close)
                continue
            }
            plain.append(text[i])
            i = text.index(after: i)
        }
        flush()
        return result
    }

    /// The text without formatting, for search and spreadsheets.
    public static func plainText(_ markdown: String) -> String {
        parse(markdown).map { block -> String in
            switch block {
            case .heading(_, let inlines), .paragraph(let inlines): inlines.map(\.plain).joined()
            case .bullets(let items), .numbered(let items): items.map { $0.map(\.plain).joined() }.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }
}
