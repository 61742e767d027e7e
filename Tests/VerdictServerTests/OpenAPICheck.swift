import Foundation

/// Checks a response against the server's own /openapi.json: the path and method are documented,
/// the status is one the operation lists, the content type is declared, and a JSON body matches
/// its schema (the subset of JSON Schema the document uses).
struct OpenAPICheck {
    let document: [String: Any]

    init(json: [UInt8]) throws {
        guard let d = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else {
            throw HTTPFailure(description: "openapi.json is not an object")
        }
        document = d
    }

    func problems(method: String, path: String, response r: HTTPResponse) -> [String] {
        guard let paths = document["paths"] as? [String: Any] else { return ["no paths"] }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let template = paths.keys.sorted().first { t in
            let ts = t.split(separator: "/", omittingEmptySubsequences: false)
            guard ts.count == segments.count else { return false }
            return zip(ts, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        } ?? paths.keys.first { $0 == path }
        guard let template, let item = paths[template] as? [String: Any] else {
            // Undocumented paths must answer 404 (or 405) as JSON errors.
            return [404, 405].contains(r.status) ? errorShape(r) : ["\(method) \(path): undocumented path answered \(r.status)"]
        }
        guard let op = item[method.lowercased()] as? [String: Any] else {
            return [404, 405].contains(r.status) ? errorShape(r) : ["\(method) \(template): undocumented method answered \(r.status)"]
        }
        guard let responses = op["responses"] as? [String: Any], var resp = (responses[String(r.status)] ?? responses["default"]) as? [String: Any] else {
            return ["\(method) \(template): status \(r.status) is not documented: \(r.text.prefix(200))"]
        }
        if let ref = resp["$ref"] as? String, let target = resolve(ref) { resp = target }
        guard let content = resp["content"] as? [String: Any] else {
            return r.body.isEmpty ? [] : ["\(method) \(template) \(r.status): a body where none is documented"]
        }
        let type = (r.header("Content-Type") ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = content[type] as? [String: Any] else {
            return ["\(method) \(template) \(r.status): content type `\(type)` not documented (\(content.keys.sorted()))"]
        }
        guard type == "application/json", let schema = media["schema"] else { return [] }
        guard let value = try? JSONSerialization.jsonObject(with: Data(r.body), options: [.fragmentsAllowed]) else {
            return ["\(method) \(template) \(r.status): body is not JSON"]
        }
        return validate(value, schema, at: "\(method) \(template) \(r.status) $")
    }

    func errorShape(_ r: HTTPResponse) -> [String] {
        (r.json["error"] as? String) == nil ? ["\(r.status) without {\"error\"}: \(r.text.prefix(200))"] : []
    }

    func resolve(_ ref: String) -> [String: Any]? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            guard let o = node as? [String: Any], let next = o[String(part)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    func validate(_ value: Any, _ schemaAny: Any, at path: String) -> [String] {
        guard var schema = schemaAny as? [String: Any] else { return [] }
        if let ref = schema["$ref"] as? String {
            guard let target = resolve(ref) else { return ["\(path): unresolved \(ref)"] }
            schema = target
        }
        var out: [String] = []
        if let c = schema["const"], !same(value, c) { out.append("\(path): expected \(c), got \(value)") }
        if let e = schema["enum"] as? [Any], !e.contains(where: { same(value, $0) }) { out.append("\(path): \(value) not in \(e)") }
        if let t = schema["type"] {
            let types = (t as? [String]) ?? [t as? String ?? ""]
            if !types.contains(where: { matches(value, $0) }) { return out + ["\(path): expected \(types), got \(typeName(value))"] }
        }
        if let o = value as? [String: Any] {
            for k in schema["required"] as? [String] ?? [] where o[k] == nil { out.append("\(path): missing `\(k)`") }
            let props = schema["properties"] as? [String: Any] ?? [:]
            for (k, v) in o {
                if let p = props[k] {
                    out += validate(v, p, at: "\(path).\(k)")
                } else if let extra = schema["additionalProperties"] {
                    if let b = extra as? Bool, !b { out.append("\(path): unexpected `\(k)`") }
                    if extra is [String: Any] { out += validate(v, extra, at: "\(path).\(k)") }
                }
            }
        }
        if let a = value as? [Any] {
            if let max = schema["maxItems"] as? Int, a.count > max { out.append("\(path): more than \(max) items") }
            if let items = schema["items"] {
                for (i, v) in a.enumerated() { out += validate(v, items, at: "\(path)[\(i)]") }
            }
        }
        return out
    }

    func same(_ a: Any, _ b: Any) -> Bool { "\(a)" == "\(b)" && typeName(a) == typeName(b) }

    func typeName(_ v: Any) -> String {
        if v is NSNull { return "null" }
        if let n = v as? NSNumber {
            if String(cString: n.objCType) == "c" { return "boolean" }
            return n.doubleValue == n.doubleValue.rounded() ? "integer" : "number"
        }
        if v is String { return "string" }
        if v is [Any] { return "array" }
        if v is [String: Any] { return "object" }
        return "unknown"
    }

    func matches(_ v: Any, _ type: String) -> Bool {
        let t = typeName(v)
        return t == type || (type == "number" && t == "integer")
    }
}
