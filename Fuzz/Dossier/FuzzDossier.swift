import Foundation
import VerdictCore
import VerdictXML

/// The shipped rules, loaded once (VERDICT_RULES, else the repository's rules/).
let engine: CheckEngine? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let rules = ProcessInfo.processInfo.environment["VERDICT_RULES"] ?? root.appendingPathComponent("rules").path
    return try? CheckEngine(rulesDirectory: rules, schemaPath: root.appendingPathComponent("schema/dossier.xsd").path)
}()

/// libFuzzer target: any bytes as a dossier. Loading (parser, schema, structure checks)
/// and judging with every shipped rule must never crash; problems are located errors.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDossier(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let engine else { fatalError("the shipped rules do not load") }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let doc = try? engine.loader.load(bytes: bytes, path: "fuzz.xml") else { return 0 }
    if case .judged(let report) = engine.judge.judge(doc, engine.inputs) {
        _ = JSONReport.line(report)
        _ = TextReport(colour: false).render(report)
    }
    return 0
}
