/// Field values already read from dossier elements, by element and field name. Open
/// addressing with a multiplicative hash: hashing every read with the standard library's
/// SipHash cost more than the reads themselves (callgrind, docs/performance.md).
struct FieldCache {
    private var nodes: [UInt]
    private var names: [String]
    private var values: [Value]
    private var count = 0
    private var mask: Int

    init(capacity: Int = 256) {
        nodes = Array(repeating: 0, count: capacity)  // 0: empty (no element lives at address 0)
        names = Array(repeating: "", count: capacity)
        values = Array(repeating: .absent(""), count: capacity)
        mask = capacity - 1
    }

    private static func slot(_ node: UInt, _ name: String, _ mask: Int) -> Int {
        var h = UInt64(truncatingIfNeeded: node) >> 3
        let u = name.utf8
        h ^= UInt64(truncatingIfNeeded: u.count) << 48
        if let f = u.first { h ^= UInt64(f) << 56 }
        if let l = u.last { h ^= UInt64(l) << 40 }
        h = h &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> 17) & mask
    }

    func value(_ node: UInt, _ name: String) -> Value? {
        var i = FieldCache.slot(node, name, mask)
        while nodes[i] != 0 {
            if nodes[i] == node && names[i] == name { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    mutating func insert(_ node: UInt, _ name: String, _ value: Value) {
        if (count + 1) * 2 > nodes.count { grow() }
        var i = FieldCache.slot(node, name, mask)
        while nodes[i] != 0 {
            if nodes[i] == node && names[i] == name { values[i] = value; return }
            i = (i + 1) & mask
        }
        nodes[i] = node
        names[i] = name
        values[i] = value
        count += 1
    }

    private mutating func grow() {
        let old = (nodes, names, values)
        self = FieldCache(capacity: nodes.count * 2)
        for i in old.0.indices where old.0[i] != 0 { insert(old.0[i], old.1[i], old.2[i]) }
    }
}
