/// One problem in an interchange file: where it is (a JSON path such as
/// `$.goals[3].indicators[1].targets["2024"]`) and what is wrong, in Swedish.
public struct InterchangeProblem: Hashable, Sendable, CustomStringConvertible {
    public var file: String?
    public var path: String
    public var message: String
    /// The path as a person reads it: each array index followed by the id of what it points at
    /// (`$.goals[24] (id lkpg-son-mal-3).title`), where the file names one. Nil: as `path`.
    public var namedPath: String?

    public init(file: String? = nil, path: String, message: String, namedPath: String? = nil) {
        self.file = file; self.path = path; self.message = message; self.namedPath = namedPath
    }

    public var description: String {
        let shown = namedPath ?? path
        return [file, shown.isEmpty ? nil : shown].compactMap { $0 }.joined(separator: ": ") + ": " + message
    }
}

/// A file that cannot be imported, with every problem found (at most `InterchangeCodec.maxProblems`).
public struct InterchangeError: Error, Sendable, CustomStringConvertible {
    public var problems: [InterchangeProblem]

    public init(_ problems: [InterchangeProblem]) { self.problems = problems }

    public func inFile(_ file: String) -> InterchangeError {
        InterchangeError(problems.map { var p = $0; p.file = file; return p })
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Builds JSON paths: `$`, `.key`, `[3]`, `["2024"]`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    public private(set) var description: String

    public init(_ root: String = "$") { description = root }

    public func key(_ name: String) -> JSONPath {
        var copy = self
        let isIdentifier: Bool
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (the format's own keys): letters, digits and _, not starting with a digit.
            func wordByte(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_") }
            isIdentifier = name.utf8.first.map(wordByte) == true
                && name.utf8.allSatisfy { wordByte($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
        } else {
            isIdentifier = name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }
        copy.description += isIdentifier ? ".\(name)" : "[\"\(name.replacingOccurrences(of: "\"", with: "\\\""))\"]"
        return copy
    }

    public func index(_ i: Int) -> JSONPath {
        var copy = self
        copy.description += "[\(i)]"
        return copy
    }

    public static func + (lhs: JSONPath, rhs: String) -> JSONPath { lhs.key(rhs) }
    public subscript(i: Int) -> JSONPath { index(i) }

    public init(codingPath: [any CodingKey]) {
        var path = JSONPath()
        for key in codingPath {
            if let i = key.intValue { path = path.index(i) } else { path = path.key(key.stringValue) }
        }
        self = path
    }
}
