/// `distinct b in xs by k` over elements that an index of elements found by the same key.
///
/// `counted-ballots(d)` keeps the first ballot of each register owner:
/// `distinct b in [b in d.ballots where b.owner in register] by b.owner`. The `in` test has kept,
/// for each ballot, the owner `register[b.owner]` found (`ItemMemoPlan`); `distinct` would read
/// each ballot's owner text again and hash it into a set. Two ballots have the same key exactly
/// when the index gives them the same element: an index keeps one element under each key text
/// (the first), and that element under no other key, since its key is a function of the
/// element alone. So where every item has its element kept, items are told apart by that
/// element: the same items, in the same order, without reading or hashing a text.
extension Resolver {
    /// The place number of a `distinct` whose key `k` reads only its binder; its meaning is
    /// matched with the index lookups once every expression is resolved (`distinctFoundKeys`).
    mutating func distinct(_ k: Expr, binder: Binder) -> Int {
        let site = distinctSites
        distinctSites += 1
        var slots: Set<Int> = []
        var globals: Set<Int> = []
        var text = ""
        if ItemMeaning.write(k, into: &text, slots: &slots, globals: &globals), slots == [binder.slot] {
            distinctKeyMeanings.append((site, text))
        }
        return site
    }

    /// For each `distinct` place, the memo keys of `m[k]` (written as `ItemMeaning` writes a
    /// lookup: `[](m,k)`) for every definition `m` that is an index of elements.
    func distinctFoundKeys() -> [[Int]] {
        var out = Array(repeating: [Int](), count: distinctSites)
        let indexes = program.globalIndex.filter { name, _ in
            if case .index(.node)? = program.types[name] { return true }
            return false
        }.values.sorted()
        for (site, meaning) in distinctKeyMeanings {
            out[site] = indexes.compactMap { memoKeys["[](g\($0),\(meaning))"] }
        }
        return out
    }
}
