internal import CLibXML2
import VerdictCore

/// A fact's path in the subset facts are read with (`FactPathSubset`): child steps by name,
/// from the root (`/dossier/community/owner`) or from the element being read (`ballot`),
/// and unions of such paths.
struct FactPath: Equatable {
    struct Branch: Equatable {
        var absolute: Bool
        var steps: [String]
    }
    var branches: [Branch]

    /// The path, or why it is outside the subset.
    static func parse(_ p: String) -> Result<FactPath, FactError> {
        var branches: [Branch] = []
        for part in p.split(separator: "|", omittingEmptySubsequences: false) {
            var text = Substring(trimmed(part))
            let absolute = text.hasPrefix("/")
            if absolute { text = text.dropFirst() }
            var steps: [String] = []
            for step in text.split(separator: "/", omittingEmptySubsequences: false) {
                let name = trimmed(step)
                guard isName(name) else {
                    let shown = name.isEmpty ? (text.isEmpty ? "/" : "//") : name
                    return .failure(FactError("\(FactPathSubset.outside): `\(shown)` is not the name of a child element"))
                }
                steps.append(name)
            }
            branches.append(Branch(absolute: absolute, steps: steps))
        }
        return .success(FactPath(branches: branches))
    }

    static func trimmed<S: StringProtocol>(_ s: S) -> String {
        var t = Substring(s)
        while let f = t.first, f == " " || f == "\t" || f == "\n" || f == "\r" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" || l == "\n" || l == "\r" { t = t.dropLast() }
        return String(t)
    }

    /// An XML name without a prefix (NCName), as a name test matches it.
    static func isName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        func letter(_ c: Unicode.Scalar) -> Bool {
            c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c.value >= 0xC0
        }
        guard letter(first) else { return false }
        return s.unicodeScalars.allSatisfy { letter($0) || $0 == "-" || $0 == "." || ($0 >= "0" && $0 <= "9") || $0 == "\u{B7}" }
    }

    /// The elements selected from `context`, in document order without repeats.
    func select(in store: FactStore, from context: Int) -> [Int] {
        var all: [Int] = []
        for b in branches {
            var current: [Int]
            var steps = b.steps[...]
            if b.absolute {
                // From the document: its one child element is the root.
                guard let first = steps.first, !store.elements.isEmpty, matches(store, 0, first) else { continue }
                current = [0]
                steps = steps.dropFirst()
            } else {
                guard context >= 0 && context < store.elements.count else { continue }
                current = [context]
            }
            for step in steps {
                guard let id = store.nameId(step) else { current = []; break }
                var next: [Int] = []
                for e in current {
                    var c = Int(store.elements[e].firstChild)
                    while c >= 0 {
                        let el = store.elements[c]
                        if el.name == id && !el.namespaced { next.append(c) }
                        c = Int(el.nextSibling)
                    }
                }
                current = next
            }
            all += current
        }
        // Elements are numbered in document order; a union is a set in that order.
        if branches.count > 1 { all = Array(Set(all)).sorted() }
        return all
    }

    private func matches(_ store: FactStore, _ e: Int, _ name: String) -> Bool {
        !store.elements[e].namespaced && store.name(of: e) == name
    }
}

/// The program's fact paths, checked once and shared read-only by every dossier.
/// `@unchecked Sendable`: `paths` is filled by `compileAll` before the engine is shared and
/// only read afterwards (the values are immutable structs).
public final class CompiledPaths: @unchecked Sendable {
    var paths: [FactPath?] = []

    public init() { _ = LibXML.initialised }

    /// Checks every path of the program; returns the error message for each path that fails.
    public func compileAll(_ all: [String]) -> [Int: String] {
        var errors: [Int: String] = [:]
        paths = []
        for (i, p) in all.enumerated() {
            switch CompiledPaths.compile(p) {
            case .success(let path): paths.append(path)
            case .failure(let e):
                paths.append(nil)
                errors[i] = e.message
            }
        }
        return errors
    }

    func compiled(_ i: Int) -> FactPath? { i >= 0 && i < paths.count ? paths[i] : nil }

    /// XPath 1.0 first (libxml2's message for what is not XPath at all), then the subset.
    static func compile(_ p: String) -> Result<FactPath, FactError> {
        _ = LibXML.initialised
        let collector = ErrorCollector()
        let comp = collector.capture { p.withCString { xmlXPathCompile(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) } }
        guard let comp else { return .failure(FactError(collector.problems.first?.message ?? "does not compile")) }
        xmlXPathFreeCompExpr(comp)
        return FactPath.parse(p)
    }

    /// The checker's path validator: nil when the path is in the subset facts are read with.
    public static func validate(_ p: String) -> String? {
        if case .failure(let e) = compile(p) { return e.message }
        return nil
    }
}
