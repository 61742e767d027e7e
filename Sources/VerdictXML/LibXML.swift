internal import CLibXML2

/// One-time libxml2 set-up: no external entity is ever loaded, no error is printed by
/// libxml2 itself.
enum LibXML {
    static let initialised: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(refuseExternalEntity)
        verdict_silence_generic_errors()
        return true
    }()
}

/// Every external entity, DTD or XInclude is refused: dossiers are read from memory,
/// and the schema is compiled from memory.
private let refuseExternalEntity: xmlExternalEntityLoader = { _, _, _ in nil }

/// A problem libxml2 reported, with where it is.
public struct XMLProblem: Sendable, Error, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        return s + ": " + message
    }
}

/// Collects structured errors during one libxml2 call on this thread.
final class ErrorCollector {
    var problems: [LibXMLError] = []
    /// Problems beyond the first 100 are counted, not kept.
    var dropped = 0
    var sawDoctype = false
    /// Schema-validation errors seen (libxml2's XML_FROM_SCHEMASV domain).
    var schemaErrors = 0
    /// The parser to stop once the list is full (validation while reading).
    var parser: xmlParserCtxtPtr?
    /// Set when the parser was stopped because the list was full.
    var stopped = false
    /// The last schema error kept: its element (document order), code and message.
    var lastSchemaError: (element: Int, code: Int32, message: String)?

    /// Runs `body` with this collector receiving every libxml2 error on this thread.
    func capture<T>(_ body: () -> T) -> T {
        let me = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(me, structuredHandler)
        verdict_silence_generic_errors()
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return body()
    }
}

private let structuredHandler: xmlStructuredErrorFunc = { ctx, errorPointer in
    guard let ctx, let err = errorPointer?.pointee else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(ctx).takeUnretainedValue()
    let schema = err.domain == Int32(XML_FROM_SCHEMASV.rawValue)
    if schema { collector.schemaErrors += 1 }
    if collector.problems.count >= 100 {
        collector.dropped += 1
        if let parser = collector.parser, !collector.stopped {
            collector.stopped = true
            xmlStopParser(parser)
        }
        return
    }
    // The validator sees an element's text in the pieces the parser hands over (300 bytes of
    // non-ASCII text, or the reader's window of the file) and says the same thing of each
    // piece: one element's same error is listed once, and does not fill the list.
    let libxmlMessage = err.message.map { String(cString: $0) }
    if schema, let reader = FactReader.active, !ShimState.atEndTag(), let current = reader.current {
        let key = (element: current, code: Int32(err.code), message: libxmlMessage ?? "")
        if let last = collector.lastSchemaError, last.element == key.element, last.code == key.code, last.message == key.message {
            return
        }
        collector.lastSchemaError = key
    }
    var message = libxmlMessage ?? "error \(err.code)"
    message = LibXMLMessages.readable(message)
    while message.hasSuffix("\n") || message.hasSuffix(" ") { message.removeLast() }
    var line = err.line > 0 ? Int(err.line) : nil
    let column = err.int2 > 0 ? Int(err.int2) : nil
    // Validation while reading knows no node: the parser's position is the element's start tag
    // (its closing `>`), or its end tag for what is missing inside it. The reader has recorded
    // the element by then (it sees every event before the validator).
    var element: Int?
    var closing = false
    let reader = schema ? FactReader.active : nil
    if let reader {
        if ShimState.atEndTag(), reader.lastClosed >= 0 {
            line = reader.store.line(of: reader.lastClosed)
            element = reader.lastClosed
            closing = true
        } else {
            if let input = reader.parser.pointee.input, input.pointee.line > 0 { line = Int(input.pointee.line) }
            element = reader.current
        }
    }
    func text(_ p: UnsafeMutablePointer<CChar>?) -> String? { p.map { String(cString: $0) } }
    var attributes: [(String, String)] = []
    var elementName: String?
    var parentName: String?
    if let reader, let element {
        let store = reader.store
        for a in store.allAttributes(of: element) {
            attributes.append((a.name, store.attribute(a.name, of: element) ?? ""))
        }
        elementName = store.name(of: element)
        parentName = store.parent(of: element).map { store.name(of: $0) }
    }
    collector.problems.append(LibXMLError(
        line: line, column: column, message: message, schema: schema, code: Int(err.code),
        str1: text(err.str1), str2: text(err.str2),
        element: elementName, parent: parentName,
        attributes: attributes, closing: closing))
}

/// One error libxml2 reported, with what it names (its code and strings, not its English).
struct LibXMLError {
    var line: Int?
    var column: Int?
    /// libxml2's own text (English), kept after the Chinese explanation.
    var message: String
    var schema: Bool
    var code: Int
    var str1: String?
    var str2: String?
    /// The element being read (schema errors), its parent, and its attributes as written.
    var element: String?
    var parent: String?
    var attributes: [(String, String)] = []
    /// The error was found at the element's end tag (what it lacks inside).
    var closing = false
}

/// libxml2's wording, rewritten where it would send users to a flag they cannot set.
enum LibXMLMessages {
    static func readable(_ m: String) -> String {
        if m.contains("Excessive depth in document") {
            return "elements nested deeper than 256 levels are not accepted (libxml2's safe limit)"
        }
        if m.contains("xmlSAX2Characters: huge text node") || m.contains("AttValue length too long") || m.contains("Huge input lookup") {
            return "a value longer than 10 MB is not accepted (libxml2's safe limit): \(m)"
        }
        return m
    }
}
