import Foundation

/// A pass over a JSON file's bytes for what a JSON parser accepts silently or reports without a
/// place: a key written twice in one object (JSONSerialization keeps one of them, also for "id"), a
/// whole number too large for the format's integers, and a \u escape that is half of a surrogate
/// pair. Each is named with its JSON path. The syntax itself is left to the parser; where it is
/// broken, this pass stops and says nothing.
enum JSONScan {
    private enum Container {
        case object(keys: Set<String>, current: String?)
        case array(index: Int)
    }

    static func problems(_ data: Data, max: Int = 50) -> [InterchangeProblem] {
        scan(data, max: max, keysUnder: nil).problems
    }

    /// The problems, and the keys of the object under the root's `topKey`, in the order the file
    /// writes them (a JSON parser does not keep an object's order; the version 2 text sections need it).
    static func scan(_ data: Data, max: Int = 50, keysUnder topKey: String?) -> (problems: [InterchangeProblem], keys: [String]) {
        let bytes = [UInt8](data)
        var problems: [InterchangeProblem] = []
        var keysUnder: [String] = []
        var stack: [Container] = []
        var i = 0
        var expectingKey = false
        func path() -> JSONPath {
            var p = JSONPath()
            for container in stack {
                switch container {
                case .object(_, let current): if let current { p = p.key(current) }
                case .array(let index): p = p.index(index)
                }
            }
            return p
        }
        func problem(_ message: String, at p: JSONPath? = nil) {
            if problems.count < max { problems.append(InterchangeProblem(path: (p ?? path()).description, message: message)) }
        }
        /// A string at `i` (the opening quote); returns its decoded text, or nil when broken.
        func string() -> String? {
            i += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flushRaw() { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() }
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 { i += 1; flushRaw(); return String(scalars) }
                if b == 0x5C {
                    guard i + 1 < bytes.count else { return nil }
                    let e = bytes[i + 1]
                    if e == UInt8(ascii: "u") {
                        guard i + 5 < bytes.count, let unit = UInt16(String(decoding: bytes[(i + 2)...(i + 5)], as: UTF8.self), radix: 16) else { return nil }
                        i += 6
                        if (0xD800...0xDBFF).contains(unit) {
                            // a high surrogate must be followed by \u and a low one
                            if i + 5 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == UInt8(ascii: "u"),
                               let low = UInt16(String(decoding: bytes[(i + 2)...(i + 5)], as: UTF8.self), radix: 16), (0xDC00...0xDFFF).contains(low) {
                                i += 6
                                flushRaw()
                                scalars.append(Unicode.Scalar(0x10000 + (UInt32(unit) - 0xD800) << 10 + (UInt32(low) - 0xDC00))!)
                            } else {
                                problem("innehåller \\u\(String(unit, radix: 16)) utan sin andra halva (ett ensamt surrogat är inget tecken)")
                            }
                        } else if (0xDC00...0xDFFF).contains(unit) {
                            problem("innehåller \\u\(String(unit, radix: 16)) utan sin första halva (ett ensamt surrogat är inget tecken)")
                        } else {
                            flushRaw()
                            scalars.append(Unicode.Scalar(unit)!)
                        }
                        continue
                    }
                    raw.append(e == UInt8(ascii: "n") ? 0x0A : e == UInt8(ascii: "t") ? 0x09 : e)
                    i += 2
                    continue
                }
                raw.append(b)
                i += 1
            }
            return nil
        }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3A: // whitespace, ':'
                i += 1
            case 0x7B: // {
                stack.append(.object(keys: [], current: nil)); expectingKey = true; i += 1
            case 0x5B: // [
                stack.append(.array(index: 0)); expectingKey = false; i += 1
            case 0x7D, 0x5D: // } ]
                guard !stack.isEmpty else { return (problems, keysUnder) }
                stack.removeLast(); expectingKey = false; i += 1
            case 0x2C: // ,
                guard let top = stack.last else { return (problems, keysUnder) }
                if case .array(let index) = top { stack[stack.count - 1] = .array(index: index + 1); expectingKey = false }
                else { expectingKey = true }
                i += 1
            case 0x22: // "
                if expectingKey, case .object(var keys, _)? = stack.last {
                    guard let key = string() else { return (problems, keysUnder) }
                    if let topKey, stack.count == 2, case .object(_, topKey?) = stack[0] { keysUnder.append(key) }
                    if !keys.insert(key).inserted {
                        stack[stack.count - 1] = .object(keys: keys, current: key)
                        problem("fältet \"\(key.prefix(60))\" står två gånger i samma objekt; ta bort det ena")
                    } else {
                        stack[stack.count - 1] = .object(keys: keys, current: key)
                    }
                    expectingKey = false
                } else {
                    guard string() != nil else { return (problems, keysUnder) }
                }
            default:
                // a number or a literal
                let start = i
                while i < bytes.count, !" \t\r\n,]}".utf8.contains(bytes[i]) { i += 1 }
                let literal = String(decoding: bytes[start..<i], as: UTF8.self)
                guard let first = literal.first, first == "-" || first.isNumber else { continue }
                let whole = !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
                if whole ? Int(literal) == nil : (Double(literal).map { !$0.isFinite || abs($0) > 9.2e18 } ?? false) {
                    problem("talet \(literal.prefix(40)) är för stort (högst \(Int.max))")
                }
            }
        }
        return (problems, keysUnder)
    }
}
