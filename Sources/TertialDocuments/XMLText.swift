/// Plot escapes text nodes but writes attribute values as given, so every attribute value that
/// can hold data from a person goes through `attributeEscaped` (the XSS tests in
/// SecurityTests walk every page with attack strings in every field to keep it that way).
/// The document writers use the same escaping for XML text and attributes, after dropping the
/// control characters XML 1.0 cannot carry (Word refuses a file with one).
extension String {
    public var attributeEscaped: String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            switch character {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default:
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                   scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" { continue }
                if character.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) { continue }
                result.append(character)
            }
        }
        return result
    }

    /// XML text (element content): the same escaping.
    var xml: String { attributeEscaped }
}
