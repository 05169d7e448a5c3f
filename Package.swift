// swift-tools-version:6.0
import PackageDescription

// Dependencies come only from the machine's package list (see README, "Dependencies").
let package = Package(
    name: "tertial",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tertial", targets: ["tertial"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        // Already in the graph through Vapor; named here for the SMTP client (reminders).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // The JSON API (issue 24): code generated once from Sources/TertialAPI/openapi.json (scripts/generate-api)
        // and committed; only the runtime and the Vapor transport are built.
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/vapor/swift-openapi-vapor.git", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // /metrics in Prometheus's text format (issue 24, point 4).
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Sign-in through the municipality's identity provider (OpenID Connect): ID tokens checked against its JWKS.
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // The domain: value types and rules. No frameworks, no I/O.
        .target(name: "TertialCore"),
        // The versioned JSON plan format: Codable documents, validation with JSON paths.
        .target(name: "TertialInterchange", dependencies: ["TertialCore"]),
        // The system's zlib (inflate), for reading .xlsx files people upload.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Kolada's API (v3): metadata, data rows, paging, the 25-id limit, retries; HTTP behind a transport.
        .target(name: "TertialKolada"),
        // A deterministic synthetic municipality the size of Göteborg (`tertial demo generate`).
        .target(name: "TertialSynthetic", dependencies: ["TertialCore", "TertialInterchange"]),
        // Documents: plans and follow-up reports as DOCX, HTML (and PDF through Chromium), XLSX and CSV;
        // reading the first sheet of an .xlsx (ledger exports).
        .target(name: "TertialDocuments", dependencies: ["TertialCore", "CZlib"]),
        // Persistence: Fluent models and migrations, SQLite and PostgreSQL behind one API.
        .target(name: "TertialStore", dependencies: [
            "TertialCore", "TertialInterchange", "TertialKolada",
            .product(name: "Fluent", package: "fluent"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ], resources: [.copy("Demo")]),
        // The JSON API's contract: the OpenAPI document (served at /api/v1/openapi.json) and the types and
        // server protocol generated from it (Generated/, by scripts/generate-api; never edited by hand).
        .target(name: "TertialAPI", dependencies: [
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
        ], exclude: ["openapi-generator-config.yaml"], resources: [.copy("openapi.json")]),
        // Vapor: routes, controllers, views.
        .target(name: "TertialWeb", dependencies: [
            "TertialCore", "TertialStore", "TertialInterchange", "TertialDocuments", "TertialKolada", "TertialAPI",
            .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            .product(name: "OpenAPIVapor", package: "swift-openapi-vapor"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Plot", package: "Plot"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ], swiftSettings: [
            // A file sees only the members of modules it imports: the web cannot reach Fluent's query
            // API through the store's imports (it holds a `StoreHandle` and asks the store).
            .enableUpcomingFeature("MemberImportVisibility"),
        ]),
        // Scratch databases (a fresh SQLite file, or a fresh PostgreSQL schema) and synthetic plans,
        // shared by the test targets and bench/.
        .target(name: "TertialTestSupport", dependencies: [
            "TertialStore", "TertialInterchange", "TertialCore",
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ]),
        .executableTarget(name: "tertial", dependencies: [
            "TertialWeb", "TertialStore", "TertialInterchange", "TertialCore", "TertialDocuments", "TertialKolada", "TertialSynthetic",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Benchmarks: `swift run -c release tertial-bench` prints figures and ratios (see bench/README.md).
        .executableTarget(name: "tertial-bench", dependencies: [
            "TertialCore", "TertialInterchange", "TertialStore", "TertialWeb", "TertialTestSupport", "TertialDocuments", "TertialSynthetic",
        ], path: "bench/TertialBench"),
        .testTarget(name: "TertialCoreTests", dependencies: [
            "TertialCore",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "TertialInterchangeTests", dependencies: ["TertialInterchange", "TertialCore"]),
        .testTarget(name: "TertialKoladaTests", dependencies: ["TertialKolada"]),
        .testTarget(name: "TertialDocumentsTests", dependencies: ["TertialDocuments", "TertialInterchange", "TertialCore"]),
        .testTarget(name: "TertialStoreTests", dependencies: ["TertialStore", "TertialDocuments", "TertialInterchange", "TertialCore", "TertialTestSupport", "TertialSynthetic"]),
        .testTarget(name: "TertialWebTests", dependencies: [
            "TertialWeb", "TertialStore", "TertialTestSupport", "TertialDocuments", "TertialSynthetic",
            .product(name: "VaporTesting", package: "vapor"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
