import Testing
@testable import VerdictCore

/// An index keeps elements of one shape by number and anything else as values; both answer
/// lookups alike, and the first item of a key stays.
@Suite("Index values")
struct TextIndexTests {
    static func build(_ items: [(Value, String?)]) -> TextIndex {
        var b = TextIndex.Builder(for: items.map(\.0))
        for (item, key) in items { if let key { b.add(item, key: key) } }
        return b.done()
    }

    static func show(_ v: Value?) -> String {
        switch v {
        case .node(let n, let shape)?: return "\(shape)#\(n.raw)"
        case .text(let t)?: return "text \(t)"
        case nil: return "nil"
        default: return "other"
        }
    }

    @Test func elementsOfOneShapeAndMixedItemsAnswerAlike() {
        let owners: [(Value, String?)] = [
            (.node(FactNode(raw: 7), shape: "owner"), "o1"),
            (.node(FactNode(raw: 9), shape: "owner"), "o2"),
            (.node(FactNode(raw: 11), shape: "owner"), "o1"),       // a repeated key: the first stays
            (.node(FactNode(raw: 13), shape: "owner"), nil),        // no text key: left out
            (.node(FactNode(raw: 15), shape: "owner"), "e\u{301}"),  // the same text as é
        ]
        let byNumber = Self.build(owners)
        // One item of another shape: every item is kept as a value, with the same answers.
        let mixed = Self.build(owners + [(.node(FactNode(raw: 20), shape: "ballot"), "b1")])
        let texts = Self.build(owners + [(.text("x"), "t")])
        for index in [byNumber, mixed, texts] {
            #expect(Self.show(index["o1"]) == "owner#7")
            #expect(Self.show(index["o2"]) == "owner#9")
            #expect(Self.show(index["\u{E9}"]) == "owner#15")
            #expect(index["o3"] == nil)
        }
        #expect(byNumber.count == 3)
        #expect(Self.show(mixed["b1"]) == "ballot#20" && mixed.count == 4)
        #expect(Self.show(texts["t"]) == "text x" && texts.count == 4)
        // An element number past 32 bits is kept as a value.
        let far = Self.build([(.node(FactNode(raw: UInt(UInt32.max) + 5), shape: "owner"), "o9")])
        #expect(Self.show(far["o9"]) == "owner#\(UInt(UInt32.max) + 5)")
    }
}
