internal import CLibXML2

/// Writes a `PlainElement` tree as UTF-8 XML through libxml2's xmlTextWriter, which does
/// the escaping. Text and attribute values must be XML characters (the caller checks).
public enum PlainXMLWriter {
    /// - Parameters:
    ///   - indent: two spaces per level (dossiers); none for workbook parts, whose text is kept exact.
    ///   - comment: written before the root element.
    ///   - standalone: adds `standalone="yes"` to the declaration (workbook parts, as Excel writes).
    public static func bytes(_ root: PlainElement, indent: Bool, comment: String? = nil, standalone: Bool = false) -> [UInt8] {
        _ = LibXML.initialised
        guard let buffer = xmlBufferCreate() else { return [] }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else { return [] }
        if indent {
            _ = xmlTextWriterSetIndent(writer, 1)
            _ = xmlTextWriterSetIndentString(writer, "  ")
        }
        _ = xmlTextWriterStartDocument(writer, "1.0", "UTF-8", standalone ? "yes" : nil)
        if let comment {
            _ = xmlTextWriterWriteComment(writer, comment)
            if !indent { _ = xmlTextWriterWriteRaw(writer, "\n") }
        }
        write(root, writer)
        _ = xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)  // flushes into the buffer
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    static func write(_ e: PlainElement, _ w: xmlTextWriterPtr) {
        _ = xmlTextWriterStartElement(w, e.name)
        for a in e.attributes {
            _ = xmlTextWriterWriteAttribute(w, a.name, a.value)
        }
        if !e.text.isEmpty { _ = xmlTextWriterWriteString(w, e.text) }
        for c in e.children { write(c, w) }
        if e.text.isEmpty && e.children.isEmpty {
            _ = xmlTextWriterEndElement(w)  // <x/>
        } else {
            _ = xmlTextWriterFullEndElement(w)
        }
    }
}

/// Text in a legacy Chinese encoding, decoded by libxml2's encoding handlers (iconv or ICU).
public enum LegacyText {
    /// GB18030 (a superset of GBK and GB2312) to a String; nil when the bytes are not GB18030.
    public static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        _ = LibXML.initialised
        guard let handler = xmlFindCharEncodingHandler("GB18030") ?? xmlFindCharEncodingHandler("GBK") else { return nil }
        defer { _ = xmlCharEncCloseFunc(handler) }
        guard let input = xmlBufferCreateSize(bytes.count + 1), let output = xmlBufferCreateSize(bytes.count * 2 + 16) else { return nil }
        defer { xmlBufferFree(input); xmlBufferFree(output) }
        guard bytes.count < Int(Int32.max) / 2 else { return nil }
        let added = bytes.withUnsafeBufferPointer { xmlBufferAdd(input, $0.baseAddress, Int32($0.count)) }
        guard added == 0 else { return nil }
        while xmlBufferLength(input) > 0 {
            let before = xmlBufferLength(input)
            let n = xmlCharEncInFunc(handler, output, input)
            if n < 0 || xmlBufferLength(input) == before { return nil }
        }
        guard let content = xmlBufferContent(output) else { return "" }
        let utf8 = UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(output)))
        return String(decoding: utf8, as: UTF8.self)
    }
}
