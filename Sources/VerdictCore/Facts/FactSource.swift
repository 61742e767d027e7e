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
}

public struct FactError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
