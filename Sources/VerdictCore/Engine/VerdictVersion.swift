/// The product's version, printed by `verdict --version` (and, later, by the server).
public enum VerdictVersion {
    public static let current = "0.4.0"
}
