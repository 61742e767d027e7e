/// An XML element read into plain Swift values: what the spreadsheet code needs from a
/// workbook part or a dossier, without touching libxml2 itself.
public struct PlainElement: Sendable, Equatable {
    public struct Attribute: Sendable, Equatable {
        public var name: String
        /// The namespace URI of a prefixed attribute (`r:id`), nil for a plain one.
        public var namespace: String?
        public var value: String

        public init(_ name: String, _ value: String, namespace: String? = nil) {
            self.name = name
            self.value = value
            self.namespace = namespace
        }
    }

    /// The local name (no prefix).
    public var name: String
    public var attributes: [Attribute]
    public var children: [PlainElement]
    /// The element's own text (its text and CDATA children joined), before any child element.
    public var text: String
    /// The line of the start tag (0 when built in memory).
    public var line: Int

    public init(_ name: String, _ attributes: [Attribute] = [], children: [PlainElement] = [], text: String = "", line: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// The value of a plain (un-prefixed) attribute.
    public subscript(_ name: String) -> String? {
        attributes.first { $0.namespace == nil && $0.name == name }?.value
    }

    /// The value of a prefixed attribute by its local name, whatever its namespace (`r:id`).
    public func namespaced(_ name: String) -> String? {
        attributes.first { $0.namespace != nil && $0.name == name }?.value
    }

    public func first(_ name: String) -> PlainElement? { children.first { $0.name == name } }

    public func all(_ name: String) -> [PlainElement] { children.filter { $0.name == name } }

    /// Adds or replaces a plain attribute; nil or empty values are left out.
    public mutating func set(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        if let i = attributes.firstIndex(where: { $0.namespace == nil && $0.name == name }) {
            attributes[i].value = value
        } else {
            attributes.append(Attribute(name, value))
        }
    }
}
