/// The value of `index x in xs by key`: each key text to the first item that has it.
///
/// An index whose items are all elements of one shape (a register of owners) keeps each
/// element's number, 4 bytes, where a general one keeps a 32-byte `Value`: a lookup reads its
/// answer from a table a seventh of the size, which on a 200,000-owner register stays in
/// cache far more often (each ballot looks its owner up), and the register takes about 5 MB
/// less. Both answer every lookup alike: `.node(element, shape)` for an element.
public final class TextIndex: Sendable {
    private let elements: [String: UInt32]
    private let shape: String
    private let values: [String: Value]

    private init(elements: [String: UInt32], shape: String, values: [String: Value]) {
        (self.elements, self.shape, self.values) = (elements, shape, values)
    }

    /// The first item with this key.
    public subscript(key: String) -> Value? {
        if let n = elements[key] { return .node(FactNode(raw: UInt(n)), shape: shape) }
        return values[key]
    }

    /// How many keys.
    public var count: Int { elements.count + values.count }

    /// Builds an index over `items`, each added with its key in order (the first of a key stays).
    struct Builder {
        private var elements: [String: UInt32] = [:]
        private var values: [String: Value] = [:]
        private var shape: String?

        init(for items: [Value]) {
            var first: String?
            let oneShape = items.allSatisfy { item in
                guard case .node(let node, let s) = item, node.raw < UInt(UInt32.max) else { return false }
                if first == nil { first = s }
                return s == first
            }
            if oneShape, let first {
                shape = first
                elements.reserveCapacity(items.count)
            } else {
                values.reserveCapacity(items.count)
            }
        }

        /// `item` under `key`, unless an earlier item has that key. An item of the index's
        /// items: an element of its one shape when the index keeps elements.
        mutating func add(_ item: Value, key: String) {
            if shape != nil, case .node(let node, _) = item {
                if elements[key] == nil { elements[key] = UInt32(truncatingIfNeeded: node.raw) }
            } else if values[key] == nil {
                values[key] = item
            }
        }

        func done() -> TextIndex { TextIndex(elements: elements, shape: shape ?? "", values: values) }
    }
}
