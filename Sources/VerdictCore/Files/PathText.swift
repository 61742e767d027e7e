/// The last component of a path and the path without it, as text (as NSString's
/// `lastPathComponent` and `deletingLastPathComponent` answer). Foundation on Linux traps on
/// both for a one-letter relative path (`r`, `r/`), which a user may well pass (`--rules r`);
/// these never trap.
public enum PathText {
    /// `a/b` → `b`; `b/` → `b`; `/` → `/`; `` → ``.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        if trimmed.isEmpty { return path.isEmpty ? "" : "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `a/b` → `a`; `/a` → `/`; `a` → ``; `./a` → `.`.
    public static func parent(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        if trimmed.isEmpty { return path.isEmpty ? "" : "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let head = withoutTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// `a` + `b` → `a/b`; `` + `b` → `b`; `a/` + `b` → `a/b`.
    public static func joined(_ path: String, _ component: String) -> String {
        if path.isEmpty { return component }
        return path.hasSuffix("/") ? path + component : path + "/" + component
    }

    static func withoutTrailingSlashes(_ path: String) -> String {
        var s = Substring(path)
        while s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}
