/// How long a name and a text may be, wherever they enter (an import, a form, the API): long
/// enough for any plan's prose, short enough that one field cannot exhaust a page or a document.
public enum TextLimits {
    /// A name, title, label or heading (characters).
    public static let name = 2_000
    /// A description, comment, analysis or text section (characters).
    public static let text = 200_000
}
