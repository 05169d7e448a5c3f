import Foundation
import Vapor

/// Every form the site receives (`application/x-www-form-urlencoded`) is read through this decoder:
///
/// - Line breaks are normalised to LF. A browser sends a textarea's line breaks as CR LF (HTML's
///   form submission rules), and CR is a control character the text rules refuse; so a reason or an
///   analysis written on two lines would be refused. A lone CR (old Mac) becomes LF too.
/// - A field whose bytes are not UTF-8 makes the whole form unreadable, with a Swedish message,
///   instead of an empty or replaced value: nothing is saved, and nothing is emptied.
///
/// Registered for the content type in `configure`, so `req.content.decode` and `req.content.get`
/// of every controller use it.
struct NormalisingFormDecoder: ContentDecoder {
    let inner = URLEncodedFormDecoder()

    struct NotUTF8: AbortError {
        var status: HTTPResponseStatus { .unprocessableEntity }
        var reason: String {
            "Formuläret innehåller tecken som inte är giltig UTF-8 och kunde inte läsas. Inget sparades. Skriv in texten igen (eller klistra in den som vanlig text)."
        }
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(decodable, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]) throws -> D {
        let normalised = try Self.normalise(body)
        return try inner.decode(decodable, from: normalised, headers: headers, userInfo: userInfo)
    }

    /// The body with every encoded or raw CR LF and lone CR as LF, after checking that every name
    /// and value decodes to UTF-8.
    static func normalise(_ body: ByteBuffer) throws -> ByteBuffer {
        let bytes = body.readableBytesView
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var field: [UInt8] = []  // the current name or value, percent-decoded, to check its UTF-8
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        func checkField() throws {
            guard String(validating: field, as: UTF8.self) != nil else { throw NotUTF8() }
            field.removeAll(keepingCapacity: true)
        }
        var i = bytes.startIndex
        var pendingCR = false      // a CR was seen (encoded or raw): LF is written, and a following LF is dropped
        while i < bytes.endIndex {
            var decoded: UInt8
            var length = 1
            let b = bytes[i]
            if b == UInt8(ascii: "%"), i + 2 < bytes.endIndex, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) {
                decoded = high << 4 | low
                length = 3
            } else if b == UInt8(ascii: "&") || b == UInt8(ascii: "=") {
                try checkField()
                pendingCR = false
                out.append(b)
                i += 1
                continue
            } else {
                decoded = b == UInt8(ascii: "+") ? 0x20 : b
            }
            if decoded == 0x0D {
                out += Array("%0A".utf8); field.append(0x0A); pendingCR = true
            } else if decoded == 0x0A && pendingCR {
                pendingCR = false      // the LF of a CR LF: already written
            } else {
                pendingCR = false
                out += bytes[i..<(i + length)]
                field.append(decoded)
            }
            i += length
        }
        try checkField()
        var buffer = ByteBufferAllocator().buffer(capacity: out.count)
        buffer.writeBytes(out)
        return buffer
    }
}
