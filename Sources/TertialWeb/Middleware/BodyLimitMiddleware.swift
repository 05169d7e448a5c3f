import Vapor

/// Refuses a declared body larger than its route accepts before reading it (413). Bodies without
/// a length (chunked) are capped by each route's `collect(maxSize:)`.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init),
           length > SiteRoutes.maxBodySize(forPath: request.url.path).value {
            throw Abort(.payloadTooLarge)
        }
        return try await next.respond(to: request)
    }
}
