internal import CLibXML2
import VerdictCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads dossiers strictly: libxml2's parser (no DOCTYPE, no entities, no network,
/// its default size and depth limits), then the XSD, then what XSD 1.0 cannot say.
/// `@unchecked Sendable`: the compiled schema is only read after `init`; each load makes its
/// own parser and validation contexts (libxml2 allows one schema to serve several at once).
public final class DossierLoader: @unchecked Sendable {
    let schema: xmlSchemaPtr
    public let paths: CompiledPaths
    /// The schema's names for did-you-mean messages, read only once a dossier has an error.
    let vocabulary: LazyVocabulary
    /// The clerk's explanation of each libxml2 error, with did-you-means from the schema's names.
    var messages: DossierMessages { DossierMessages(vocabulary: vocabulary.value) }

    // COMPACT stores short text inline in nodes (less memory, as xmllint does by default).
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)

    /// Compiles the XSD once; it is reused for every dossier.
    public init(schemaPath: String, paths: CompiledPaths) throws {
        _ = LibXML.initialised
        self.paths = paths
        let bytes = try FileBytes.read(schemaPath, limit: 16 * 1024 * 1024)
        let collector = ErrorCollector()
        let compiled: xmlSchemaPtr? = collector.capture {
            bytes.withUnsafeBufferPointer { buf -> xmlSchemaPtr? in
                guard let base = buf.baseAddress else { return nil }
                let raw = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                guard let pctx = xmlSchemaNewMemParserCtxt(raw, Int32(buf.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(pctx) }
                return xmlSchemaParse(pctx)
            }
        }
        guard let compiled else {
            let p = collector.problems.first
            throw XMLProblem(file: schemaPath, line: p?.line, column: p?.column, message: p?.message ?? "the schema does not compile")
        }
        schema = compiled
        vocabulary = LazyVocabulary(schemaPath: schemaPath)
    }

    deinit { xmlSchemaFree(schema) }

    /// Parses, validates and checks one dossier. Throws every problem found, located.
    public func load(_ path: String) throws -> DossierDocument {
        let bytes: [UInt8]
        do {
            // `-`: one dossier from standard input (a pipe, or a request body handed over).
            bytes = path == "-" ? try FileBytes.readStandardInput(limit: DossierDocument.maxFileBytes)
                                : try FileBytes.read(path, limit: DossierDocument.maxFileBytes)
        } catch let e as XMLProblem {
            throw DossierErrors(problems: [e])
        }
        return try load(bytes: bytes, path: path)
    }

    public func load(bytes: [UInt8], path: String) throws -> DossierDocument {
        guard bytes.count < Int(Int32.max) else {
            throw DossierErrors(problems: [XMLProblem(file: path, line: nil, column: nil, message: "file too large")])
        }
        let parsed = parseAndValidate(bytes)
        if parsed.doctypeLine > 0 {
            throw DossierErrors(problems: [XMLProblem(file: path, line: parsed.doctypeLine, column: nil,
                                                     message: "a dossier may not have a DOCTYPE (no DTD, no entities): remove the <!DOCTYPE …> declaration")])
        }
        let collector = parsed.collector
        guard let store = parsed.store else {
            // Not well-formed: the parser's own errors (schema errors seen before the fatal one are left out).
            let parserProblems = collector.problems.filter { !$0.schema }
            let messages = self.messages
            var problems = parserProblems.map {
                XMLProblem(file: path, line: $0.line, column: $0.column, message: messages.message($0, english: oneLine($0.message)))
            }
            if bytes.isEmpty { problems = [XMLProblem(file: path, line: 1, column: 1, message: "the file is empty")] }
            if problems.isEmpty { problems = [XMLProblem(file: path, line: nil, column: nil, message: "not a well-formed XML document")] }
            problems = Array(problems.prefix(20))
            if collector.dropped > 0 || parserProblems.count > 20 {
                problems.append(XMLProblem(file: path, line: nil, column: nil, message: "… and more errors not shown"))
            }
            throw DossierErrors(problems: problems)
        }
        store.compact()  // after the parser and its copy of the file are freed
        let document = DossierDocument(path: path, store: store, paths: paths)
        // The root first: with the wrong root the schema has nothing useful to say.
        if let rootProblem = StructureCheck.rootProblem(document) { throw DossierErrors(problems: [rootProblem]) }
        // Schema errors and the checks XSD cannot express are reported together, by line.
        var problems = schemaProblems(collector, path: path, valid: parsed.schemaValid)
        // A document cut short at the error limit is not checked further: its elements are partial.
        if !collector.stopped { problems += StructureCheck.check(document) }
        if !problems.isEmpty {
            throw DossierErrors(problems: problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return document
    }

    /// One pass of libxml2's parser with the schema validator plugged into it. No tree is
    /// built: the reader keeps the elements in a `FactStore`; validation stops the parser once
    /// 100 errors are listed.
    func parseAndValidate(_ bytes: [UInt8]) -> (store: FactStore?, doctypeLine: Int, schemaValid: Bool, collector: ErrorCollector) {
        let collector = ErrorCollector()
        var doctypeLine = 0
        var schemaValid = true
        let store: FactStore? = collector.capture {
            bytes.withUnsafeBufferPointer { buf -> FactStore? in
                guard let base = buf.baseAddress else { return nil }
                let raw = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                // A window over the bytes, not libxml2's own copy of them (`verdict_windowed_parser`).
                guard let ctxt = verdict_windowed_parser(raw, Int32(buf.count)) else { return nil }
                defer { xmlFreeParserCtxt(ctxt) }
                _ = xmlCtxtUseOptions(ctxt, DossierLoader.options)
                verdict_forbid_doctype(ctxt)
                let reader = FactReader(parser: ctxt)
                reader.store.reserve(for: buf)
                reader.install()
                guard let vctx = xmlSchemaNewValidCtxt(schema) else { return nil }
                defer { xmlSchemaFreeValidCtxt(vctx) }
                let plug = ShimState.plug(ctxt, vctx)
                collector.parser = ctxt
                reader.reading { _ = xmlParseDocument(ctxt) }
                collector.parser = nil
                schemaValid = plug != nil && xmlSchemaIsValid(vctx) == 1
                ShimState.unplug(plug)
                doctypeLine = Int(verdict_doctype_line(ctxt))
                // The document node libxml2's start-of-document handler made (it has no elements).
                if let d = ctxt.pointee.myDoc { xmlFreeDoc(d) }
                ctxt.pointee.myDoc = nil
                if doctypeLine > 0 || ctxt.pointee.wellFormed == 0 || (collector.stopped && collector.schemaErrors == 0) {
                    return nil
                }
                return reader.store
            }
        }
        return (store, doctypeLine, schemaValid, collector)
    }

    func oneLine(_ m: String) -> String {
        m.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
    }

    func schemaProblems(_ collector: ErrorCollector, path: String, valid: Bool) -> [XMLProblem] {
        let listed = collector.problems.filter(\.schema)
        if listed.isEmpty {
            return valid ? [] : [XMLProblem(file: path, line: nil, column: nil, message: "the dossier does not match the schema")]
        }
        let messages = self.messages
        var problems = listed.map {
            XMLProblem(file: path, line: $0.line, column: nil, message: messages.message($0, english: SchemaMessages.readable(oneLine($0.message))))
        }
        if collector.stopped {
            problems.append(XMLProblem(file: path, line: nil, column: nil,
                                       message: "… validation stopped after \(listed.count) errors; more errors follow that are not shown"))
        }
        return problems
    }
}

/// All problems that kept a dossier from being judged.
public struct DossierErrors: Error, Sendable {
    public let problems: [XMLProblem]
}

/// Reads a whole file with a size limit, through the C library (no Foundation needed).
enum FileBytes {
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            throw XMLProblem(file: path, line: nil, column: nil, message: "cannot read the file: \(reason)")
        }
        defer { fclose(f) }
        var st = stat()
        if fstat(fileno(f), &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw XMLProblem(file: path, line: nil, column: nil, message: "is a directory")
        }
        // Room for the whole file at once (a file's size is known): no doubling while it is read.
        let expected = (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
        return try read(f, file: path, limit: limit, tooLarge: "file larger than", expected: expected)
    }

    /// Standard input (`verdict check -`), read once with the same limit as a file.
    static func readStandardInput(limit: Int) throws -> [UInt8] {
        // A duplicate of descriptor 0, so that closing the stream leaves standard input open.
        guard let f = fdopen(dup(0), "rb") else {
            throw XMLProblem(file: "-", line: nil, column: nil, message: "cannot read standard input: \(String(cString: strerror(errno)))")
        }
        defer { fclose(f) }
        return try read(f, file: "-", limit: limit, tooLarge: "standard input larger than")
    }

    static func read(_ f: UnsafeMutablePointer<FILE>, file path: String, limit: Int, tooLarge: String, expected: Int = 0) throws -> [UInt8] {
        var out: [UInt8] = []
        if expected > 0, expected <= limit {
            out.reserveCapacity(expected + 1)
            LargePages.advise(&out)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { out.append(contentsOf: chunk[0..<n]) }
            if out.count > limit {
                throw XMLProblem(file: path, line: nil, column: nil, message: "\(tooLarge) \(limit / (1024 * 1024)) MB")
            }
            if n < chunk.count {
                if ferror(f) != 0 { throw XMLProblem(file: path, line: nil, column: nil, message: "read error") }
                break
            }
        }
        return out
    }
}

/// libxml2's schema messages name regex facets; users see the type instead.
enum SchemaMessages {
    static func readable(_ m: String) -> String {
        var m = m
        if m.hasPrefix("Element ") { m = String(m) }
        let patterns: [(String, String)] = [
            ("'-?[0-9]+(\\.[0-9]+)?'", "a decimal (digits with an optional '.' and decimals, e.g. 86.40)"),
            ("'[0-9]+(\\.[0-9]+)?'", "a non-negative decimal (e.g. 86.40)"),
            ("'[0-9]+'", "a non-negative integer"),
            ("'0*[1-9][0-9]*'", "a positive integer"),
            ("'[0-9]{4}-[0-9]{2}-[0-9]{2}'", "a date YYYY-MM-DD"),
        ]
        for (pat, what) in patterns {
            if m.contains("[facet 'pattern']"), m.contains("pattern \(pat)") {
                if let r = m.range(of: "[facet 'pattern'] The value ") {
                    let rest = m[r.upperBound...]
                    if let end = rest.range(of: " is not accepted") {
                        let value = rest[..<end.lowerBound]
                        return String(m[..<r.lowerBound]) + "\(value) is not \(what)"
                    }
                }
            }
        }
        return m
    }
}
