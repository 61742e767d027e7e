import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Static checks of a rules directory beyond loading: cites, sources, placeholders, unused definitions, table coverage, schema names, rules that never apply.",
        discussion: "Exit status 1 when there is an error (warnings and notes do not fail); 2 when the directory cannot be read."
    )

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    @Flag(name: .long, help: "List every diagnostic code with its meaning.")
    var codes = false

    @Argument(help: "The rules directory (default: ./rules).")
    var rulesDirectory: String?

    enum Format: String, ExpressibleByArgument { case text, json }

    func run() throws {
        if codes {
            for c in DiagnosticCode.allCases { print("\(c.rawValue)  \(c.defaultSeverity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(c.summary)") }
            return
        }
        var options = try RuleOptions.parse([])
        options.rules = rulesDirectory
        let dir = options.rulesDirectory()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            Terminal.stderr("verdict: rules directory `\(dir)` not found\n")
            throw ExitCode(2)
        }
        var diagnostics: [Diagnostic] = []
        var files: [SourceFile] = []
        switch RuleLoader.load(directory: dir, validateXPath: CompiledPaths.validate) {
        case .failure(let f):
            diagnostics = f.diagnostics
            files = f.files
        case .success(let program):
            files = program.files
            let schemaPath = options.schemaPath(rulesDirectory: dir)
            var schema: Linter.Schema?
            if let v = try? SchemaVocabulary.load(schemaPath) {
                schema = Linter.Schema(elements: v.elements, attributes: v.attributes, kindChildren: StructureCheck.kindChildren)
            } else {
                Terminal.stderr("verdict: warning: cannot read the schema \(schemaPath); XPath names are not checked\n")
            }
            var linter = Linter(program: program, schema: schema, templateNames: TemplateNames.find(in: dir))
            diagnostics = linter.run()
        }
        let renderer = DiagnosticRenderer(files: files, colour: Terminal.colour(fd: 1) && format == .text)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let notes = diagnostics.filter { $0.severity == .note }.count
        if format == .json {
            var w = JSONWriter(pretty: true)
            w.beginObject()
            w.beginArray("diagnostics")
            for d in diagnostics {
                let loc = renderer.location(d.span)
                w.beginObject()
                w.string("code", d.code.rawValue)
                w.string("severity", d.severity.rawValue)
                w.string("file", loc?.path)
                w.int("line", loc?.line)
                w.int("column", loc?.column)
                w.string("message", d.message)
                w.string("help", d.help)
                w.endObject()
            }
            w.endArray()
            w.beginObject("summary")
            w.int("errors", errors)
            w.int("warnings", warnings)
            w.int("notes", notes)
            w.endObject()
            w.endObject()
            print(w.out)
        } else {
            if !diagnostics.isEmpty { print(renderer.renderAll(diagnostics)) }
            print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), \(notes) note\(notes == 1 ? "" : "s")")
        }
        if errors > 0 { throw ExitCode(1) }
    }
}

/// Names that draft templates use: `{{name}}`, `{{#name}}`, `{{^name}}`, `{{name.field}}`.
enum TemplateNames {
    static func find(in rulesDir: String) -> Set<String> {
        let dir = (rulesDir as NSString).appendingPathComponent("templates")
        var names: Set<String> = []
        for f in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where f.hasSuffix(".mustache") {
            guard let text = try? String(contentsOfFile: (dir as NSString).appendingPathComponent(f), encoding: .utf8) else { continue }
            var rest = Substring(text)
            while let open = rest.range(of: "{{") {
                rest = rest[open.upperBound...]
                let tag = rest.prefix { $0 != "}" }
                let name = tag.drop { "#^/&{ ".contains($0) }.prefix { $0 != "." && $0 != " " }
                if !name.isEmpty { names.insert(String(name)) }
            }
        }
        return names
    }
}
