import CZlib
import TertialCore
import Foundation

/// Reads the worksheets of an .xlsx file (as Excel, LibreOffice or a ledger system writes it) into
/// rows of cell texts: shared and inline strings as written, numbers in plain decimal form ("-38512",
/// "1234.5"). Formulas give their cached value. Enough for uploads such as ledger exports; not a
/// general spreadsheet library.
///
/// An upload is untrusted: every part is inflated in chunks and scanned as it comes (never held
/// whole), each part is read at most once, and `Limits` bound what one file may cost — the bytes
/// inflated across all its parts, the rows and the cells kept — and every cell and row reference is
/// checked against a sheet's real size (XFD, 1 048 576). Past a limit the file is refused with a
/// message that names it.
public enum SpreadsheetReader {
    public struct Unreadable: Error, CustomStringConvertible, Sendable {
        public let reason: String
        public var description: String { "kunde inte läsa Excel-filen: \(reason)" }
    }

    /// What one file may cost. The defaults hold a year's ledger of a large municipality (a million
    /// rows of eight columns) and keep a server under about 1 GB while it reads one.
    public struct Limits: Sendable {
        /// Bytes inflated from all parts of the file together.
        public var inflatedBytes: Int
        /// Rows of a sheet (Excel's own limit).
        public var rows: Int
        /// Cells kept, empty cells within a row counted.
        public var cells: Int
        public init(inflatedBytes: Int = 256 * 1024 * 1024, rows: Int = maxRows, cells: Int = 16_000_000) {
            self.inflatedBytes = inflatedBytes; self.rows = rows; self.cells = cells
        }
        public static let upload = Limits()
    }

    /// A sheet's real size: columns A…XFD, rows 1…1 048 576.
    public static let maxColumns = 16_384
    public static let maxRows = 1_048_576

    /// The rows of the first sheet.
    public static func rows(xlsx data: Data, limits: Limits = .upload) throws(Unreadable) -> [[String]] {
        try firstSheet(xlsx: data, limits: limits) { _ in true }?.rows ?? []
    }

    /// The first sheet, in workbook order, whose first rows satisfy `wanted` (or else the first sheet),
    /// with its name. Sheets are read one at a time, each part once, within one budget for the file.
    public static func firstSheet(xlsx data: Data, limits: Limits = .upload,
                                  where wanted: ([[String]]) -> Bool) throws(Unreadable) -> (name: String, rows: [[String]])? {
        let zip = try ZipReader(Array(data))
        var budget = Budget(limits: limits)
        var sharedStrings: [String] = []
        if zip.has("xl/sharedStrings.xml") {
            var parser = SharedStringsParser()
            try zip.stream("xl/sharedStrings.xml", budget: &budget) { segment throws(Unreadable) in try parser.feed(segment) }
            sharedStrings = parser.strings
        }
        var first: (String, [[String]])?
        var seen = Set<String>()
        for (name, path) in try sheetPaths(zip) where seen.insert(path).inserted {
            guard zip.has(path) else { throw Unreadable(reason: "arbetsbladet \(path) saknas") }
            var parser = SheetParser(sharedStrings: sharedStrings, limits: limits)
            try zip.stream(path, budget: &budget) { segment throws(Unreadable) in try parser.feed(segment) }
            let rows = parser.rows
            if wanted(Array(rows.prefix(10))) { return (name, rows) }
            if first == nil { first = (name, rows) }
        }
        return first
    }

    /// The sheets in workbook order, through the workbook's relationships.
    static func sheetPaths(_ zip: ZipReader) throws(Unreadable) -> [(String, String)] {
        guard zip.has("xl/workbook.xml"), zip.has("xl/_rels/workbook.xml.rels") else {
            return [("Blad1", "xl/worksheets/sheet1.xml")]
        }
        // Two small parts; each read whole, within a small bound of its own.
        var small = Budget(limits: Limits(inflatedBytes: 16 * 1024 * 1024))
        let workbook = try zip.whole("xl/workbook.xml", budget: &small), rels = try zip.whole("xl/_rels/workbook.xml.rels", budget: &small)
        let targets = Dictionary(AttributeScanner.all(element: "Relationship", in: rels).compactMap { rel in rel["Id"].flatMap { id in rel["Target"].map { (id, $0) } } },
                                 uniquingKeysWith: { a, _ in a })
        return AttributeScanner.all(element: "sheet", in: workbook).compactMap { sheet in
            guard let target = sheet["r:id"].flatMap({ targets[$0] }) else { return nil }
            return (sheet["name"].map(XMLUnescape.text) ?? "", target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target)
        }
    }
}

/// The bytes a file may still inflate.
struct Budget {
    let limits: SpreadsheetReader.Limits
    var inflated = 0
    mutating func spend(_ bytes: Int) throws(SpreadsheetReader.Unreadable) {
        inflated += bytes
        guard inflated <= limits.inflatedBytes else { throw tooLarge }
    }

    func check(stated size: Int) throws(SpreadsheetReader.Unreadable) {
        guard inflated + size <= limits.inflatedBytes else { throw tooLarge }
    }

    var tooLarge: SpreadsheetReader.Unreadable {
        .init(reason: "filen packas upp till mer än \(limits.inflatedBytes / (1024 * 1024)) MB; dela upp den eller spara bara bladet med huvudboken")
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
            guard p >= 0, p + 46 <= bytes.count, u32(p) == 0x02014b50 else { throw .init(reason: "zip-katalogen är trasig") }
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

    func has(_ name: String) -> Bool { entries[name] != nil }

    /// A small part whole (the workbook and its relationships).
    func whole(_ name: String, budget: inout Budget) throws(SpreadsheetReader.Unreadable) -> Data {
        var result: [UInt8] = []
        try stream(name, budget: &budget) { segment throws(SpreadsheetReader.Unreadable) in result += segment }
        return Data(result)
    }

    /// A part's bytes in segments that end just before a '<' (or at the part's end), so that an XML
    /// scanner never sees half a tag; inflated a chunk at a time, every byte counted against `budget`.
    func stream(_ name: String, budget: inout Budget, _ consume: (ArraySlice<UInt8>) throws(SpreadsheetReader.Unreadable) -> Void) throws(SpreadsheetReader.Unreadable) {
        guard let e = entries[name] else { return }
        guard e.offset >= 0, e.offset + 30 <= bytes.count, u32(e.offset) == 0x04034b50 else { throw .init(reason: "\(name) är trasig") }
        let start = e.offset + 30 + Int(u16(e.offset + 26)) + Int(u16(e.offset + 28))
        guard start + e.compressed <= bytes.count else { throw .init(reason: "\(name) är trasig") }
        // The size the archive states, against what the file may still inflate: a bomb that says
        // what it is is refused before any of it is read (one that lies is stopped as it inflates).
        try budget.check(stated: e.size)
        var pending: [UInt8] = []
        func deliver(_ chunk: ArraySlice<UInt8>, last: Bool) throws(SpreadsheetReader.Unreadable) {
            try budget.spend(chunk.count)
            pending += chunk
            if last { if !pending.isEmpty { try consume(pending[...]) }; pending = []; return }
            guard let cut = pending.lastIndex(of: 0x3C), cut > 0 else {                  // up to the last '<'
                guard pending.count <= 16 << 20 else { throw .init(reason: "\(name) har ett element på mer än 16 MB") }
                return
            }
            try consume(pending[..<cut])
            pending.removeSubrange(..<cut)
        }
        switch e.method {
        case 0:
            var p = start
            while p < start + e.compressed {
                let end = min(p + 1 << 20, start + e.compressed)
                try deliver(bytes[p..<end], last: false)
                p = end
            }
            try deliver([], last: true)
        case 8:
            try inflate(bytes[start..<(start + e.compressed)], name: name) { chunk throws(SpreadsheetReader.Unreadable) in try deliver(chunk, last: false) }
            try deliver([], last: true)
        default: throw .init(reason: "\(name) är komprimerad med en okänd metod (\(e.method))")
        }
    }

    /// Raw deflate, a megabyte of output at a time.
    func inflate(_ input: ArraySlice<UInt8>, name: String, _ chunk: ([UInt8].SubSequence) throws(SpreadsheetReader.Unreadable) -> Void) throws(SpreadsheetReader.Unreadable) {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw .init(reason: "zlib kunde inte starta") }
        defer { inflateEnd(&stream) }
        var input = Array(input)
        var output = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        var offset = 0
        while status != Z_STREAM_END {
            let (result, produced, consumed): (Int32, Int, Int) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress.map { $0 + offset }; stream.avail_in = uInt(inBuffer.count - offset)
                    stream.next_out = outBuffer.baseAddress; stream.avail_out = uInt(outBuffer.count)
                    let before = Int(stream.avail_in)
                    let r = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (r, outBuffer.count - Int(stream.avail_out), before - Int(stream.avail_in))
                }
            }
            status = result
            offset += consumed
            guard status == Z_OK || status == Z_STREAM_END else { throw .init(reason: "\(name) kunde inte packas upp") }
            if produced > 0 { try chunk(output[..<produced]) }
            if status == Z_OK, produced == 0, consumed == 0 { throw .init(reason: "\(name) kunde inte packas upp (slutar för tidigt)") }
        }
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
    init(_ segment: ArraySlice<UInt8>) { bytes = Array(segment) }

    mutating func nextTag() -> Tag? {
        while true {
            i = find(0x3C, from: i)                                                 // <
            guard i < bytes.count else { return nil }
            let start = i + 1
            let end = find(0x3E, from: start)                                       // >
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

    /// The index of the first `byte` at or after `from`, or the end: memchr, as fast in a debug
    /// build as in a release one (an upload of hundreds of megabytes is mostly text between tags).
    func find(_ byte: UInt8, from: Int) -> Int {
        guard from < bytes.count else { return bytes.count }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base + from, Int32(byte), buffer.count - from) else { return buffer.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The text up to the next tag, entities decoded.
    mutating func text() -> String {
        let start = i
        i = find(0x3C, from: i)
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

/// Shared strings, fed in segments (each ends before a '<').
struct SharedStringsParser {
    var strings: [String] = []
    var current = ""
    var inPhonetic = false
    var inText = false

    mutating func feed(_ segment: ArraySlice<UInt8>) throws(SpreadsheetReader.Unreadable) {
        var scanner = XMLScanner(segment)   // segments end before a '<': a text never spans two
        while let tag = scanner.nextTag() {
            if tag.is("si") {
                if tag.closing { strings.append(current) } else { current = "" }
            } else if tag.is("rPh") {
                inPhonetic = !tag.closing && !tag.selfClosing
            } else if tag.is("t"), !tag.closing, !tag.selfClosing, !inPhonetic {
                current += scanner.text()
            }
        }
    }
}

/// A sheet's rows, fed in segments (each ends before a '<'), every reference checked against the
/// sheet's real size and the file's limits.
struct SheetParser {
    let sharedStrings: [String]
    let limits: SpreadsheetReader.Limits
    var rows: [[String]] = []
    var row: [Int: String] = [:]
    var rowNumber = 0
    var column = 0, type = "n", text = ""
    var inRow = false
    var inValue = false
    var cells = 0

    init(sharedStrings: [String], limits: SpreadsheetReader.Limits) {
        self.sharedStrings = sharedStrings; self.limits = limits
    }

    /// "AB12" → column 27 (0-based); nil for a reference that is not a column within A…XFD.
    static func column(of reference: String) -> Int? {
        var value = 0
        var any = false
        for c in reference.unicodeScalars {
            guard c.value >= 65 && c.value <= 90 else { break }
            value = value * 26 + Int(c.value - 64); any = true
            guard value <= SpreadsheetReader.maxColumns else { return nil }
        }
        return any ? value - 1 : nil
    }

    mutating func feed(_ segment: ArraySlice<UInt8>) throws(SpreadsheetReader.Unreadable) {
        var scanner = XMLScanner(segment)
        while let tag = scanner.nextTag() {
            if tag.is("c") {
                guard inRow else { continue }
                if !tag.closing {
                    if let reference = XMLScanner.attribute("r", in: tag.attributes) {
                        guard let c = Self.column(of: reference) else {
                            throw .init(reason: "rad \(rowNumber) har cellen \"\(reference.prefix(20))\" utanför bladet (kolumnerna går till XFD)")
                        }
                        column = c
                    } else {
                        column = row.keys.max().map { $0 + 1 } ?? 0
                        guard column < SpreadsheetReader.maxColumns else { throw .init(reason: "rad \(rowNumber) har fler än \(SwedishNumber.format(SpreadsheetReader.maxColumns)) kolumner") }
                    }
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
                guard text.utf8.count <= 32_767 * 4 else { throw .init(reason: "rad \(rowNumber) har en cell med mer text än Excel tillåter") }
            } else if tag.is("row") {
                if !tag.closing {
                    let written = XMLScanner.attribute("r", in: tag.attributes)
                    let number = written.map { Int($0) ?? 0 } ?? (rowNumber + 1)
                    guard (1...SpreadsheetReader.maxRows).contains(number), number > rows.count else {
                        throw .init(reason: "raden \"\((written ?? String(number)).prefix(20))\" ligger utanför bladet eller före en tidigare rad (raderna går till \(SwedishNumber.format(SpreadsheetReader.maxRows)))")
                    }
                    guard number <= limits.rows else { throw .init(reason: "filen har fler än \(SwedishNumber.format(limits.rows)) rader") }
                    try count(number - 1 - rows.count)
                    while rows.count < number - 1 { rows.append([]) } // empty rows keep their numbers
                    rowNumber = number; row = [:]; inRow = true
                    if tag.selfClosing { rows.append([]); inRow = false }
                } else if inRow {
                    let width = (row.keys.max() ?? -1) + 1
                    try count(width)
                    rows.append((0..<width).map { row[$0] ?? "" })
                    inRow = false
                }
            }
        }
    }

    /// Cells (and empty rows) kept so far, against the file's limit.
    mutating func count(_ more: Int) throws(SpreadsheetReader.Unreadable) {
        cells += max(more, 0)
        guard cells <= limits.cells else {
            throw .init(reason: "filen har fler än \(SwedishNumber.format(limits.cells)) celler (tomma celler mellan ifyllda räknas med)")
        }
    }
}
