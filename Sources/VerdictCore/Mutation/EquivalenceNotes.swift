/// `# mutation: equivalent — reason` comments: the rule writer's word that the mutants of a
/// line cannot change any finding. A comment after code marks its own line; a comment on a
/// line of its own marks the next line that is not a comment.
struct EquivalenceNotes {
    /// (file index, 1-based line) → reason.
    private(set) var reasons: [Pair: String] = [:]

    struct Pair: Hashable {
        let file: Int
        let line: Int
    }

    static let marker = "mutation:"

    init(files: [SourceFile]) {
        for (i, file) in files.enumerated() {
            var lexer = Lexer(file: file, fileIndex: i)
            _ = lexer.tokenize()
            for c in lexer.comments {
                guard let reason = EquivalenceNotes.reason(in: c.text) else { continue }
                let (line, _) = file.location(of: c.span.start)
                var target = line
                if EquivalenceNotes.isBlank(file.lineText(line), before: c.span.start - EquivalenceNotes.lineStart(file, c.span.start)) {
                    target = line + 1
                    while EquivalenceNotes.isCommentOnly(file.lineText(target)) { target += 1 }
                }
                reasons[Pair(file: i, line: target)] = reason
            }
        }
    }

    func reason(file: Int, line: Int) -> String? { reasons[Pair(file: file, line: line)] }

    /// The reason of `# mutation: equivalent — REASON` (or `: REASON`, `- REASON`); nil for other comments.
    static func reason(in comment: String) -> String? {
        var t = Substring(comment.drop { $0 == "#" }).drop { $0 == " " }
        guard t.hasPrefix(marker) else { return nil }
        t = t.dropFirst(marker.count).drop { $0 == " " }
        guard t.hasPrefix("equivalent") else { return nil }
        let reason = t.dropFirst("equivalent".count).drop { " —–-:：".contains($0) }
        return reason.isEmpty ? "(no reason given)" : String(reason)
    }

    static func lineStart(_ file: SourceFile, _ offset: Int) -> Int {
        var i = offset
        while i > 0, file.bytes[i - 1] != 10 { i -= 1 }
        return i
    }

    static func isBlank(_ line: String, before byteColumn: Int) -> Bool {
        Array(line.utf8).prefix(byteColumn).allSatisfy { $0 == 32 || $0 == 9 }
    }

    static func isCommentOnly(_ line: String) -> Bool {
        let t = line.drop { $0 == " " || $0 == "\t" }
        return t.hasPrefix("#")
    }
}
