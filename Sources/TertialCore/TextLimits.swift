import Foundation

/// How long a name and a text may be, wherever they enter (an import, a form, the API): long
/// enough for any plan's prose, short enough that one field cannot exhaust a page or a document.
public enum TextLimits {
    /// A name, title, label or heading (characters).
    public static let name = 2_000
    /// A description, comment, analysis or text section (characters).
    public static let text = 200_000
}

extension String {
    /// The text cut to at most `limit` characters at a word boundary, with "…" where it was cut:
    /// a title is never cut mid-word ("… för att ti"). Where the text must be whole, print it whole
    /// and let it wrap; this is for labels that cannot (a chart's category, a link in a list).
    public func shortened(to limit: Int) -> String {
        guard count > limit else { return self }
        let head = prefix(limit - 1)
        if let space = head.lastIndex(where: { $0 == " " }), head.distance(from: head.startIndex, to: space) >= limit / 2 {
            return String(head[..<space]).trimmingCharacters(in: CharacterSet(charactersIn: " ,;:–-")) + "…"
        }
        return String(head) + "…"
    }
}
