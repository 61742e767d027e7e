internal import CLibXML2

/// Fills a `FactStore` from libxml2's SAX2 events, in place of the handlers that build
/// libxml2's tree. Installed before the schema is plugged in, so for every event the plug
/// calls this reader first and the validator after it: an error about an element finds the
/// element already recorded.
final class FactReader {
    let store = FactStore()
    let parser: xmlParserCtxtPtr
    /// The open elements, innermost last, and the last child read of each.
    private var open: [Int32] = []
    private var lastChild: [Int32] = []
    /// The element whose end tag was read last (what it lacks is reported at its start).
    private(set) var lastClosed = -1
    /// libxml2 interns names in its dictionary: one lookup per distinct pointer.
    private var pointerNames: [UInt: Int32] = [:]

    // The run of text being read: adjacent character events make one text node in a tree.
    private var inRun = false
    private var runLength = 0
    private var runLine = 0
    private var runBlank = true
    private var runBytes: [UInt8] = []
    /// What is kept of a run of stray text (its first 40 characters are shown).
    static let keptTextBytes = 64 * 1024
    /// libxml2's limit for one text node (XML_MAX_TEXT_LENGTH), kept as its tree builder does.
    static let maxTextLength = 10_000_000

    init(parser: xmlParserCtxtPtr) { self.parser = parser }

    /// The element being read (its start tag seen, its end tag not yet).
    var current: Int? { open.last.map(Int.init) }

    /// Replaces the tree builder's element, text, comment and PI handlers with this reader's.
    func install() {
        guard let sax = parser.pointee.sax else { return }
        sax.pointee.startElementNs = readerStart
        sax.pointee.endElementNs = readerEnd
        // The same function for both, as libxml2's own SAX2 handlers (blank text is text).
        sax.pointee.characters = readerCharacters
        sax.pointee.ignorableWhitespace = readerCharacters
        sax.pointee.comment = readerComment
        sax.pointee.processingInstruction = readerInstruction
        sax.pointee.reference = nil
    }

    /// Runs `body` with this reader receiving the SAX events of this thread.
    func reading<T>(_ body: () -> T) -> T {
        ShimState.setSink(Unmanaged.passUnretained(self).toOpaque())
        defer { ShimState.setSink(nil) }
        return body()
    }

    /// The reader receiving this thread's events, if a dossier is being read.
    static var active: FactReader? {
        ShimState.sink.map { Unmanaged<FactReader>.fromOpaque($0).takeUnretainedValue() }
    }

    private var parserLine: Int {
        guard let input = parser.pointee.input else { return 0 }
        return Int(input.pointee.line)
    }

    private func name(_ p: UnsafePointer<xmlChar>?) -> Int32 {
        guard let p else { return store.intern("") }
        let key = UInt(bitPattern: p)
        // A dossier has a few dozen names, met hundreds of thousands of times: a direct-mapped
        // cache by the pointer's bits answers nearly all of them before the dictionary.
        let slot = Int(truncatingIfNeeded: (key >> 4) ^ (key >> 10)) & (FactReader.recentSize - 1)
        if recentPointers[slot] == key { return recentIds[slot] }
        let id: Int32
        if let known = pointerNames[key] {
            id = known
        } else {
            id = store.intern(String(cString: p))
            pointerNames[key] = id
        }
        recentPointers[slot] = key
        recentIds[slot] = id
        return id
    }
    private static let recentSize = 64
    private var recentPointers = [UInt](repeating: 0, count: FactReader.recentSize)
    private var recentIds = [Int32](repeating: 0, count: FactReader.recentSize)

    func start(_ localname: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
               _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        endRun()
        let index = Int32(store.elements.count)
        let parent = open.last ?? -1
        let attributeStart = Int32(store.attributes.count)
        if let attributes {
            for i in 0..<max(0, count) {
                let a = attributes + 5 * i
                guard let begin = a[3], let end = a[4] else { continue }
                let valueStart = Int32(store.values.count)
                let bytes = UnsafeBufferPointer(start: begin, count: max(0, end - begin))
                if bytes.contains(UInt8(ascii: "&")) {
                    store.values += CharacterReferences.decode(bytes)
                } else {
                    store.values.append(contentsOf: bytes)
                }
                store.attributes.append(FactStore.Attribute(
                    name: name(a[0]), namespace: a[2].map { name($0) } ?? -1,
                    valueStart: valueStart, valueEnd: Int32(store.values.count)))
            }
        }
        store.elements.append(FactStore.Element(
            name: name(localname), parent: parent, line: Int32(clamping: parserLine),
            attributeStart: attributeStart, attributeCount: Int32(store.attributes.count) - attributeStart,
            namespaced: uri != nil))
        if parent >= 0, let last = lastChild.last {
            if last >= 0 { store.elements[Int(last)].nextSibling = index } else { store.elements[Int(parent)].firstChild = index }
            lastChild[lastChild.count - 1] = index
        } else if index == 0 {
            store.rootNamespace = uri.map { String(cString: $0) }
        }
        open.append(index)
        lastChild.append(-1)
    }

    func end() {
        endRun()
        if let e = open.popLast() { lastClosed = Int(e) }
        _ = lastChild.popLast()
    }

    /// A run of text went past `maxTextLength`: the parser is stopping; nothing more is read.
    var hugeText = false

    func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int) {
        guard !open.isEmpty, !hugeText, let ch, len > 0 else { return }
        if inRun {
            if runLength + len > FactReader.maxTextLength {
                // libxml2's tree builder stops here ("huge text node"); so does the reader, and
                // the text read so far is listed as the stray text it is (its first bytes).
                endRun()
                hugeText = true
                xmlStopParser(parser)
                return
            }
            runLength += len
        } else {
            inRun = true
            runLength = len
            runLine = parserLine
            runBlank = true
            runBytes.removeAll(keepingCapacity: true)
        }
        let bytes = UnsafeBufferPointer(start: ch, count: len)
        if runBlank {
            for b in bytes where b != 0x20 && b != 0x0A && b != 0x09 && b != 0x0D {
                runBlank = false
                break
            }
        }
        if runBytes.count < FactReader.keptTextBytes {
            // Copied as one block (a slice of the buffer was appended byte by byte).
            runBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes.prefix(FactReader.keptTextBytes - runBytes.count)))
        }
    }

    /// A comment or processing instruction ends a run of text, as it would split a text node.
    func endRun() {
        guard inRun else { return }
        inRun = false
        if !runBlank, let e = open.last {
            store.texts.append(FactStore.Text(element: e, line: runLine, text: String(decoding: runBytes, as: UTF8.self)))
        }
    }
}

/// The shim's thread-locals (the reader's sink, the plug's end-tag flag) are `static` C
/// variables: each object file that uses them gets its own copy, and a release build may inline
/// a caller into another file's object. Every use goes through these functions, all in this
/// file and never inlined, so that all of them see the same variables.
enum ShimState {
    @inline(never) static func plug(_ ctxt: xmlParserCtxtPtr, _ v: xmlSchemaValidCtxtPtr) -> xmlSchemaSAXPlugPtr? {
        verdict_plug_schema(ctxt, v)
    }

    @inline(never) static func unplug(_ plug: xmlSchemaSAXPlugPtr?) { verdict_unplug_schema(plug) }

    /// Whether the validator is at an end tag (what the element lacks inside).
    @inline(never) static func atEndTag() -> Bool { verdict_at_end_tag() != 0 }

    @inline(never) static func setSink(_ p: UnsafeMutableRawPointer?) { verdict_set_sink(p) }

    @inline(never) static var sink: UnsafeMutableRawPointer? { verdict_current_sink() }
}

private let readerStart: startElementNsSAX2Func = { _, localname, _, uri, _, _, count, defaulted, attributes in
    // Attributes defaulted from a DTD are left out, as libxml2's tree builder does (no DTD is read).
    FactReader.active?.start(localname, uri, Int(count) - Int(defaulted), attributes)
}

private let readerEnd: endElementNsSAX2Func = { _, _, _, _ in FactReader.active?.end() }

private let readerCharacters: charactersSAXFunc = { _, ch, len in FactReader.active?.characters(ch, Int(len)) }

private let readerComment: commentSAXFunc = { _, _ in FactReader.active?.endRun() }

private let readerInstruction: processingInstructionSAXFunc = { _, _, _ in FactReader.active?.endRun() }

/// An attribute value that libxml2 passed with references left in (`&#38;` for `&`), decoded
/// as its tree builder decodes them.
enum CharacterReferences {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "&"), let semi = bytes[i...].firstIndex(of: UInt8(ascii: ";")) else {
                out.append(b)
                i += 1
                continue
            }
            let body = String(decoding: bytes[(i + 1)..<semi], as: UTF8.self)
            if let scalar = scalar(body) {
                out += Array(String(Character(scalar)).utf8)
            } else {
                out += bytes[i...semi]
            }
            i = semi + 1
        }
        return out
    }

    static func scalar(_ body: String) -> Unicode.Scalar? {
        switch body {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "apos": return "'"
        case "quot": return "\""
        default: break
        }
        guard body.hasPrefix("#") else { return nil }
        let digits = body.dropFirst()
        let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init)
    }
}
