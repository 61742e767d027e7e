import Foundation
import Ink
import Mustache
import VerdictCore

/// `verdict draft DOCUMENT DOSSIER`: fills `rules/templates/DOCUMENT.md.mustache` with the
/// dossier's names, computed dates and citations. The rule library says when a draft is
/// lawful: the definition `DOCUMENT-allowed` must be true, else `DOCUMENT-refusal` is the reason
/// (in Chinese, then English). A draft is refused both before its step is lawful and once the
/// document already exists or can no longer do its job (a notice served, a contract ended).
public enum Draft {
    public enum Outcome {
        case markdown(String)
        case refused(String)
        case failed(String)
    }

    public static func available(in templates: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: templates)) ?? []
        return files.filter { $0.hasSuffix(".md.mustache") }.map { String($0.dropLast(".md.mustache".count)) }.sorted()
    }

    public static func render(_ document: String, templates: String, interpreter: Interpreter) -> Outcome {
        let path = (templates as NSString).appendingPathComponent("\(document).md.mustache")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            let names = available(in: templates)
            return .failed("unknown document `\(document)`; documents: \(names.joined(separator: ", "))")
        }
        let program = interpreter.program
        if program.lets["\(document)-allowed"] != nil {
            switch interpreter.value(of: "\(document)-allowed") {
            case .boolean(true): break
            case .boolean(false):
                let reason: String
                if case .text(let r) = interpreter.value(of: "\(document)-refusal") { reason = r } else { reason = "卷宗显示此步骤尚不合法。The dossier shows this step is not lawful now." }
                return .refused(reason)
            case .unknown(let r): return .refused("无法判断是否可以出具：\(r)。Cannot tell whether the draft is lawful.")
            default: return .refused("无法判断是否可以出具。Cannot tell whether the draft is lawful.")
            }
        }
        do {
            let template = try MustacheTemplate(string: text)
            return .markdown(template.render(DraftContext(interpreter: interpreter)))
        } catch {
            return .failed("\(path): the template does not parse: \(error)")
        }
    }

    /// Markdown to a self-contained, printable HTML page.
    public static func html(fromMarkdown md: String, title: String) -> String {
        let body = MarkdownParser().html(from: md)
        return """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>\(HTMLReport.escape(title))</title>
        <style>body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:46em;margin:2em auto;line-height:1.8;font-size:16px;color:#111}
        h1{text-align:center;font-size:1.6em}table{border-collapse:collapse}td,th{border:1px solid #888;padding:.3em .6em}
        blockquote{border-left:3px solid #999;margin-left:0;padding-left:1em;color:#333}@media print{body{margin:0}}</style>
        </head><body>
        \(body)
        </body></html>

        """
    }
}
