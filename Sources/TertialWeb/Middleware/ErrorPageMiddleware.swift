import Plot
import Vapor

/// Renders errors as Swedish pages with the real status code; 5xx are logged loudly and their
/// details never shown. Redirects (to sign-in) pass through with their Location.
struct ErrorPageMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            if APIRoutes.isAPI(request.url.path) { return APIProblem.from(error, request: request).response(for: request) }
            let status: HTTPResponseStatus
            var message: String
            var headers: HTTPHeaders = [:]
            if let abort = error as? any AbortError {
                status = abort.status
                headers = abort.headers
                switch status {
                case .notFound: message = "Sidan finns inte."
                case .payloadTooLarge: message = "Det du skickade är för stort (högst \(SiteRoutes.maxBodySize(forPath: request.url.path).value / 1024) kB)."
                default: message = abort.reason
                }
            } else if error is ConnectionPoolTimeoutError {
                request.application.metrics.poolTimeout()
                // Every database connection stayed busy for the pool's whole wait: the server is
                // overloaded, not broken. The person is told to try again, and when.
                status = .serviceUnavailable
                headers = ["Retry-After": "10"]
                message = Self.overloaded
            } else {
                status = .internalServerError
                message = ""
            }
            if status == .serviceUnavailable {
                // Overload (or a printer that could not start): the message and Retry-After stay.
                request.logger.warning("\(request.method) \(request.routePattern) → 503: \(String(reflecting: error))")
                if message.isEmpty { message = Self.overloaded }
            } else if status.code >= 500 {
                request.logger.error("\(request.method) \(request.routePattern) → \(status.code): \(String(reflecting: error))")
                message = "Något gick fel i Tertial. Felet är loggat."
                headers = [:]
            }
            if (300..<400).contains(status.code) {
                return Response(status: status, headers: headers)
            }
            let title = status == .notFound ? "Sidan finns inte" : status == .forbidden ? "Ingen behörighet"
                : status == .serviceUnavailable ? "Försök igen om en stund" : "Något gick fel"
            let page = PageShell(title: title, breadcrumbs: [Breadcrumb(title: "Start", url: .home)], context: request.pageContext,
                                 content: .div(.h1(.text(title)), .p(.text(message)),
                                               .if(request.principal == nil && status == .unauthorized,
                                                   .p(.a(.href(SiteURL.signIn.path), .text("Logga in"))))))
            let response = page.response(status: status)
            // Headers the error carries that a client acts on (Retry-After, Allow, WWW-Authenticate).
            for name in ["Retry-After", "Allow", "WWW-Authenticate"] {
                if let value = headers.first(name: name) { response.headers.replaceOrAdd(name: name, value: value) }
            }
            return response
        }
    }

    static let overloaded = "Tertial har många förfrågningar just nu. Försök igen om en liten stund."
}
