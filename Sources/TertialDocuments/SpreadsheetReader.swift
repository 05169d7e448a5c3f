import CZlib
import Foundation

/// Reads the first worksheet of an .xlsx file (as Excel, LibreOffice or a ledger system writes it)
/// into rows of cell texts: shared and inline strings as written, numbers in plain decimal form
/// ("-38512", "1234.5"). Formulas give their cached value. Enough for uploads such as ledger exports;
/// not a general spreadsheet library.
public enum SpreadsheetReader {
    public struct Unreadable: Error, CustomStringConvertible, Sendable {
        public let reason: String
        public var description: String { "kunde inte läsa Excel-filen: \(reason)" }
    }

    public static let maxEntrySize = 256 * 1024 * 1024

    /// The rows of the first sheet.
    public static func rows(xlsx data: Data) throws(Unreadable) -> [[String]] {
        try sheets(xlsx: data).first?.rows ?? []
    }

    /// Every sheet in workbook order, with its name.
    public static func sheets(xlsx data: Data) throws(Unreadable) -> [(name: String, rows: [[String]])] {
        let zip = try ZipReader(Array(data))
        var sharedStrings: [String] = []
        if let data = try zip.entry("xl/sharedStrings.xml") { sharedStrings = try SharedStringsParser.parse(data) }
        var result: [(String, [[String]])] = []
        for (name, path) in try sheetPaths(zip) {
            guard let sheet = try zip.entry(path) else { throw Unreadable(reason: "arbetsbladet \(path) saknas") }
            result.append((name, try SheetParser.parse(sheet, sharedStrings: sharedStrings)))
        }
        return result
    }

    /// The sheets in workbook order, through the workbook's relationships.
    static func sheetPaths(_ zip: ZipReader) throws(Unreadable) -> [(String, String)] {
        guard let workbook = try zip.entry("xl/workbook.xml"), let rels = try zip.entry("xl/_rels/workbook.xml.rels") else {
            return [("Blad1", "xl/worksheets/sheet1.xml")]
        }
        let targets = Dictionary(AttributeScanner.all(element: "Relationship", in: rels).compactMap { rel in rel["Id"].flatMap { id in rel["Target"].map { (id, $0) } } },
                                 uniquingKeysWith: { a, _ in a })
        return AttributeScanner.all(element: "sheet", in: workbook).compactMap { sheet in
            guard let target = sheet["r:id"].flatMap({ targets[$0] }) else { return nil }
            return (sheet["name"].map(XMLUnescape.text) ?? "", target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target)
        }
    }
}

/// The entries of a ZIP archive by name, stored or deflated, read from the central directory.
struct ZipReader {
    let bytes: [UInt8]
    var entries: [String: (offset: Int, method: UInt16, compressed: Int, size: Int)] = [:]

    init(_ bytes: [UInt8]) throws(SpreadsheetReader.Unreadable) {
        self.bytes = bytes
        guard bytes.count >= 22 else { throw .init(reason: "filen är ingen xlsx-fil (för kort)") }
        var end = bytes.count - 22
        while end >= 0 && !(bytes[end] == 0x50 && bytes[end + 1] == 0x4b && bytes[end + 2] == 0x05 && bytes[end + 3] == 0x06) { end -= 1 }
        guard end >= 0 else { throw .init(reason: "filen är ingen xlsx-fil (ingen zip-katalog)") }
        let count = Int(u16(end + 10)), directory = Int(u32(end + 16))
        var p = directory
        for _ in 0..<count {
            guard p + 46 <= bytes.count, u32(p) == 0x02014b50 else { throw .init(reason: "zip-katalogen är trasig") }
            let method = u16(p + 10), compressed = Int(u32(p + 20)), size = Int(u32(p + 24))
            let nameLength = Int(u16(p + 28)), extra = Int(u16(p + 30)), comment = Int(u16(p + 32)), offset = Int(u32(p + 42))
            guard p + 46 + nameLength <= bytes.count else { throw .init(reason: "zip-katalogen är trasig") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            entries[name] = (offset, method, compressed, size)
            p += 46 + nameLength + extra + comment
        }
    }

    func u16(_ i: Int) -> UInt16 { UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 }
    func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }

    func entry(_ name: String) throws(SpreadsheetReader.Unreadable) -> Data? {
        guard let e = entries[name] else { return nil }
        guard e.offset + 30 <= bytes.count, u32(e.offset) == 0x04034b50 else { throw .init(reason: "\(name) är trasig") }
        let start = e.offset + 30 + Int(u16(e.offset + 26)) + Int(u16(e.offset + 28))
        guard start + e.compressed <= bytes.count, e.size <= SpreadsheetReader.maxEntrySize else { throw .init(reason: "\(name) är trasig eller för stor") }
        let raw = Array(bytes[start..<(start + e.compressed)])
        switch e.method {
        case 0: return Data(raw)
        case 8: return try inflate(raw, size: e.size, name: name)
        default: throw .init(reason: "\(name) är komprimerad med en okänd metod (\(e.method))")
        }
    }

    func inflate(_ input: [UInt8], size: Int, name: String) throws(SpreadsheetReader.Unreadable) -> Data {
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw .init(reason: "zlib kunde inte starta") }
        defer { inflateEnd(&stream) }
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress; stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress; stream.avail_out = uInt(outBuffer.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { throw .init(reason: "\(name) kunde inte packas upp") }
        return Data(output.prefix(size))
    }
}

/// Attributes of elements, for the two small XML files where a full parse is not worth it.
enum AttributeScanner {
    static func all(element: String, in data: Data) -> [[String: String]] {
        let text = String(decoding: data, as: UTF8.self)
        var result: [[String: String]] = []
        var rest = text[...]
        while let start = rest.range(of: "<\(element) ") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            let body = rest[start.upperBound..<end]
            var attributes: [String: String] = [:]
            var scan = body
            while let eq = scan.firstIndex(of: "=") {
                let key = scan[..<eq].trimmingCharacters(in: .whitespaces)
                let afterEq = scan.index(after: eq)
                guard afterEq < scan.endIndex else { break }
                let quote = scan[afterEq]
                let valueStart = scan.index(after: afterEq)
                guard let valueEnd = scan[valueStart...].firstIndex(of: quote) else { break }
                attributes[key] = String(scan[valueStart..<valueEnd])
                scan = scan[scan.index(after: valueEnd)...]
            }
            result.append(attributes)
            rest = rest[end...]
        }
        return result
    }

    static func first(element: String, attribute: String, in data: Data) -> String? {
        all(element: element, in: data).first?[attribute]
    }
}

/// A byte scanner for the two large parts of a workbook (the sheet and its shared strings). Their
/// XML is regular (Excel, LibreOffice and ledger systems write the same few elements), and libxml2
/// behind Foundation's XMLParser refuses parts past its size limits, which a year's ledger reaches.
/// Tag names are compared as bytes (a namespace prefix such as "x:" ignored); nothing is allocated
/// per tag but the texts kept.
struct XMLScanner {
    struct Tag {
        let name: ArraySlice<UInt8>
        let attributes: ArraySlice<UInt8>
        let closing: Bool
        let selfClosing: Bool
        func `is`(_ other: StaticString) -> Bool {
            other.withUTF8Buffer { name.elementsEqual($0) }
        }
    }

    let bytes: [UInt8]
    var i = 0
    init(_ data: Data) { bytes = Array(data) }

    mutating func nextTag() -> Tag? {
        while true {
            while i < bytes.count, bytes[i] != 0x3C { i += 1 }                     // <
            guard i < bytes.count else { return nil }
            let start = i + 1
            var end = start
            while end < bytes.count, bytes[end] != 0x3E { end += 1 }                // >
            guard end < bytes.count else { return nil }
            i = end + 1
            var lower = start, upper = end
            guard lower < upper, bytes[lower] != 0x3F, bytes[lower] != 0x21 else { continue } // <? and <!
            let closing = bytes[lower] == 0x2F
            if closing { lower += 1 }
            let selfClosing = upper > lower && bytes[upper - 1] == 0x2F
            if selfClosing { upper -= 1 }
            var nameEnd = lower
            var nameStart = lower
            while nameEnd < upper, bytes[nameEnd] != 0x20, bytes[nameEnd] != 0x09, bytes[nameEnd] != 0x0A, bytes[nameEnd] != 0x0D {
                if bytes[nameEnd] == 0x3A { nameStart = nameEnd + 1 }              // prefix:
                nameEnd += 1
            }
            return Tag(name: bytes[nameStart..<nameEnd], attributes: bytes[nameEnd..<upper], closing: closing, selfClosing: selfClosing)
        }
    }

    /// The text up to the next tag, entities decoded.
    mutating func text() -> String {
        let start = i
        while i < bytes.count, bytes[i] != 0x3C { i += 1 }
        return XMLUnescape.text(String(decoding: bytes[start..<i], as: UTF8.self))
    }

    static func attribute(_ name: StaticString, in attributes: ArraySlice<UInt8>) -> String? {
        name.withUTF8Buffer { key -> String? in
            var j = attributes.startIndex
            while j + key.count + 1 < attributes.endIndex {
                let before = j == attributes.startIndex ? UInt8(0x20) : attributes[j - 1]
                if (before == 0x20 || before == 0x09 || before == 0x0A || before == 0x0D) && attributes[j + key.count] == 0x3D
                    && attributes[j..<(j + key.count)].elementsEqual(key) {
                    let quote = attributes[j + key.count + 1]
                    var valueEnd = j + key.count + 2
                    while valueEnd < attributes.endIndex, attributes[valueEnd] != quote { valueEnd += 1 }
                    guard valueEnd < attributes.endIndex else { return nil }
                    return XMLUnescape.text(String(decoding: attributes[(j + key.count + 2)..<valueEnd], as: UTF8.self))
                }
                j += 1
            }
            return nil
        }
    }
}

enum SharedStringsParser {
    static func parse(_ data: Data) throws(SpreadsheetReader.Unreadable) -> [String] {
        var scanner = XMLScanner(data)
        var strings: [String] = []
        var current = ""
        var inPhonetic = false
        while let tag = scanner.nextTag() {
            if tag.is("si") {
                if tag.closing { strings.append(current) } else { current = "" }
            } else if tag.is("rPh") {
                inPhonetic = !tag.closing && !tag.selfClosing
            } else if tag.is("t"), !tag.closing, !tag.selfClosing, !inPhonetic {
                current += scanner.text()
            }
        }
        return strings
    }
}

enum SheetParser {
    /// "AB12" → column 27 (0-based).
    static func column(of reference: String) -> Int? {
        var value = 0
        var any = false
        for c in reference.unicodeScalars {
            guard c.value >= 65 && c.value <= 90 else { break }
            value = value * 26 + Int(c.value - 64); any = true
        }
        return any ? value - 1 : nil
    }

    static func parse(_ data: Data, sharedStrings: [String]) throws(SpreadsheetReader.Unreadable) -> [[String]] {
        var scanner = XMLScanner(data)
        var rows: [[String]] = []
        var row: [Int: String] = [:]
        var rowNumber = 0
        var column = 0, type = "n", text = ""
        var inRow = false
        while let tag = scanner.nextTag() {
            if tag.is("c") {
                guard inRow else { continue }
                if !tag.closing {
                    column = XMLScanner.attribute("r", in: tag.attributes).flatMap(column(of:)) ?? (row.keys.max().map { $0 + 1 } ?? 0)
                    type = XMLScanner.attribute("t", in: tag.attributes) ?? "n"; text = ""
                    if tag.selfClosing { row[column] = "" }
                    continue
                }
                var value = text
                switch type {
                case "s":
                    guard let index = Int(text), sharedStrings.indices.contains(index) else {
                        throw .init(reason: "rad \(rowNumber) har en cell med en okänd delad text")
                    }
                    value = sharedStrings[index]
                case "n":
                    // "1.2E+3" and "38512.000000001" as plain decimals; plain integers as they are.
                    if !text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2D }),
                       let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) { value = NSDecimalNumber(decimal: number).stringValue }
                case "b": value = text == "1" ? "SANT" : "FALSKT"
                default: break
                }
                row[column] = value
            } else if (tag.is("v") || tag.is("t")) && !tag.closing && !tag.selfClosing {
                text += scanner.text()
            } else if tag.is("row") {
                if !tag.closing {
                    let number = XMLScanner.attribute("r", in: tag.attributes).flatMap { Int($0) } ?? (rowNumber + 1)
                    while rows.count < number - 1 { rows.append([]) } // empty rows keep their numbers
                    rowNumber = number; row = [:]; inRow = true
                    if tag.selfClosing { rows.append([]); inRow = false }
                } else {
                    let width = (row.keys.max() ?? -1) + 1
                    rows.append((0..<width).map { row[$0] ?? "" })
                    inRow = false
                }
            }
        }
        return rows
    }
}
