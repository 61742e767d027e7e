/// Renders diagnostics as `file:line:column: error[V0301]: message`, the source line,
/// a caret under the span (wide characters counted as two columns), and help.
public struct DiagnosticRenderer {
    public var files: [SourceFile]
    public var colour: Bool

    public init(files: [SourceFile], colour: Bool = false) {
        self.files = files
        self.colour = colour
    }

    public func render(_ d: Diagnostic) -> String {
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        guard d.span.file >= 0, d.span.file < files.count else {
            var out = "\(paint(d.severity.rawValue, d.severity == .error ? "1;31" : "1;33"))[\(d.code.rawValue)]: \(d.message)\n"
            if let h = d.help { out += "  = help: \(h)\n" }
            return out
        }
        let file = files[d.span.file]
        let (line, column) = file.location(of: d.span.start)
        var text = file.lineText(line)
        // A very long line is shown as a window around the caret.
        var column0 = column
        if text.count > 160 {
            let from = max(0, column - 60)
            let window = text.dropFirst(from).prefix(120)
            text = (from > 0 ? "…" : "") + window + (text.count > from + 120 ? "…" : "")
            column0 = column - from + (from > 0 ? 1 : 0)
        }
        let sev = paint(d.severity.rawValue, d.severity == .error ? "1;31" : "1;33")
        var out = "\(file.path):\(line):\(column): \(sev)[\(d.code.rawValue)]: \(d.message)\n"
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        out += "\(pad) |\n"
        out += "\(gutter) | \(text.replacingTabs())\n"
        let prefix = String(text.prefix(max(0, column0 - 1)))
        let (endLine, endColumn) = file.location(of: d.span.end)
        let spanChars: String
        if endLine == line, endColumn > column {
            spanChars = String(text.dropFirst(column0 - 1).prefix(min(endColumn - column, 120)))
        } else {
            spanChars = String(text.dropFirst(column0 - 1).prefix(1))
        }
        let caretCount = max(1, DisplayWidth.of(spanChars))
        out += "\(pad) | \(String(repeating: " ", count: DisplayWidth.of(prefix.replacingTabs())))\(paint(String(repeating: "^", count: caretCount), "1;31"))\n"
        for n in d.notes { out += "\(pad) = note: \(n)\n" }
        if let h = d.help { out += "\(pad) = help: \(h)\n" }
        return out
    }

    /// Every diagnostic, but at most `perFile` for one file (then a count of the rest).
    public func renderAll(_ ds: [Diagnostic], perFile: Int = 50) -> String {
        var shown: [Int: Int] = [:]
        var hidden: [Int: Int] = [:]
        var out: [String] = []
        for d in ds {
            let n = shown[d.span.file, default: 0]
            if n >= perFile { hidden[d.span.file, default: 0] += 1; continue }
            shown[d.span.file] = n + 1
            out.append(render(d))
        }
        for (f, n) in hidden.sorted(by: { $0.key < $1.key }) {
            let name = f >= 0 && f < files.count ? files[f].path : "(no file)"
            out.append("\(name): … and \(n) more diagnostic\(n == 1 ? "" : "s") not shown\n")
        }
        return out.joined(separator: "\n")
    }

    /// Plain `file:line:column` of a span, for reports and tests.
    public func location(_ span: Span) -> (path: String, line: Int, column: Int)? {
        guard span.file >= 0, span.file < files.count else { return nil }
        let (l, c) = files[span.file].location(of: span.start)
        return (files[span.file].path, l, c)
    }
}

/// Terminal display width: East Asian wide and full-width characters take two columns.
enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        var w = 0
        for scalar in s.unicodeScalars { w += width(scalar) }
        return w
    }

    public static func width(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v == 0 { return 0 }
        if u.properties.generalCategory == .nonspacingMark || u.properties.generalCategory == .enclosingMark { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            || (0x1F300...0x1F64F).contains(v) {
            return 2
        }
        return 1
    }

    /// Pads `s` with spaces to `width` display columns.
    public static func pad(_ s: String, to width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - of(s)))
    }
}

extension String {
    func replacingTabs() -> String { replacingOccurrences(of: "\t", with: "    ") }
}

/// "did you mean `x`": the closest candidate within a small edit distance.
public enum FuzzyMatch {
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let a = Array(name)
        var best: (String, Int)?
        for c in candidates {
            let d = distance(a, Array(c))
            let limit = max(1, min(3, a.count / 3 + 1))
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > 3 { return 99 }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
