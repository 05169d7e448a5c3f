import Foundation

/// The API's OpenAPI 3.1 document, as served at /api/v1/openapi.json. The code in Generated/ is made from it
/// (scripts/generate-api), so the document and the server cannot drift apart.
public enum OpenAPIDocument {
    public static let data: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else { return Data() }
        return data
    }()
}
