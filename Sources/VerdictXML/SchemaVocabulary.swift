internal import CLibXML2
import VerdictCore

/// The element and attribute names the dossier schema declares, read from the XSD with
/// libxml2 (for `verdict lint`: XPath and shape fields that name what no dossier can have).
public struct SchemaVocabulary: Sendable {
    /// Element name → the attribute names it may carry (union over its declarations).
    public private(set) var attributes: [String: Set<String>] = [:]
    /// Element name → the element names it may contain.
    public private(set) var children: [String: Set<String>] = [:]
    /// Attribute name → the schema's simple type names it has (`date`, `decimal`, `vote` …).
    public private(set) var attributeTypes: [String: Set<String>] = [:]

    public var elements: Set<String> { Set(attributes.keys) }

    public static func load(_ path: String) throws -> SchemaVocabulary {
        _ = LibXML.initialised
        let bytes = try FileBytes.read(path, limit: 16 * 1024 * 1024)
        let collector = ErrorCollector()
        let doc: xmlDocPtr? = collector.capture {
            bytes.withUnsafeBufferPointer { buf in
                guard let base = buf.baseAddress else { return nil }
                return xmlReadMemory(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buf.count), path,
                                     nil, Int32(XML_PARSE_NONET.rawValue))
            }
        }
        guard let doc, let root = xmlDocGetRootElement(doc) else {
            throw XMLProblem(file: path, line: collector.problems.first?.line, column: nil, message: "the schema does not parse")
        }
        defer { xmlFreeDoc(doc) }
        var v = SchemaVocabulary()
        var groups: [String: [String]] = [:]
        for g in TreeNodes.elements(root) where local(g) == "attributeGroup" {
            if let n = TreeNodes.attribute("name", of: g) { groups[n] = attributeNames(g, groups: [:]) }
        }
        v.walk(root, parent: nil, groups: groups)
        for a in TreeNodes.elements(root) { v.collectTypes(a) }
        return v
    }

    static func local(_ n: xmlNodePtr) -> String { TreeNodes.elementName(n) }

    static func attributeNames(_ n: xmlNodePtr, groups: [String: [String]]) -> [String] {
        var out: [String] = []
        for c in TreeNodes.elements(n) {
            switch local(c) {
            case "attribute": if let a = TreeNodes.attribute("name", of: c) { out.append(a) }
            case "attributeGroup": if let r = TreeNodes.attribute("ref", of: c) { out += groups[r] ?? [] }
            case "element": continue
            default: out += attributeNames(c, groups: groups)
            }
        }
        return out
    }

    mutating func collectTypes(_ n: xmlNodePtr) {
        if SchemaVocabulary.local(n) == "attribute", let name = TreeNodes.attribute("name", of: n),
           let type = TreeNodes.attribute("type", of: n) {
            attributeTypes[name, default: []].insert(type)
        }
        for c in TreeNodes.elements(n) { collectTypes(c) }
    }

    mutating func walk(_ n: xmlNodePtr, parent: String?, groups: [String: [String]]) {
        for c in TreeNodes.elements(n) {
            if SchemaVocabulary.local(c) == "element", let name = TreeNodes.attribute("name", of: c) {
                attributes[name, default: []].formUnion(SchemaVocabulary.attributeNames(c, groups: groups))
                if let parent { children[parent, default: []].insert(name) }
                walk(c, parent: name, groups: groups)
            } else {
                walk(c, parent: parent, groups: groups)
            }
        }
    }
}
