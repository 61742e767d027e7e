/// What looks wrong in rules that load: decision tables with input values no row matches
/// (a finding would read `（未知）`) or that several rows of a `unique hit` table match.
/// `verdict lint` reports them as errors; commands that load rules to use them (`test`,
/// `check`) print them as warnings and go on.
public func loadWarnings(_ program: Program) -> [Diagnostic] {
    var linter = Linter(program: program, schema: nil, templateNames: [])
    linter.tables()
    return linter.diagnostics
        .sorted { ($0.span.file, $0.span.start) < ($1.span.file, $1.span.start) }
        .map { Diagnostic($0.code, $0.span, $0.message, help: $0.help, notes: $0.notes, severity: .warning) }
}
