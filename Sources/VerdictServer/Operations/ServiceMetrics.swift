import Foundation
import Prometheus

/// What /metrics reports: requests by route and status, their latencies, dossiers checked by status.
/// Each server has its own registry (tests start several in one process).
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30)]

    func request(method: String, route: String, status: Int, seconds: Double) {
        registry.makeCounter(descriptor: .init(metricName: "verdict_http_requests_total", helpText: "HTTP requests answered, by method, route and status"),
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: .init(metricName: "verdict_http_request_duration_seconds", helpText: "Time to answer a request, by method and route"),
                                       labels: [("method", method), ("route", route)], buckets: ServiceMetrics.buckets)
            .recordNanoseconds(Int64(seconds * 1_000_000_000))
    }

    /// `compliant`, `noncompliant`, `incomplete`, or `unreadable` (422).
    func checked(_ status: String) {
        registry.makeCounter(descriptor: .init(metricName: "verdict_dossiers_checked_total", helpText: "Dossiers checked (POST /api/v1/check and /api/v1/dossiers), by status"),
                             labels: [("status", status)]).increment()
    }

    func reload(ok: Bool) {
        registry.makeCounter(descriptor: .init(metricName: "verdict_rule_reloads_total", helpText: "Rule reloads (SIGHUP or POST /api/v1/admin/reload), by result"),
                             labels: [("result", ok ? "ok" : "failed")]).increment()
    }

    func text() -> String { registry.emitToString() }
}
