import Vapor

/// Headers a municipal security review asks for, on every response; and the last guard before a
/// response leaves: no header may carry a control character (a CR or LF in a header value would
/// let whoever chose it add headers of their own, a cookie among them).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Where a form may send the browser: this site, and — when sign-in goes through the municipality's
    /// provider — the provider's origin, which signing out redirects to (RP-initiated logout).
    var formAction = "'self'"

    init(providerOrigin: String? = nil) {
        if let providerOrigin { formAction = "'self' \(providerOrigin)" }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var response = try await next.respond(to: request)
        if let bad = response.headers.first(where: { Self.hasControlCharacter($0.name) || Self.hasControlCharacter($0.value) }) {
            request.logger.error("Refused to send header \(bad.name) with a control character for \(request.method) \(request.url.path)")
            response = Response(status: .internalServerError, headers: ["Content-Type": "text/plain; charset=utf-8"],
                                body: .init(string: "Internt fel: svaret kunde inte skickas säkert."))
        }
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                      value: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action \(formAction); base-uri 'none'")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "strict-origin-when-cross-origin")
        // What a signed-in person is shown or downloads (private plans, the audit trail) stays out of
        // shared and browser caches. Public pages may be cached by the browser only as it likes.
        if request.principal != nil, !response.headers.contains(name: .cacheControl) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }
    }
}
