extension Builtin {
    /// The one-line documentation of the function (what the checker's messages and editors show).
    public var documentation: String { help }
}
