/// An element of a dossier, opaque to the interpreter.
public struct FactNode: Hashable, Sendable {
    public let raw: UInt
    public init(raw: UInt) { self.raw = raw }
}

/// What the interpreter needs from a dossier. The XML module implements it with
/// libxml2; tests can implement it without XML.
public protocol FactSource: AnyObject {
    /// The dossier's file path, for messages.
    var path: String { get }
    var root: FactNode { get }
    /// Evaluates the program's XPath number `pathId` with `context` as the context node.
    func select(_ pathId: Int, from context: FactNode) -> Result<[FactNode], FactError>
    func attribute(_ name: String, of node: FactNode) -> String?
    func line(of node: FactNode) -> Int
    func elementName(of node: FactNode) -> String
    /// An attribute name looked up once per dossier, so that reading it from each element
    /// does not look the name up again (the interpreter keeps one per field it reads).
    func attributeKey(_ name: String) -> AttributeKey
    func attribute(_ key: AttributeKey, of node: FactNode) -> String?
    /// The attribute read as a plain decimal of at most 18 bytes (`Rational.parseShortDecimal`),
    /// without making a `String` of it; nil when it is absent, not such a decimal, or the source
    /// keeps no bytes to read it from (the caller then reads the text, which gives the same value
    /// or says why there is none).
    func shortDecimal(_ key: AttributeKey, of node: FactNode) -> (value: Rational, scale: Int)?
    /// How many elements the source numbers 0..<count by their `FactNode.raw`: what lets the
    /// interpreter keep a value per element in an array (`ItemMemo`). 0 for a source whose
    /// nodes are not so numbered (then nothing is kept).
    var elementCount: Int { get }
}

/// An attribute name as a dossier knows it.
public enum AttributeKey: Sendable {
    /// The dossier's own number for the name.
    case interned(Int32)
    /// No element of the dossier has an attribute of this name.
    case nowhere
    /// Looked up by name at each read (sources that do not number their names).
    case byName(String)
}

extension FactSource {
    public func attributeKey(_ name: String) -> AttributeKey { .byName(name) }

    public func attribute(_ key: AttributeKey, of node: FactNode) -> String? {
        if case .byName(let name) = key { return attribute(name, of: node) }
        return nil
    }

    /// A source without the attribute's bytes leaves the reading to the text.
    public func shortDecimal(_ key: AttributeKey, of node: FactNode) -> (value: Rational, scale: Int)? { nil }

    public var elementCount: Int { 0 }
}

public struct FactError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
