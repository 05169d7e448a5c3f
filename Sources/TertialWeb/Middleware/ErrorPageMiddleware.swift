import Vapor

/// Renders errors as Swedish pages with the real status code; 5xx are logged loudly and their
/// details never shown.
struct ErrorPageMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            let message: String
            if let abort = error as? any AbortError {
                status = abort.status
                message = status == .notFound ? "Sidan finns inte." : abort.reason
            } else {
                status = .internalServerError
                message = "Något gick fel i Tertial. Felet är loggat."
            }
            if status.code >= 500 {
                request.logger.error("\(request.method) \(request.url.path) → \(status.code): \(String(reflecting: error))")
            }
            let page = PageShell(title: "\(status.code) \(status.code == 404 ? "Sidan finns inte" : "Fel")",
                                 breadcrumbs: [Breadcrumb(title: "Start", url: .home)],
                                 content: .p(.text(status.code >= 500 ? "Något gick fel i Tertial. Felet är loggat." : message)))
            let response = page.response()
            response.status = status
            return response
        }
    }
}
