internal import CLibXML2

/// Reads XML bytes (a part of a workbook, or a dossier) into a `PlainElement` tree with
/// libxml2, as strictly as dossiers are read: no DOCTYPE, no entities, no network.
public enum PlainXML {
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// The root element, or the first problem libxml2 reported (located in `part`).
    public static func parse(_ bytes: [UInt8], part: String) throws -> PlainElement {
        _ = LibXML.initialised
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else {
            throw XMLProblem(file: part, line: nil, column: nil, message: bytes.isEmpty ? "the part is empty" : "the part is too large")
        }
        let collector = ErrorCollector()
        var doctype = 0
        let doc: xmlDocPtr? = collector.capture {
            bytes.withUnsafeBufferPointer { buf -> xmlDocPtr? in
                let raw = UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
                guard let ctxt = xmlCreateMemoryParserCtxt(raw, Int32(buf.count)) else { return nil }
                defer { xmlFreeParserCtxt(ctxt) }
                _ = xmlCtxtUseOptions(ctxt, options)
                verdict_forbid_doctype(ctxt)
                _ = xmlParseDocument(ctxt)
                doctype = Int(verdict_doctype_line(ctxt))
                let d = ctxt.pointee.myDoc
                ctxt.pointee.myDoc = nil
                if doctype > 0 || ctxt.pointee.wellFormed == 0 {
                    if let d { xmlFreeDoc(d) }
                    return nil
                }
                return d
            }
        }
        guard let doc, let root = xmlDocGetRootElement(doc) else {
            let p = collector.problems.first
            let message = doctype > 0 ? "a DOCTYPE is not accepted" : (p?.message ?? "not well-formed XML")
            throw XMLProblem(file: part, line: doctype > 0 ? doctype : p?.line, column: p?.column, message: message)
        }
        defer { xmlFreeDoc(doc) }
        return element(root)
    }

    /// The tree below a libxml2 element (also used for dossiers already loaded).
    static func element(_ node: xmlNodePtr) -> PlainElement {
        var out = PlainElement(string(node.pointee.name), line: Int(xmlGetLineNo(node)))
        var attr = node.pointee.properties
        while let a = attr {
            var value = ""
            var child = a.pointee.children
            while let c = child {
                if let content = c.pointee.content { value += String(cString: content) }
                child = c.pointee.next
            }
            let ns = a.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
            out.attributes.append(PlainElement.Attribute(string(a.pointee.name), value, namespace: ns))
            attr = a.pointee.next
        }
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE: out.children.append(element(c))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if out.children.isEmpty, let content = c.pointee.content { out.text += String(cString: content) }
            default: break
            }
            child = c.pointee.next
        }
        return out
    }

    static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }
}

extension DossierDocument {
    /// The whole dossier as plain values (for `verdict export`). A dossier's text is white
    /// space or refused, so elements carry no text here.
    public func plainTree() -> PlainElement? {
        rootElement.map { plain($0) }
    }

    private func plain(_ e: Int) -> PlainElement {
        var out = PlainElement(store.name(of: e), line: store.line(of: e))
        for a in store.allAttributes(of: e) {
            out.attributes.append(PlainElement.Attribute(a.name, a.value, namespace: a.namespace))
        }
        for c in store.children(of: e) { out.children.append(plain(c)) }
        return out
    }
}
