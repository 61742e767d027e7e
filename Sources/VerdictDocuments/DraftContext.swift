import Mustache
import VerdictCore

/// What a draft template can name: every definition, parameter and fact of the rule
/// library (`{{dismissal-notice-period}}`, `{{contract.firm}}`), evaluated on demand for
/// one dossier; `law.ARTICLE.p1` for an article's paragraph text; `as-of`.
public struct DraftContext: MustacheParent {
    let interpreter: Interpreter

    public init(interpreter: Interpreter) { self.interpreter = interpreter }

    public func child(named name: String) -> Any? {
        if name == "law" { return LawContext(program: interpreter.program) }
        if name == "as-of" { return interpreter.asOf.description }
        let p = interpreter.program
        guard p.lets[name].map({ $0.params.isEmpty }) == true || p.params[name] != nil || p.facts[name] != nil else { return nil }
        return DraftContext.convert(interpreter.value(of: name), interpreter)
    }

    /// Mustache-friendly: text for scalars, contexts for elements, arrays for lists;
    /// absent and unknown are nil (a section over them renders its inverted part).
    static func convert(_ v: Value, _ i: Interpreter) -> Any? {
        switch v {
        case .absent, .unknown: return nil
        case .boolean(let b): return b
        case .list(let xs): return xs.compactMap { convert($0, i) }
        case .node(let n, let shape): return NodeContext(node: n, shape: shape, interpreter: i)
        default: return Display.text(v, i.source)
        }
    }
}

struct NodeContext: MustacheParent, CustomStringConvertible {
    let node: FactNode
    let shape: String
    let interpreter: Interpreter

    func child(named name: String) -> Any? {
        DraftContext.convert(interpreter.field(of: node, shape: shape, name), interpreter)
    }

    var description: String { interpreter.source.attribute("id", of: node) ?? shape }
}

struct LawContext: MustacheParent {
    let program: Program

    /// Mustache names are ASCII: `law.cc946` is 民法典 Art. 946; other articles by their id.
    func child(named name: String) -> Any? {
        var id = name
        if name.hasPrefix("cc"), Int(name.dropFirst(2)) != nil { id = "民法典-" + name.dropFirst(2) }
        guard let a = program.articles[id] else { return nil }
        return ArticleContext(article: a, program: program)
    }
}

struct ArticleContext: MustacheParent {
    let article: ArticleDecl
    let program: Program

    func child(named name: String) -> Any? {
        switch name {
        case "title": return article.title
        case "text": return article.parts.map(\.text).joined(separator: "\n")
        default:
            if name.hasPrefix("p"), let n = Int(name.dropFirst()) {
                return article.parts.first { $0.part == .paragraph(n) }?.text
            }
            return article.parts.first { $0.part == .section(name) }?.text
        }
    }
}
