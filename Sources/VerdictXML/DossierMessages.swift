internal import CLibXML2
import Foundation
import VerdictCore

/// What a clerk reads when a dossier cannot be read: what is wrong and how to fix it, in
/// Chinese first, then libxml2's own words. Chosen by libxml2's error code and the names and
/// values it reports, never by reading its English text.
struct DossierMessages {
    let vocabulary: SchemaVocabulary?

    func message(_ e: LibXMLError, english: String) -> String {
        guard let zh = explain(e) else { return english }
        return zh + " — " + english
    }

    func explain(_ e: LibXMLError) -> String? {
        let code = Int32(e.code)
        if e.schema { return schema(e, code) }
        return parser(e, code)
    }

    // MARK: schema errors

    func schema(_ e: LibXMLError, _ code: Int32) -> String? {
        let element = e.element.map { "<\($0)>" } ?? "此元素"
        switch code {
        case Int32(XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1.rawValue), Int32(XML_SCHEMAV_CVC_PATTERN_VALID.rawValue),
             Int32(XML_SCHEMAV_CVC_ENUMERATION_VALID.rawValue), Int32(XML_SCHEMAV_CVC_MININCLUSIVE_VALID.rawValue),
             Int32(XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID.rawValue), Int32(XML_SCHEMAV_CVC_MINLENGTH_VALID.rawValue):
            guard let value = e.str1 else { return nil }
            let attribute = e.attributes.first { $0.1 == value }?.0
            let written = attribute.map { "\($0)=\"\(value)\"" } ?? "\"\(value)\""
            if code == Int32(XML_SCHEMAV_CVC_ENUMERATION_VALID.rawValue) {
                let allowed = (e.str2 ?? "").split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '")) }.filter { !$0.isEmpty }
                var s = "\(written)：不是允许的取值，可选 \(allowed.joined(separator: "、"))"
                if let m = allowed.first(where: { $0 == value.lowercased() }) ?? FuzzyMatch.suggestion(for: value, among: allowed) {
                    s += "；您是不是想写 \"\(m)\"？（区分大小写）"
                }
                return s
            }
            return "\(written)：" + valueHint(value, type: attribute.flatMap { typeKind($0) })
        case Int32(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1.rawValue), Int32(XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2.rawValue):
            guard let name = e.str1 else { return nil }
            var s = "\(element) 没有属性 \"\(name)\""
            let known = e.element.flatMap { vocabulary?.attributes[$0] }.map(Array.init) ?? []
            if let m = FuzzyMatch.suggestion(for: name, among: known) { s += "；您是不是想写 \"\(m)\"？" } else if !known.isEmpty {
                s += "；可用的属性：\(known.sorted().joined(separator: "、"))"
            }
            return s
        case Int32(XML_SCHEMAV_CVC_COMPLEX_TYPE_4.rawValue):
            guard let name = e.str1 else { return nil }
            return "\(element) 缺少必填属性 \"\(name)\"，请补上，例如 \(name)=\"…\""
        case Int32(XML_SCHEMAV_ELEMENT_CONTENT.rawValue):
            if e.closing { return "\(element) 缺少必需的子元素（见后面列出的名称）" }
            guard let name = e.element else { return nil }
            let siblings = e.parent.flatMap { vocabulary?.children[$0] }.map(Array.init) ?? []
            let everywhere = vocabulary.map { Array($0.elements) } ?? []
            var s = "此处不允许元素 <\(name)>"
            if let m = FuzzyMatch.suggestion(for: name, among: siblings) ?? FuzzyMatch.suggestion(for: name, among: everywhere) {
                s += "；您是不是想写 <\(m)>？"
            } else if !siblings.isEmpty {
                s += "；<\(e.parent ?? "")> 中可以有：\(siblings.sorted().joined(separator: "、"))"
            }
            return s
        case Int32(XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3.rawValue):
            return "\(element) 中不能写文字：事实都写在属性里，例如 <owner id=\"o001\" area=\"86.40\"/>"
        default:
            return nil
        }
    }

    enum Kind { case date, decimal, integer, boolean }

    func typeKind(_ attribute: String) -> Kind? {
        guard let types = vocabulary?.attributeTypes[attribute] else { return nil }
        if types.contains("date") { return .date }
        if types.contains("boolean") { return .boolean }
        if types.contains(where: { $0.hasSuffix("integer") }) { return .integer }
        if types.contains(where: { $0.hasSuffix("decimal") }) { return .decimal }
        return nil
    }

    func valueHint(_ value: String, type: Kind?) -> String {
        switch type {
        case .date?:
            if let fixed = DateRepair.iso(value) { return "日期请写成 YYYY-MM-DD，例如 \(fixed)" }
            return "日期请写成 YYYY-MM-DD（真实存在的日期），例如 2025-03-20"
        case .decimal?:
            if value.contains(",") || value.contains("，") {
                let fixed = value.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "，", with: ".")
                return "数值请用英文小数点，不用逗号，例如 \(fixed)"
            }
            return "请写数字，可带小数点，例如 86.40（不加 +、单位或空格）"
        case .integer?:
            return "请写不带小数的整数，例如 30"
        case .boolean?:
            return "请写 true（是）或 false（否），英文小写"
        case nil:
            return "取值不符合卷宗格式"
        }
    }

    // MARK: parser errors

    func parser(_ e: LibXMLError, _ code: Int32) -> String? {
        switch code {
        case Int32(XML_ERR_INVALID_CHAR.rawValue), Int32(XML_ERR_INVALID_ENCODING.rawValue):
            return "文件中的字节不符合声明的编码（声明或默认为 UTF-8）：如果文件是用 GBK/GB18030 保存的，请把第一行写成 <?xml version=\"1.0\" encoding=\"GBK\"?>，或在编辑器中“另存为 UTF-8”"
        case Int32(XML_ERR_UNSUPPORTED_ENCODING.rawValue):
            return "不支持声明的编码：请使用 UTF-8、GBK、GB18030 或 UTF-16"
        case Int32(XML_ERR_ATTRIBUTE_NOT_STARTED.rawValue):
            return "属性值须用英文引号括起来，例如 area=\"86.40\"；中文引号 “ ” 或 ‘ ’ 请改为英文引号 \""
        case Int32(XML_ERR_ATTRIBUTE_NOT_FINISHED.rawValue):
            return "属性值的引号没有闭合：请检查这一行的引号是否成对（英文引号 \"）"
        case Int32(XML_ERR_ATTRIBUTE_WITHOUT_VALUE.rawValue):
            return "属性须写成 名称=\"值\"（等号和英文引号都不能少）"
        case Int32(XML_ERR_ATTRIBUTE_REDEFINED.rawValue):
            return "同一个元素里同一属性写了两次：请删去一个"
        case Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue):
            return "结束标签和开始标签的名称不一致：请检查这一行附近的 </…>"
        case Int32(XML_ERR_TAG_NOT_FINISHED.rawValue), Int32(XML_ERR_GT_REQUIRED.rawValue):
            return "元素没有正确结束（缺少 > 或 />，或文件被截断）：请检查这一行"
        case Int32(XML_ERR_DOCUMENT_END.rawValue):
            return "根元素 </dossier> 之后还有内容：一个文件只能有一份卷宗"
        case Int32(XML_ERR_DOCUMENT_EMPTY.rawValue):
            return "文件是空的或不是 XML：卷宗须以 <?xml version=\"1.0\" encoding=\"UTF-8\"?> 开头"
        case Int32(XML_ERR_UNDECLARED_ENTITY.rawValue), Int32(XML_WAR_UNDECLARED_ENTITY.rawValue),
             Int32(XML_ERR_ENTITYREF_SEMICOL_MISSING.rawValue):
            return "文字里的 & 须写成 &amp;（例如“甲&乙物业”写成 甲&amp;乙物业）"
        default:
            return nil
        }
    }
}

/// A date typed the way people type it (2025/3/20, 2025.3.20, 2025年3月20日), as YYYY-MM-DD
/// when it names a real date.
enum DateRepair {
    static func iso(_ s: String) -> String? {
        let parts = s.split(whereSeparator: { "/.-年月日 ".contains($0) }).map(String.init)
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }) else { return nil }
        let text = String(format: "%04d-%02d-%02d", y, m, d)
        return CivilDate(iso: text) != nil ? text : nil
    }
}

/// The schema's vocabulary, read from the XSD the first time a message needs it: a clean run
/// never pays for a second parse of the schema at start-up.
/// `@unchecked Sendable`: `loaded` and `cached` are read and written only while `lock` is held.
final class LazyVocabulary: @unchecked Sendable {
    private let schemaPath: String
    private let lock = NSLock()
    private var loaded = false
    private var cached: SchemaVocabulary?

    init(schemaPath: String) { self.schemaPath = schemaPath }

    var value: SchemaVocabulary? {
        lock.lock(); defer { lock.unlock() }
        if !loaded {
            cached = try? SchemaVocabulary.load(schemaPath)
            loaded = true
        }
        return cached
    }
}
