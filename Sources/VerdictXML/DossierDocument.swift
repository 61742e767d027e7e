import VerdictCore

/// A read dossier: its elements as the parser passed them (`FactStore`), no libxml2 tree.
public final class DossierDocument: FactSource {
    public let path: String
    let store: FactStore
    let paths: CompiledPaths

    public static let maxFileBytes = 512 * 1024 * 1024

    init(path: String, store: FactStore, paths: CompiledPaths) {
        self.path = path
        self.store = store
        self.paths = paths
    }

    /// The root element's number, if the dossier has one.
    var rootElement: Int? { store.elements.isEmpty ? nil : 0 }

    public var root: FactNode { FactNode(raw: 0) }

    static func index(_ n: FactNode) -> Int { n.raw <= UInt(Int.max) ? Int(n.raw) : -1 }

    public func select(_ pathId: Int, from context: FactNode) -> Result<[FactNode], FactError> {
        guard let path = paths.compiled(pathId) else { return .failure(FactError("XPath not compiled")) }
        return .success(path.select(in: store, from: DossierDocument.index(context)).map { FactNode(raw: UInt($0)) })
    }

    public func attribute(_ name: String, of node: FactNode) -> String? {
        store.attribute(name, of: DossierDocument.index(node))
    }

    public func attributeKey(_ name: String) -> AttributeKey {
        store.nameId(name).map { .interned($0) } ?? .nowhere
    }

    public func attribute(_ key: AttributeKey, of node: FactNode) -> String? {
        switch key {
        case .interned(let id): return store.attribute(id, of: DossierDocument.index(node))
        case .nowhere: return nil
        case .byName(let name): return store.attribute(name, of: DossierDocument.index(node))
        }
    }

    public func shortDecimal(_ key: AttributeKey, of node: FactNode) -> (value: Rational, scale: Int)? {
        // A key by name (not one this document gives out) is read as text by the caller.
        guard case .interned(let id) = key else { return nil }
        return store.shortDecimal(id, of: DossierDocument.index(node))
    }

    public func line(of node: FactNode) -> Int { store.line(of: DossierDocument.index(node)) }

    /// An element's `FactNode.raw` is its index in the fact store.
    public var elementCount: Int { store.elements.count }

    public func elementName(of node: FactNode) -> String {
        let i = DossierDocument.index(node)
        return i >= 0 && i < store.elements.count ? store.name(of: i) : "?"
    }

    public var kind: String { rootElement.flatMap { store.attribute("kind", of: $0) } ?? "" }
    public var id: String { rootElement.flatMap { store.attribute("id", of: $0) } ?? "" }
    public var asOfText: String? { rootElement.flatMap { store.attribute("as-of", of: $0) } }
}
