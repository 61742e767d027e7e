import Foundation
import NIOPosix

/// Runs checks on their own threads, each with a deadline: the event loops never wait on a
/// check, and a check past its deadline answers 503 while its thread finishes in the background.
final class CheckRunner: Sendable {
    let pool: NIOThreadPool
    let timeout: Double

    init(threads: Int, timeout: Double) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        self.timeout = timeout
    }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        let race = Race<T>()
        let seconds = timeout
        return try await withCheckedThrowingContinuation { continuation in
            race.arm(continuation)
            let timer = Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                if Task.isCancelled { return }
                race.finish(.failure(APIError(.serviceUnavailable,
                    "the check took longer than the server's limit of \(CheckRunner.format(seconds)) s; try again later or split the dossier")))
            }
            race.setTimer(timer)
            pool.submit { state in
                guard case .active = state else {
                    race.finish(.failure(APIError(.serviceUnavailable, "the server is shutting down; try again in a moment")))
                    return
                }
                race.finish(.success(WorkerThread.run(work)))
            }
        }
    }

    static func format(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(s)
    }
}

/// The first of the check and its deadline to finish answers; the other is ignored.
final class Race<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Error>?
    private var timer: Task<Void, Never>?

    func arm(_ c: CheckedContinuation<T, Error>) {
        lock.lock()
        continuation = c
        lock.unlock()
    }

    func setTimer(_ t: Task<Void, Never>) {
        lock.lock()
        let done = continuation == nil
        if !done { timer = t }
        lock.unlock()
        if done { t.cancel() }
    }

    func finish(_ r: Result<T, Error>) {
        lock.lock()
        let c = continuation
        continuation = nil
        let t = timer
        timer = nil
        lock.unlock()
        t?.cancel()
        c?.resume(with: r)
    }
}
