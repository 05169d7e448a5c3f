import Foundation
import TertialDocuments
import Vapor

/// How long a visitor who is not signed in, or a proxy on the way, may keep a public answer. Whatever a
/// signed-in person is shown stays `no-store` (SecurityHeadersMiddleware); answers that set a cookie are
/// never marked public. A kept answer carries a weak ETag of its bytes (weak: the same page compressed or
/// not), and a request that names it with `If-None-Match` gets 304 and no body.
enum PublicCache: Sendable, Hashable {
    case never
    /// Keep it, but ask each time whether it changed (pages with live figures).
    case revalidate
    /// Fresh for this long, then ask (published editions, which a newer edition replaces).
    case keep(seconds: Int)

    var cacheControl: String? {
        switch self {
        case .never: nil
        case .revalidate: "public, no-cache"
        case .keep(let seconds): "public, max-age=\(seconds), must-revalidate"
        }
    }

    func apply(to response: Response, for req: Request) -> Response {
        guard let cacheControl, req.method == .GET || req.method == .HEAD, req.principal == nil, response.status == .ok,
              !response.headers.contains(name: .setCookie), let buffer = response.body.buffer else { return response }
        // A handler that keeps its page may give the ETag it made once; otherwise it is made here.
        let etag = response.headers.first(name: .eTag) ?? Self.etag(of: buffer)
        var headers = response.headers
        headers.replaceOrAdd(name: .cacheControl, value: cacheControl)
        headers.replaceOrAdd(name: .eTag, value: etag)
        // A proxy keeps one answer for visitors; a signed-in person (with a cookie) must reach the server.
        headers.replaceOrAdd(name: .vary, value: "Cookie, Accept-Encoding")
        if Self.matches(req.headers.first(name: .ifNoneMatch), etag) {
            var notModified = HTTPHeaders()
            for name in [HTTPHeaders.Name.cacheControl, .eTag, .vary] { if let value = headers.first(name: name) { notModified.replaceOrAdd(name: name, value: value) } }
            return Response(status: .notModified, headers: notModified)
        }
        // Compressed once per version of the page (the cache is keyed by its ETag), not for every visitor.
        if Self.acceptsGzip(req), buffer.readableBytes >= 1024, let packed = Self.gzip(buffer, etag: etag) {
            headers.replaceOrAdd(name: .contentEncoding, value: "gzip")
            headers.remove(name: .contentLength)
            headers.responseCompression = .disable
            response.headers = headers
            response.body = .init(buffer: packed)
            return response
        }
        response.headers = headers
        return response
    }

    /// A weak ETag of the bytes: the first 128 bits of their SHA-256.
    static func etag(of buffer: ByteBuffer) -> String {
        "W/\"" + SHA256.hash(data: buffer.readableBytesView).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// The gzip bytes of public answers by ETag: the most recently used, up to 64 MB in all.
    static let compressed = BoundedCache<String, ByteBuffer>(limit: 64 << 20) { $0.readableBytes }

    static func gzip(_ plain: ByteBuffer, etag: String) -> ByteBuffer? {
        if let kept = compressed.value(etag) { return kept }
        guard let packed = Gzip.compress(Array(plain.readableBytesView)) else { return nil }
        let bytes = ByteBuffer(bytes: packed)
        compressed.store(bytes, for: etag)
        return bytes
    }

    static func acceptsGzip(_ req: Request) -> Bool {
        req.headers[.acceptEncoding].flatMap { $0.split(separator: ",") }.contains { part in
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard fields.first == "gzip" else { return false }
            // "gzip;q=0" refuses it
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }

    /// `If-None-Match` compares weakly (RFC 9110 13.1.2): "*", or any listed tag with or without W/.
    static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        func opaque(_ tag: Substring) -> Substring { tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
        let mine = opaque(Substring(etag))
        return header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains { $0 == "*" || opaque(Substring($0)) == mine }
    }
}

