import Foundation
import NIOFoundationEssentialsCompat
import TertialKolada
import Vapor

/// Vapor's HTTP client (AsyncHTTPClient) as the Kolada client's transport (timeouts set in `configure`).
public enum KoladaHTTP {
    struct Transport: KoladaTransport {
        let client: any Client
        func get(_ url: URL) async throws -> (status: Int, headers: [String: String], body: Data) {
            let response = try await client.get(URI(string: url.absoluteString), headers: ["Accept": "application/json", "User-Agent": "Tertial"])
            var headers: [String: String] = [:]
            for (name, value) in response.headers { headers[name.lowercased()] = value }
            return (Int(response.status.code), headers, response.body.map { Data(buffer: $0) } ?? Data())
        }
    }

    /// The application's client; `configure` gives it its timeouts.
    public static func transport(_ app: Application) -> any KoladaTransport { Transport(client: app.client) }

    /// A client for `KOLADA_BASE_URL` (or Kolada itself), for the web pages: fewer retries, a person is waiting.
    static func client(_ app: Application) -> KoladaClient {
        KoladaClient(baseURL: KoladaClient.baseURL(environment: ProcessInfo.processInfo.environment), transport: transport(app), attempts: 2,
                     backoff: .milliseconds(200))
    }
}
