import VerdictCore
import VerdictXML

/// libFuzzer target: any bytes as a rule file. Lexing, parsing, checking and formatting
/// must never crash or hang; they may only report diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    let (program, diagnostics) = RuleLoader.check(files: [SourceFile(path: "fuzz.rules", text: text)], validateXPath: CompiledPaths.validate)
    _ = DiagnosticRenderer(files: program.files).renderAll(diagnostics)
    if case .success(let out) = Formatter.format(text, path: "fuzz.rules") {
        // Formatting must be stable.
        if case .success(let again) = Formatter.format(out, path: "fuzz.rules"), again != out {
            fatalError("verdict fmt is not idempotent on this input")
        }
    }
    return 0
}
