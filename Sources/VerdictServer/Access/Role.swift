import VerdictXML

/// What a user may see and act on (SERVICE.md, "Roles").
public enum Role: Sendable, Equatable, CustomStringConvertible {
    case bureau
    case committee(String)
    case firm(String)

    /// `bureau`, `committee:ID` or `firm:ID`.
    public init?(_ text: String) {
        if text == "bureau" { self = .bureau; return }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, !parts[1].contains(where: \.isWhitespace),
              !parts[1].unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        switch parts[0] {
        case "committee": self = .committee(String(parts[1]))
        case "firm": self = .firm(String(parts[1]))
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .bureau: return "bureau"
        case .committee(let id): return "committee:\(id)"
        case .firm(let id): return "firm:\(id)"
        }
    }

    /// Check and store: a committee its community's dossiers, a firm its own firm dossiers.
    public func mayAct(on d: DossierIdentity) -> Bool {
        switch self {
        case .bureau: return true
        case .committee(let id): return d.kind == "community" && d.id == id
        case .firm(let id): return d.kind == "firm" && d.id == id
        }
    }

    /// Read: what it may act on, and for a firm the community dossiers whose contract names it.
    public func mayRead(kind: String, owner: String, firmIds: [String]) -> Bool {
        switch self {
        case .bureau: return true
        case .committee(let id): return kind == "community" && owner == id
        case .firm(let id): return (kind == "firm" && owner == id) || (kind == "community" && firmIds.contains(id))
        }
    }

    public func mayRead(_ s: DossierSummary) -> Bool { mayRead(kind: s.kind, owner: s.owner, firmIds: s.firmIds) }
}
