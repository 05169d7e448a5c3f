/// Plot escapes text nodes but writes attribute values as given, so every attribute value that
/// can hold data from a person goes through `attributeEscaped` (the XSS tests in
/// SecurityTests walk every page with attack strings in every field to keep it that way).
extension String {
    var attributeEscaped: String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            switch character {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }
}
