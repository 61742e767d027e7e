// swift-tools-version:6.0
import PackageDescription
import Foundation

/// The engine's release builds skip Swift's dynamic exclusivity checks: about a tenth of a
/// check's instructions went to `swift_beginAccess` on the interpreter's and the fact store's
/// arrays (callgrind, docs/performance.md). Debug builds, which the test suite runs, keep them,
/// so an overlapping access would still trap there; the static checks stay on in both.
let releaseEngineSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

/// Foundation's static archives and the ones they need, in one group so their order does not matter.
let staticFoundation = ["--start-group", "-lFoundation", "-lFoundationEssentials", "-lFoundationInternationalization",
                        "-lFoundationXML", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
                        "-lCoreFoundation", "-l_CFXMLInterface", "-lswiftSynchronization", "-lswiftDispatch", "-ldispatch", "-lBlocksRuntime",
                        "-lswift_StringProcessing", "-lswift_RegexParser", "-lswift_Concurrency", "-lswiftGlibc", "--end-group"]
    .flatMap { ["-Xlinker", $0] }

let package = Package(
    name: "Verdict",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "verdict", targets: ["verdict"]),
        .library(name: "VerdictCore", targets: ["VerdictCore"]),
        // The bureau's service (SERVICE.md): its own product, so that `verdict` never links the web stack.
        .executable(name: "verdict-server", targets: ["verdict-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // verdict-server only.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The only C in the project: libxml2, reached through pkg-config.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // Syntax, checker, interpreter, exact numbers, dates, reports. No C, no XML.
        .target(
            name: "VerdictCore",
            dependencies: [.product(name: "BigInt", package: "BigInt")],
            swiftSettings: releaseEngineSettings
        ),
        // Dossiers: libxml2 parsing, XSD validation, XPath facts. The one module that touches C.
        .target(
            name: "VerdictXML",
            dependencies: ["VerdictCore", "CLibXML2"],
            swiftSettings: releaseEngineSettings
        ),
        // Documents for people: the HTML report and drafts, from Mustache templates.
        .target(
            name: "VerdictDocuments",
            dependencies: [
                "VerdictCore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
            ]
        ),
        // Workbooks (.xlsx and CSV folders) to dossiers and back. Pure Swift: the zip through
        // ZIPFoundation, every XML part through VerdictXML's plain element tree.
        .target(
            name: "VerdictSheets",
            dependencies: [
                "VerdictCore", "VerdictXML",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // `verdict lsp`: the language server for rule files, a thin adapter over the checked program.
        .target(
            name: "VerdictLSP",
            dependencies: ["VerdictCore", "VerdictXML"]
        ),
        .executableTarget(
            name: "verdict",
            dependencies: [
                "VerdictCore", "VerdictXML", "VerdictDocuments", "VerdictSheets", "VerdictLSP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds link the Swift runtime and Foundation statically: binding their
            // symbols at every start cost about an eighth of a small check's time (callgrind).
            linkerSettings: [.unsafeFlags(["-static-stdlib"] + staticFoundation, .when(configuration: .release))]
        ),
        // The service: routes, accounts, storage (SQLite and PostgreSQL), deadlines, operations.
        .target(
            name: "VerdictServer",
            dependencies: [
                "VerdictCore", "VerdictXML",
                // The browser workspace (Web/): drafts, Mustache pages, Markdown to HTML.
                "VerdictDocuments",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Web/templates"), .copy("Web/static")]
        ),
        .executableTarget(
            name: "verdict-server",
            dependencies: ["VerdictServer"]
        ),
        .testTarget(
            name: "VerdictServerTests",
            dependencies: [
                "VerdictServer", "VerdictCore", "VerdictXML", "verdict", "verdict-server",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "VerdictTests",
            dependencies: ["VerdictCore", "VerdictXML", "VerdictDocuments", "VerdictSheets", "VerdictLSP", "verdict"]
        ),
    ]
)

// libFuzzer targets, built only by scripts/fuzz.sh (VERDICT_FUZZ=1), which adds -sanitize=fuzzer.
if ProcessInfo.processInfo.environment["VERDICT_FUZZ"] != nil {
    package.targets += [
        .executableTarget(name: "FuzzRules", dependencies: ["VerdictCore", "VerdictXML"], path: "Fuzz/Rules"),
        .executableTarget(name: "FuzzDossier", dependencies: ["VerdictCore", "VerdictXML"], path: "Fuzz/Dossier"),
    ]
}
