internal import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Reading libxml2 trees (the schema, workbook parts; dossiers are read into a `FactStore`).
enum TreeNodes {
    /// Reads an attribute in no namespace without allocating through libxml2.
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

    static func elements(_ n: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var c = n.pointee.children
        while let x = c {
            if x.pointee.type == XML_ELEMENT_NODE { out.append(x) }
            c = x.pointee.next
        }
        return out
    }

    static func elementName(_ n: xmlNodePtr) -> String {
        n.pointee.name.map { String(cString: $0) } ?? ""
    }
}
