import Foundation
import Hummingbird
import HTTPTypes
import Logging
import VerdictCore

/// Outermost: a request id in the log metadata and the `X-Request-Id` header, one log line a
/// request, and the request's count and latency for /metrics.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let id = context.id
        var response = try await next(request, context)
        response.headers[.requestId] = id
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = context.endpointPath ?? "unmatched"
        metrics.request(method: request.method.rawValue, route: route, status: response.status.code, seconds: seconds)
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path), "status": .stringConvertible(response.status.code),
            "ms": .stringConvertible(Int(seconds * 1000)),
        ])
        return response
    }
}

/// Every failure becomes `{"error": "…"}` with the right status; nothing internal leaks.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as APIError {
            var r = JSONResponse.make(e.status, e.body ?? JSONResponse.error(e.message))
            for f in e.headers { r.headers.append(f) }
            return r
        } catch let e as HTTPError {
            return JSONResponse.make(e.status, JSONResponse.error(ErrorMiddleware.message(e.status, e.body)))
        } catch let e as any HTTPResponseError {
            return JSONResponse.make(e.status, JSONResponse.error(ErrorMiddleware.message(e.status, nil)))
        } catch {
            context.logger.error("internal error", metadata: ["error": .string(String(describing: error))])
            return JSONResponse.make(.internalServerError, JSONResponse.error("the server could not answer this request; the log has the details (request id \(context.id))"))
        }
    }

    static func message(_ status: HTTPResponse.Status, _ given: String?) -> String {
        switch status {
        case .notFound: return "no such endpoint; GET /openapi.json lists them"
        case .methodNotAllowed: return "this endpoint does not take that method; GET /openapi.json lists what it takes"
        case .contentTooLarge: return "the request body is larger than the server accepts"
        default: return given ?? status.reasonPhrase.lowercased()
        }
    }
}

enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ json: String, contentType: String = "application/json; charset=utf-8") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    static func error(_ message: String) -> String {
        "{\"error\":\(JSONWriter.quote(message))}"
    }
}

extension HTTPField.Name {
    static let requestId = HTTPField.Name("X-Request-Id")!
}
