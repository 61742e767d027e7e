/// A JSON value: what JSON-RPC messages are made of. Parsed and written here (not through
/// `JSONSerialization`) so numbers, booleans and key order come out the same on every platform.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    public subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public subscript(index: Int) -> JSON? {
        if case .array(let a) = self, index >= 0, index < a.count { return a[index] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var int: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 1e15: return Int(d)
        default: return nil
        }
    }
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var array: [JSON]? { if case .array(let a) = self { return a }; return nil }
    public var object: [String: JSON]? { if case .object(let o) = self { return o }; return nil }
    public var isNull: Bool { self == .null }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral s: String) { self = .string(s) }
    public init(integerLiteral i: Int) { self = .int(i) }
    public init(booleanLiteral b: Bool) { self = .bool(b) }
    public init(arrayLiteral xs: JSON...) { self = .array(xs) }
    public init(dictionaryLiteral kvs: (String, JSON)...) {
        self = .object(Dictionary(kvs, uniquingKeysWith: { _, b in b }))
    }
    public init(nilLiteral: ()) { self = .null }
}

// MARK: writing

extension JSON {
    /// Compact JSON, object keys sorted (stable output for tests and logs).
    public var serialized: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .string(let s): JSON.quote(s, into: &out)
        case .array(let a):
            out += "["
            for (i, x) in a.enumerated() {
                if i > 0 { out += "," }
                x.write(into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, k) in o.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                JSON.quote(k, into: &out)
                out += ":"
                o[k]!.write(into: &out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

// MARK: parsing

extension JSON {
    public struct ParseError: Error, Sendable { public let offset: Int }

    public static func parse(_ bytes: [UInt8]) throws -> JSON {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.pos == bytes.count else { throw ParseError(offset: p.pos) }
        return v
    }

    public static func parse(_ text: String) throws -> JSON { try parse(Array(text.utf8)) }
}

struct JSONParser {
    let bytes: [UInt8]
    var pos = 0

    mutating func skipSpace() {
        while pos < bytes.count, [32, 9, 10, 13].contains(bytes[pos]) { pos += 1 }
    }

    func fail() -> JSON.ParseError { JSON.ParseError(offset: pos) }

    mutating func literal(_ word: String, _ v: JSON) throws -> JSON {
        let w = Array(word.utf8)
        guard pos + w.count <= bytes.count, Array(bytes[pos..<pos + w.count]) == w else { throw fail() }
        pos += w.count
        return v
    }

    mutating func value(depth: Int) throws -> JSON {
        guard depth < 512, pos < bytes.count else { throw fail() }
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            pos += 1
            var o: [String: JSON] = [:]
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(o) }
            while true {
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail() }
                let k = try string()
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail() }
                pos += 1
                skipSpace()
                o[k] = try value(depth: depth + 1)
                skipSpace()
                guard pos < bytes.count else { throw fail() }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(o) }
                throw fail()
            }
        case UInt8(ascii: "["):
            pos += 1
            var a: [JSON] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(a) }
            while true {
                skipSpace()
                a.append(try value(depth: depth + 1))
                skipSpace()
                guard pos < bytes.count else { throw fail() }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(a) }
                throw fail()
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    mutating func number() throws -> JSON {
        let start = pos
        var isInt = true
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        while pos < bytes.count {
            let b = bytes[pos]
            if b >= 48 && b <= 57 { pos += 1; continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                isInt = false
                pos += 1
                continue
            }
            break
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if isInt, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw fail() }
        return .double(d)
    }

    mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<pos + 4], as: UTF8.self), radix: 16) else { throw fail() }
        pos += 4
        return v
    }

    mutating func string() throws -> String {
        pos += 1  // the opening quote
        var out: [UInt8] = []
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                pos += 1
                continue
            }
            pos += 1
            guard pos < bytes.count else { throw fail() }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "u"):
                var v = try hex4()
                if v >= 0xD800 && v < 0xDC00, pos + 6 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    pos += 2
                    let lo = try hex4()
                    if lo >= 0xDC00 && lo < 0xE000 { v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00) } else { v = 0xFFFD }
                }
                let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                out += Array(String(scalar).utf8)
            default: out.append(e)  // \" \\ \/
            }
        }
        throw fail()
    }
}
