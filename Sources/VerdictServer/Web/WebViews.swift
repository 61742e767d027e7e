import Foundation
import Hummingbird
import HTTPTypes
import Mustache
import NIOCore

/// The workspace's Mustache templates and static files, read once from the target's resources.
/// Pages load nothing from another host: the Content-Security-Policy says so to the browser.
final class WebViews: Sendable {
    static let shared = WebViews()

    let library: MustacheLibrary
    let staticFiles: [String: (type: String, bytes: [UInt8])]

    init() {
        let fm = FileManager.default
        var templates: [String: MustacheTemplate] = [:]
        var files: [String: (type: String, bytes: [UInt8])] = [:]
        if let dir = Bundle.module.resourceURL {
            let tdir = dir.appendingPathComponent("templates")
            for name in (try? fm.contentsOfDirectory(atPath: tdir.path)) ?? [] where name.hasSuffix(".mustache") {
                guard let text = try? String(contentsOf: tdir.appendingPathComponent(name), encoding: .utf8) else { continue }
                do {
                    templates[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
                } catch {
                    FileHandle.standardError.write(Data("web template \(name) does not parse: \(error)\n".utf8))
                }
            }
            let sdir = dir.appendingPathComponent("static")
            for name in (try? fm.contentsOfDirectory(atPath: sdir.path)) ?? [] {
                guard let data = fm.contents(atPath: sdir.appendingPathComponent(name).path) else { continue }
                files[name] = (type: WebViews.contentType(name), bytes: [UInt8](data))
            }
        }
        library = MustacheLibrary(templates: templates)
        staticFiles = files
    }

    static func contentType(_ name: String) -> String {
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        if name.hasSuffix(".svg") { return "image/svg+xml" }
        return "application/octet-stream"
    }

    /// A page: the named template with the context, inside the shared layout (`layout.mustache`).
    func render(_ template: String, _ context: [String: Any], caller: Caller? = nil) -> String {
        var c = context
        if let caller {
            c["user"] = caller.name
            c["role"] = caller.role.description
            c["loggedIn"] = true
        }
        c["body"] = library.render(c, withTemplate: template) ?? ""
        return library.render(c, withTemplate: "layout") ?? ""
    }

    func staticFile(_ name: String) throws -> Response {
        guard let f = staticFiles[name] else { throw HTTPError(.notFound) }
        var headers = HTTPFields()
        headers[.contentType] = f.type
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: f.bytes)))
    }

    /// Nothing from another host, no inline script or style.
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String, cookie: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }

    static func queryEscape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")) ?? s
    }

    static func pathEscape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? s
    }

    /// `2026-12-07 11:05` in Asia/Shanghai, for "stored at".
    static func shanghaiTime(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: d)
    }

    static func statusLabel(_ status: String) -> String {
        switch status {
        case "compliant": return "合规 compliant"
        case "noncompliant": return "不合规 noncompliant"
        case "incomplete": return "待补充 incomplete"
        default: return status
        }
    }
}
