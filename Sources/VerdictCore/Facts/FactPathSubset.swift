/// The part of XPath 1.0 that fact paths may use, so that a dossier's facts are read from
/// its elements in one pass (Grammar.md, "Fact paths"). The XML reader checks paths against
/// it; the checker words the diagnostic.
public enum FactPathSubset {
    /// How the reader's message for a path outside the subset begins.
    public static let outside = "outside the paths facts are read with"
    public static let help = "a path names child elements step by step: \"/dossier/community/owner\" from the root, \"ballot\" below the element being read, or such paths joined with `|`; no `//`, `*`, `@`, `.`, `..`, axes, predicates or functions"
}
