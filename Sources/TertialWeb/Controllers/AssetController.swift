import Vapor

/// The site's own style sheet and script, served from memory.
enum StylesheetController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=300"],
                 body: .init(string: Stylesheet.css))
    }

    @Sendable static func script(_ req: Request) async throws -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=300"],
                 body: .init(string: Script.js))
    }
}
