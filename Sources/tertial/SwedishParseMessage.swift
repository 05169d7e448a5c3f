/// swift-argument-parser's messages for what it finds wrong, in Swedish. The parser's errors are not
/// public types, so its English messages (1.8.2) are matched by their fixed parts; a message not
/// known here is shown as it is.
enum SwedishParseMessage {
    static func translate(_ english: String) -> String {
        let line = english.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? english
        let patterns: [(prefix: String, swedish: (String) -> String)] = [
            ("Unknown option '", { "okänd flagga \"\(quoted($0))\"" }),
            ("Unexpected argument '", { "okänt argument \"\(quoted($0))\"" }),
            ("Missing value for '", { "\(quoted($0)) kräver ett värde" }),
            ("Missing expected argument '", { "argumentet \(quoted($0)) saknas" }),
            ("The value '", { rest in
                let parts = rest.components(separatedBy: "' is invalid for '")
                guard parts.count == 2 else { return rest }
                return "värdet \"\(parts[0])\" duger inte för \(quoted(parts[1]))"
            }),
        ]
        for (prefix, swedish) in patterns where line.hasPrefix(prefix) {
            return swedish(String(line.dropFirst(prefix.count)))
        }
        if let count = line.split(separator: " ").first.flatMap({ Int($0) }), line.contains(" unexpected arguments: ") {
            return "\(count) okända argument: " + (line.components(separatedBy: ": ").dropFirst().joined(separator: ": "))
        }
        return english
    }

    /// The text up to the closing quote: `--foo'. Did you mean …` → `--foo`.
    static func quoted(_ text: String) -> String {
        text.firstIndex(of: "'").map { String(text[..<$0]) } ?? text
    }
}
