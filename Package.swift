// swift-tools-version:6.0
import PackageDescription
import Foundation

let package = Package(
    name: "Verdict",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "verdict", targets: ["verdict"]),
        .library(name: "VerdictCore", targets: ["VerdictCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
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
            dependencies: [.product(name: "BigInt", package: "BigInt")]
        ),
        // Dossiers: libxml2 parsing, XSD validation, XPath facts. The one module that touches C.
        .target(
            name: "VerdictXML",
            dependencies: ["VerdictCore", "CLibXML2"]
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
