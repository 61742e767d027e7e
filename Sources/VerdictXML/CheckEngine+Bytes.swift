import VerdictCore

/// Who a dossier belongs to, read from the dossier itself (SERVICE.md, "Roles"): its root
/// `kind` and `id`, and for a community dossier the firms its contracts name.
public struct DossierIdentity: Sendable, Equatable {
    public let kind: String
    public let id: String
    /// Every `contract/@firm-id` of a community dossier, in document order, without repeats.
    public let contractFirmIds: [String]

    public init(kind: String, id: String, contractFirmIds: [String]) {
        self.kind = kind
        self.id = id
        self.contractFirmIds = contractFirmIds
    }
}

extension DossierDocument {
    /// The dossier's owner and the firms it names (for a service's access rules).
    public var identity: DossierIdentity {
        var firms: [String] = []
        for e in 0..<store.elements.count where store.name(of: e) == "contract" {
            if let f = store.attribute("firm-id", of: e), !firms.contains(f) { firms.append(f) }
        }
        return DossierIdentity(kind: kind, id: id, contractFirmIds: firms)
    }
}

/// Dossiers handed over as bytes (a request body) rather than a path: read and judged
/// exactly as `check(_:_:)` reads and judges a file with the same bytes.
extension CheckEngine {
    /// Judges one dossier's bytes; `name` stands for the file in the report. The identity
    /// comes back whenever the dossier could be read, judged or not.
    public func check(bytes: [UInt8], name: String, _ inputs: EvaluationInputs) -> (Outcome, DossierIdentity?) {
        switch read(bytes: bytes, name: name) {
        case .failure(let e): return (.failed(e.errors), nil)
        case .success(let doc):
            let outcome = judge.judge(doc, inputs)
            guard case .judged(var report) = outcome else { return (outcome, doc.identity) }
            report.warnings = DossierWarnings.of(doc)
            return (.judged(report), doc.identity)
        }
    }

    /// One rule's findings with their trace, for a dossier given as bytes (`explain`).
    public func explain(_ ruleId: String, bytes: [UInt8], name: String, _ inputs: EvaluationInputs) -> Result<Judge.Explained, ReportErrors> {
        read(bytes: bytes, name: name).map { judge.explain(ruleId, $0, inputs) }
    }

    /// Reads one dossier from memory; problems come back located, as `read(_:)` gives them.
    public func read(bytes: [UInt8], name: String) -> Result<DossierDocument, ReportErrors> {
        if bytes.count > DossierDocument.maxFileBytes {
            return .failure(ReportErrors([ReportError(file: name, line: nil, column: nil, message: "file larger than \(DossierDocument.maxFileBytes / (1024 * 1024)) MB")]))
        }
        do {
            return .success(try loader.load(bytes: bytes, path: name))
        } catch let e as DossierErrors {
            return .failure(ReportErrors(e.problems.map { ReportError(file: $0.file, line: $0.line, column: $0.column, message: $0.message) }))
        } catch {
            return .failure(ReportErrors([ReportError(file: name, line: nil, column: nil, message: "\(error)")]))
        }
    }
}
