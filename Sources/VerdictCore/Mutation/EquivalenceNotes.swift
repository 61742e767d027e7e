import Foundation

/// `# mutation: equivalent — reason` comments: the rule writer's word that the mutants of a
/// line cannot change any finding. A comment after code marks its own line; a comment on a
/// line of its own marks the next line that is not a comment. Edits named in backticks
/// right after `equivalent` (`` `5` → `4`, `11` → `12` ``) limit the mark to those mutants.
struct EquivalenceNotes {
    struct Note {
        let reason: String
        /// (original, mutated) texts; empty: every mutant of the line.
        let edits: [(String, String)]

        func covers(_ original: String, _ replacement: String) -> Bool {
            let o = original.trimmingCharacters(in: .whitespacesAndNewlines)
            return edits.isEmpty || edits.contains { $0.0 == o && $0.1 == replacement }
        }
    }

    /// (file index, 1-based line) → the note.
    private(set) var notes: [Pair: Note] = [:]

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
                guard let note = EquivalenceNotes.note(in: c.text) else { continue }
                let (line, _) = file.location(of: c.span.start)
                var target = line
                if EquivalenceNotes.isBlank(file.lineText(line), before: c.span.start - EquivalenceNotes.lineStart(file, c.span.start)) {
                    target = line + 1
                    while EquivalenceNotes.isCommentOnly(file.lineText(target)) { target += 1 }
                }
                notes[Pair(file: i, line: target)] = note
            }
        }
    }

    /// The reason a mutant is marked equivalent, if its line is marked and the mark covers its edit.
    func reason(file: Int, line: Int, original: String, replacement: String) -> String? {
        guard let n = notes[Pair(file: file, line: line)], n.covers(original, replacement) else { return nil }
        return n.reason
    }

    /// `# mutation: equivalent [`A` → `B`, …] — REASON` (or `: REASON`, `- REASON`); nil for other comments.
    static func note(in comment: String) -> Note? {
        var t = Substring(comment.drop { $0 == "#" }).drop { $0 == " " }
        guard t.hasPrefix(marker) else { return nil }
        t = t.dropFirst(marker.count).drop { $0 == " " }
        guard t.hasPrefix("equivalent") else { return nil }
        t = t.dropFirst("equivalent".count).drop { $0 == " " }
        var edits: [(String, String)] = []
        while let (a, rest) = quoted(t) {
            let arrow = rest.drop { $0 == " " }
            let afterArrow = arrow.hasPrefix("→") ? arrow.dropFirst() : arrow.hasPrefix("->") ? arrow.dropFirst(2) : nil
            guard let afterArrow, let (b, more) = quoted(afterArrow.drop { $0 == " " }) else { break }
            edits.append((a, b))
            t = more.drop { $0 == " " || $0 == "," || $0 == "，" }
        }
        let reason = t.drop { " —–-:：".contains($0) }
        return Note(reason: reason.isEmpty ? "(no reason given)" : String(reason), edits: edits)
    }

    /// A backquoted text at the start of `t` and what follows it.
    static func quoted(_ t: Substring) -> (String, Substring)? {
        guard t.first == "`", let close = t.dropFirst().firstIndex(of: "`") else { return nil }
        return (String(t[t.index(after: t.startIndex)..<close]), t[t.index(after: close)...])
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
