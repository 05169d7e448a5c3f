import Foundation
import HTTPTypes
import NIOConcurrencyHelpers
import OpenAPIRuntime
import TertialAPI
import Vapor

/// An API error as RFC 9457 problem details (`application/problem+json`), in Swedish unless the client's
/// `Accept-Language` prefers English. Thrown anywhere under /api/v1 and rendered by `APIProblemMiddleware`.
struct APIProblem: Error, Sendable {
    struct Text: Sendable { let sv: String; let en: String }

    let status: HTTPResponseStatus
    /// The problem's kind, the last part of its `type` URI ("conflict", "invalid-value").
    let slug: String
    let title: Text
    var detail: Text?
    /// One per item the client must fix, with a JSON pointer into its request.
    var errors: [(pointer: String?, detail: Text)] = []
    var conflicts: [Components.Schemas.Problem.ConflictsPayloadPayload] = []
    var headers: HTTPHeaders = [:]

    init(_ status: HTTPResponseStatus, _ slug: String, title: Text, detail: Text? = nil) {
        self.status = status; self.slug = slug; self.title = title; self.detail = detail
    }

    static func unauthorized(_ detail: Text) -> APIProblem {
        var problem = APIProblem(.unauthorized, "unauthorized", title: Text(sv: "Inloggning krävs", en: "Authentication required"), detail: detail)
        problem.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"tertial\"")
        return problem
    }

    static func forbidden(_ detail: Text) -> APIProblem {
        APIProblem(.forbidden, "forbidden", title: Text(sv: "Ingen behörighet", en: "Forbidden"), detail: detail)
    }

    static func notFound(_ what: Text) -> APIProblem {
        APIProblem(.notFound, "not-found", title: Text(sv: "Finns inte", en: "Not found"), detail: what)
    }

    static func badRequest(_ detail: Text) -> APIProblem {
        APIProblem(.badRequest, "bad-request", title: Text(sv: "Förfrågan kunde inte läsas", en: "The request could not be read"), detail: detail)
    }

    /// Values the request names that cannot be used; for a write, nothing was saved.
    static func invalid(_ errors: [(pointer: String?, detail: Text)], write: Bool = true) -> APIProblem {
        var problem = APIProblem(.unprocessableEntity, "invalid-value", title: Text(sv: "Ogiltiga värden", en: "Invalid values"),
                                 detail: write ? Text(sv: "Inget sparades. Rätta det som nämns under errors och skicka igen.",
                                                      en: "Nothing was saved. Correct what errors names and send again.")
                                     : Text(sv: "Rätta det som nämns under errors.", en: "Correct what errors names."))
        problem.errors = errors
        return problem
    }

    static func locked(_ reason: String) -> APIProblem {
        APIProblem(.locked, "period-closed", title: Text(sv: "Perioden är stängd", en: "The period is closed"),
                   detail: Text(sv: reason + " Inget sparades.", en: "The period is closed for reporting (\(reason)). Nothing was saved."))
    }

    static func tooManyRequests(retryAfter seconds: Int) -> APIProblem {
        var problem = APIProblem(.tooManyRequests, "rate-limited", title: Text(sv: "För många förfrågningar", en: "Too many requests"),
                                 detail: Text(sv: "Nyckeln har gjort för många förfrågningar den senaste minuten. Försök igen om \(seconds) s.",
                                              en: "The token made too many requests in the last minute. Try again in \(seconds) s."))
        problem.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)")
        return problem
    }

    static let serverError = APIProblem(.internalServerError, "server-error", title: Text(sv: "Något gick fel i Tertial", en: "Something went wrong in Tertial"),
                                        detail: Text(sv: "Felet är loggat.", en: "The error has been logged."))

    /// A body that does not match the document: where (a JSON pointer) and what.
    static func unreadable(_ error: DecodingError) -> APIProblem {
        func pointer(_ path: [any CodingKey]) -> String {
            path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
        }
        let item: (pointer: String?, detail: Text)
        switch error {
        case .keyNotFound(let key, let context):
            item = (pointer(context.codingPath + [key]), Text(sv: "Fältet saknas.", en: "The field is missing."))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            item = (pointer(context.codingPath), Text(sv: "Fel typ av värde (se API:ets beskrivning).", en: "The wrong type of value (see the API's description)."))
        case .dataCorrupted(let context):
            item = (context.codingPath.isEmpty ? nil : pointer(context.codingPath),
                    Text(sv: "Kan inte läsas: \(context.debugDescription)", en: "Cannot be read: \(context.debugDescription)"))
        @unknown default:
            item = (nil, Text(sv: "Kan inte läsas.", en: "Cannot be read."))
        }
        var problem = APIProblem.badRequest(Text(sv: "Förfrågan följer inte API:ets beskrivning (/api/v1/openapi.json). Inget sparades.",
                                                 en: "The request does not follow the API's description (/api/v1/openapi.json). Nothing was saved."))
        problem.errors = [item]
        return problem
    }

    /// Swedish, unless the first language the client names is English.
    static func prefersEnglish(_ request: Request) -> Bool {
        guard let header = request.headers.first(name: .acceptLanguage) else { return false }
        let ranked = header.split(separator: ",").map { part -> (String, Double) in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (pieces.first?.lowercased() ?? "", quality)
        }.sorted { $0.1 > $1.1 }
        guard let first = ranked.first(where: { $0.0.hasPrefix("sv") || $0.0.hasPrefix("en") }) else { return false }
        return first.0.hasPrefix("en")
    }

    func response(for request: Request) -> Response {
        let english = Self.prefersEnglish(request)
        func pick(_ text: Text) -> String { english ? text.en : text.sv }
        let body = Components.Schemas.Problem(
            _type: "urn:tertial:problem:\(slug)", title: pick(title), status: Int(status.code), detail: detail.map(pick),
            instance: request.url.path,
            errors: errors.isEmpty ? nil : errors.map { .init(pointer: $0.pointer, detail: pick($0.detail)) },
            conflicts: conflicts.isEmpty ? nil : conflicts)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(body)) ?? Data("{\"type\":\"urn:tertial:problem:server-error\",\"title\":\"error\",\"status\":500}".utf8)
        var headers = self.headers
        headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        headers.replaceOrAdd(name: .contentLanguage, value: english ? "en" : "sv")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(data: data))
    }

    /// Any error under /api/v1 as a problem: ours as they are; the generated server's (a body or parameter
    /// that does not match the OpenAPI document) as 400 with what it could not read; Vapor's by their status;
    /// anything else as 500, logged, its details never shown.
    static func from(_ error: any Error, request: Request) -> APIProblem {
        if let problem = error as? APIProblem { return problem }
        if let server = error as? ServerError {
            if let problem = server.underlyingError as? APIProblem { return problem }
            let code = Int(server.httpStatus.code)
            if let decoding = server.underlyingError as? DecodingError { return unreadable(decoding) }
            if (400..<500).contains(code) {
                var problem = APIProblem.badRequest(Text(sv: "Förfrågan följer inte API:ets beskrivning (/api/v1/openapi.json): \(server.causeDescription)",
                                                         en: "The request does not follow the API's description (/api/v1/openapi.json): \(server.causeDescription)"))
                if code != 400 {
                    problem = APIProblem(HTTPResponseStatus(statusCode: code), "bad-request", title: problem.title, detail: problem.detail)
                }
                return problem
            }
            request.logger.error("API \(request.method) \(request.routePattern) → 500: \(String(reflecting: server.underlyingError))")
            return serverError
        }
        if let abort = error as? any AbortError {
            switch abort.status {
            case .notFound:
                return .notFound(Text(sv: "Det finns ingen sådan adress i API:et. Se /api/v1/openapi.json.",
                                      en: "There is no such path in the API. See /api/v1/openapi.json."))
            case .payloadTooLarge:
                return APIProblem(.payloadTooLarge, "too-large", title: Text(sv: "För stor förfrågan", en: "Request too large"),
                                  detail: Text(sv: "Högst \(SiteRoutes.maxWholePlanFormSize.value / 1_048_576) MB per förfrågan.",
                                               en: "At most \(SiteRoutes.maxWholePlanFormSize.value / 1_048_576) MB per request."))
            case .methodNotAllowed:
                return APIProblem(.methodNotAllowed, "method-not-allowed", title: Text(sv: "Metoden finns inte här", en: "Method not allowed"))
            default:
                if abort.status.code < 500 {
                    return APIProblem(abort.status, "bad-request", title: Text(sv: "Förfrågan kunde inte utföras", en: "The request could not be carried out"),
                                      detail: Text(sv: abort.reason, en: abort.reason))
                }
            }
        }
        if error is ConnectionPoolTimeoutError {
            request.application.metrics.poolTimeout()
            var problem = APIProblem(.serviceUnavailable, "overloaded", title: Text(sv: "Försök igen om en stund", en: "Try again shortly"),
                                     detail: Text(sv: ErrorPageMiddleware.overloaded, en: "Tertial is busy. Try again shortly."))
            problem.headers.replaceOrAdd(name: .retryAfter, value: "10")
            return problem
        }
        request.logger.error("API \(request.method) \(request.routePattern) → 500: \(String(reflecting: error))")
        return serverError
    }
}

/// Renders every error under /api/v1 as problem details (the site's error pages are HTML).
struct APIProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do { return try await next.respond(to: request) }
        catch { return APIProblem.from(error, request: request).response(for: request) }
    }
}
