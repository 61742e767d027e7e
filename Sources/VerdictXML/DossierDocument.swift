internal import CLibXML2
import VerdictCore
#if canImport(Glibc)
import Glibc
#endif

/// A parsed dossier. Owns its libxml2 document and frees it in `deinit`.
public final class DossierDocument: FactSource {
    public let path: String
    let doc: xmlDocPtr
    let xpath: xmlXPathContextPtr
    let paths: CompiledPaths

    public static let maxFileBytes = 512 * 1024 * 1024

    init(path: String, doc: xmlDocPtr, paths: CompiledPaths) throws {
        self.path = path
        self.doc = doc
        self.paths = paths
        guard let ctx = xmlXPathNewContext(doc) else {
            xmlFreeDoc(doc)
            throw XMLProblem(file: path, line: nil, column: nil, message: "out of memory creating an XPath context")
        }
        self.xpath = ctx
    }

    deinit {
        xmlXPathFreeContext(xpath)
        xmlFreeDoc(doc)
    }

    var rootElement: xmlNodePtr? { xmlDocGetRootElement(doc) }

    public var root: FactNode { FactNode(raw: UInt(bitPattern: rootElement)) }

    static func pointer(_ n: FactNode) -> xmlNodePtr? { xmlNodePtr(bitPattern: n.raw) }

    public func select(_ pathId: Int, from context: FactNode) -> Result<[FactNode], FactError> {
        guard let comp = paths.compiled(pathId) else { return .failure(FactError("XPath not compiled")) }
        xpath.pointee.node = DossierDocument.pointer(context)
        let collector = ErrorCollector()
        let result = collector.capture { xmlXPathCompiledEval(comp, xpath) }
        guard let result else {
            return .failure(FactError(collector.problems.first?.message ?? "XPath evaluation failed"))
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            return .failure(FactError("XPath does not select elements"))
        }
        var out: [FactNode] = []
        if let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let tab = set.pointee.nodeTab {
            out.reserveCapacity(Int(set.pointee.nodeNr))
            for i in 0..<Int(set.pointee.nodeNr) {
                if let n = tab[i], n.pointee.type == XML_ELEMENT_NODE { out.append(FactNode(raw: UInt(bitPattern: n))) }
            }
        }
        return .success(out)
    }

    public func attribute(_ name: String, of node: FactNode) -> String? {
        guard let n = DossierDocument.pointer(node) else { return nil }
        return DossierDocument.attribute(name, of: n)
    }

    /// Reads an attribute without allocating through libxml2.
    static func attribute(_ name: String, of n: xmlNodePtr) -> String? {
        var attr = n.pointee.properties
        return name.withCString { cname -> String? in
            while let a = attr {
                if a.pointee.ns == nil, let an = a.pointee.name, strcmp(UnsafeRawPointer(an).assumingMemoryBound(to: CChar.self), cname) == 0 {
                    var value = ""
                    var child = a.pointee.children
                    while let c = child {
                        if let content = c.pointee.content { value += String(cString: content) }
                        child = c.pointee.next
                    }
                    return value
                }
                attr = a.pointee.next
            }
            return nil
        }
    }

    public func line(of node: FactNode) -> Int {
        guard let n = DossierDocument.pointer(node) else { return 0 }
        return Int(xmlGetLineNo(n))
    }

    public func elementName(of node: FactNode) -> String {
        guard let n = DossierDocument.pointer(node), let name = n.pointee.name else { return "?" }
        return String(cString: name)
    }

    public var kind: String { rootElement.flatMap { DossierDocument.attribute("kind", of: $0) } ?? "" }
    public var id: String { rootElement.flatMap { DossierDocument.attribute("id", of: $0) } ?? "" }
    public var asOfText: String? { rootElement.flatMap { DossierDocument.attribute("as-of", of: $0) } }
}

/// The program's XPath expressions, compiled once and shared read-only by every dossier.
/// `@unchecked Sendable`: `exprs` is filled by `compileAll` before the engine is shared and
/// only read afterwards; libxml2 evaluates a compiled expression with a per-call context,
/// which its documentation allows from several threads at once.
public final class CompiledPaths: @unchecked Sendable {
    var exprs: [xmlXPathCompExprPtr?] = []

    public init() { _ = LibXML.initialised }

    deinit { for e in exprs { if let e { xmlXPathFreeCompExpr(e) } } }

    /// Compiles every path of the program; returns the error message for each path that fails.
    public func compileAll(_ paths: [String]) -> [Int: String] {
        var errors: [Int: String] = [:]
        for e in exprs { if let e { xmlXPathFreeCompExpr(e) } }
        exprs = []
        for (i, p) in paths.enumerated() {
            let (comp, err) = CompiledPaths.compile(p)
            exprs.append(comp)
            if let err { errors[i] = err }
        }
        return errors
    }

    func compiled(_ i: Int) -> xmlXPathCompExprPtr? { i >= 0 && i < exprs.count ? exprs[i] : nil }

    static func compile(_ p: String) -> (xmlXPathCompExprPtr?, String?) {
        _ = LibXML.initialised
        let collector = ErrorCollector()
        let comp = collector.capture { p.withCString { xmlXPathCompile(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) } }
        if comp == nil { return (nil, collector.problems.first?.message ?? "does not compile") }
        return (comp, nil)
    }

    /// The checker's XPath validator: nil when the expression compiles.
    public static func validate(_ p: String) -> String? {
        let (comp, err) = compile(p)
        if let comp { xmlXPathFreeCompExpr(comp) }
        return err
    }
}
