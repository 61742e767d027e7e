import VerdictXML
/// A dossier back to a workbook in the layout of its kind (`verdict export`).
public enum WorkbookExport {
    public enum Failure: Error, CustomStringConvertible {
        case unknownKind(String)
        public var description: String {
            switch self { case .unknownKind(let k): return "unknown dossier kind `\(k)`" }
        }
    }

    public static func draft(_ dossier: PlainElement) throws -> WorkbookDraft {
        let kind = dossier["kind"] ?? ""
        guard let layout = WorkbookLayout.of(kind: kind) else { throw Failure.unknownKind(kind) }
        var draft = WorkbookDraft()
        draft.sheets.append(LayoutSheets.form(layout) { f in
            formElement(f.element, in: dossier)?[f.attribute]
        })
        for t in layout.tables {
            draft.sheets.append(LayoutSheets.table(t, rows: rows(t, dossier)))
        }
        return draft
    }

    public static func write(_ dossier: PlainElement, to path: String) throws {
        try XLSXWriter.write(try draft(dossier), to: path)
    }

    static func formElement(_ name: String, in dossier: PlainElement) -> PlainElement? {
        switch name {
        case "dossier": return dossier
        case "credit": return dossier.first("firm")?.first("credit")
        default: return dossier.first(name)
        }
    }

    /// The elements a table lists, each as attribute → value.
    static func rows(_ t: TableLayout, _ dossier: PlainElement) -> [[String: String]] {
        let attributes: (PlainElement) -> [String: String] = { e in
            Dictionary(e.attributes.filter { $0.namespace == nil }.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        switch t.element {
        case "decision/ballot":
            let names = Dictionary((dossier.first("community")?.all("owner") ?? []).compactMap { o in o["id"].map { ($0, o["name"] ?? "") } },
                                   uniquingKeysWith: { a, _ in a })
            return dossier.all("decision").flatMap { d in
                d.all("ballot").map { b in
                    var row = attributes(b)
                    row["decision"] = d["id"]
                    row["name"] = b["owner"].flatMap { names[$0] }
                    return row
                }
            }
        case "firm/project":
            return (dossier.first("firm")?.all("project") ?? []).map { p in
                var row = attributes(p).merging(p.first("service").map(attributes) ?? [:]) { a, _ in a }
                row["service"] = p.first("service") == nil ? "false" : "true"
                return row
            }
        default:
            let path = t.element.split(separator: "/").map(String.init)
            var parents = [dossier]
            for step in path.dropLast() { parents = parents.compactMap { $0.first(step) } }
            return parents.flatMap { $0.all(path.last!) }.map(attributes)
        }
    }
}
