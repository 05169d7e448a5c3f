import Foundation

/// A JSON value as read, used to find fields the format does not know.
indirect enum JSONValue: Decodable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let n = try? container.decode(Double.self) { self = .number(n) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// The same tree from what JSONSerialization read (one parse for the syntax check and the tree;
    /// decoding it again through `Decodable`, trying each kind in turn, cost a third of an import).
    init(serialized value: Any) {
        switch value {
        case is NSNull: self = .null
        case let number as NSNumber:
            // true and false come as NSNumber's boolean subclass, never to be read as 1 and 0
            self = ObjectIdentifier(type(of: number)) == Self.booleanType ? .bool(number.boolValue) : .number(number.doubleValue)
        case let text as String: self = .string(text)
        case let items as [Any]: self = .array(items.map(JSONValue.init(serialized:)))
        case let members as [String: Any]: self = .object(members.mapValues(JSONValue.init(serialized:)))
        default: self = .null
        }
    }

    static let booleanType = ObjectIdentifier(type(of: NSNumber(value: true)))

    /// Paths of numbers that are not whole.
    func fractionalNumbers(at path: JSONPath = JSONPath()) -> [JSONPath] {
        switch self {
        case .number(let n): return n.rounded() == n ? [] : [path]
        case .array(let items): return items.enumerated().flatMap { $1.fractionalNumbers(at: path.index($0)) }
        case .object(let members): return members.keys.sorted().flatMap { members[$0]!.fractionalNumbers(at: path.key($0)) }
        default: return []
        }
    }

    /// The path of the first key `name` in an object that is an element of an array under a key `parent`.
    func firstKey(_ name: String, inElementsOf parent: String, at path: JSONPath = JSONPath(), inside: Bool = false) -> JSONPath? {
        switch self {
        case .array(let items):
            for (i, item) in items.enumerated() {
                if inside, case .object(let members) = item, members[name] != nil { return path.index(i).key(name) }
                if let found = item.firstKey(name, inElementsOf: parent, at: path.index(i)) { return found }
            }
        case .object(let members):
            for key in members.keys.sorted() {
                if let found = members[key]!.firstKey(name, inElementsOf: parent, at: path.key(key), inside: key == parent) { return found }
            }
        default: break
        }
        return nil
    }

    /// The first string under a key named `key`, anywhere, that `test` accepts, with its path.
    func firstString(forKey key: String, at path: JSONPath = JSONPath(), where test: (String) -> Bool) -> (path: JSONPath, text: String)? {
        switch self {
        case .array(let items):
            for (i, item) in items.enumerated() { if let found = item.firstString(forKey: key, at: path.index(i), where: test) { return found } }
        case .object(let members):
            for name in members.keys.sorted() {
                if name == key, case .string(let text)? = members[name], test(text) { return (path.key(name), text) }
                if let found = members[name]!.firstString(forKey: key, at: path.key(name), where: test) { return found }
            }
        default: break
        }
        return nil
    }

    /// Paths of object keys present in `self` (with a non-null value) but absent from `known`.
    func unknownKeys(comparedWith known: JSONValue, at path: JSONPath = JSONPath()) -> [JSONPath] {
        switch (self, known) {
        case (.object(let mine), .object(let theirs)):
            return mine.keys.sorted().flatMap { key -> [JSONPath] in
                guard let value = mine[key] else { return [] }
                if let other = theirs[key] { return value.unknownKeys(comparedWith: other, at: path.key(key)) }
                return value == .null ? [] : [path.key(key)]
            }
        case (.array(let mine), .array(let theirs)):
            return zip(mine.indices, zip(mine, theirs)).flatMap { i, pair in pair.0.unknownKeys(comparedWith: pair.1, at: path.index(i)) }
        default:
            return []
        }
    }
}
