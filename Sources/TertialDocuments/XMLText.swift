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

/// The inverse, for reading XML that others wrote (uploaded spreadsheets).
enum XMLUnescape {
    /// The five named entities and numeric references ("&#197;", "&#xC5;"), as openpyxl writes non-ASCII letters.
    static func text(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else { out += "&"; rest = rest[rest.index(after: amp)...]; continue }
            let name = rest[rest.index(after: amp)..<semi]
            switch name {
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            case "amp": out += "&"
            default:
                var scalar: Unicode.Scalar?
                if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
                if let scalar { out.unicodeScalars.append(scalar) } else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
