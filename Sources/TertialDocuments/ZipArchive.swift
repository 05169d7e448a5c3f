import Foundation

/// A ZIP archive written the same way every time: entries in the order given, deflate not used
/// (stored), every time stamp 1980-01-01 00:00. DOCX and XLSX are ZIP packages; Word, Excel and
/// LibreOffice read stored entries. Sizes stay far below the 4 GiB of plain (non-ZIP64) archives.
public struct ZipArchive {
    private var entries: [(name: String, data: [UInt8])] = []

    public init() {}

    public mutating func add(_ name: String, _ data: [UInt8]) { entries.append((name, data)) }
    public mutating func add(_ name: String, _ text: String) { add(name, Array(text.utf8)) }

    public func data() -> Data {
        var out: [UInt8] = []
        var central: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + $1.data.count + 80 })
        let dosTime: UInt16 = 0, dosDate: UInt16 = (0 << 9) | (1 << 5) | 1   // 1980-01-01
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = CRC32.checksum(entry.data)
            let offset = UInt32(out.count)
            out.le32(0x04034b50); out.le16(20); out.le16(0x0800); out.le16(0); out.le16(dosTime); out.le16(dosDate)
            out.le32(crc); out.le32(UInt32(entry.data.count)); out.le32(UInt32(entry.data.count))
            out.le16(UInt16(name.count)); out.le16(0)
            out += name; out += entry.data
            central.le32(0x02014b50); central.le16(20); central.le16(20); central.le16(0x0800); central.le16(0)
            central.le16(dosTime); central.le16(dosDate); central.le32(crc)
            central.le32(UInt32(entry.data.count)); central.le32(UInt32(entry.data.count))
            central.le16(UInt16(name.count)); central.le16(0); central.le16(0); central.le16(0); central.le16(0)
            central.le32(0); central.le32(offset)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        out.le32(0x06054b50); out.le16(0); out.le16(0)
        out.le16(UInt16(entries.count)); out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count)); out.le32(centralOffset); out.le16(0)
        return Data(out)
    }
}

enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFFFFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFFFFFF
    }
}

extension Array where Element == UInt8 {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(shift)) & 0xFF)) } }
}

/// The two kinds of bookkeeping part every Office Open XML package (DOCX, XLSX) has.
enum OpenXMLPackage {
    static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let officeDocument = relationshipTypes + "/officeDocument"

    /// `[Content_Types].xml`: the media type of every part (overrides: part name → media type).
    static func contentTypes(_ overrides: [(part: String, type: String)]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + overrides.map { "<Override PartName=\"\($0.part)\" ContentType=\"\($0.type)\"/>" }.joined()
            + "</Types>"
    }

    /// A `.rels` part: relationship id, type (a full URI) and target.
    static func relationships(_ items: [(id: String, type: String, target: String)]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + items.map { "<Relationship Id=\"\($0.id)\" Type=\"\($0.type)\" Target=\"\($0.target)\"/>" }.joined()
            + "</Relationships>"
    }
}
