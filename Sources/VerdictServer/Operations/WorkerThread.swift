import Foundation
import VerdictCore

/// Runs a rules load or a check on its own thread, with the CLI's stack size, off the event
/// loops. Loading, checking and evaluating rules recurse as deep as the checker's limits allow
/// (Grammar.md §9.3: expressions 20,000 deep, definition chains 20,000 long); the core moves
/// such recursion to fresh stack segments (`StackSegments`), so the thread's stack is ordinary.
enum WorkerThread {
    static let size = StackSegments.segmentBytes

    static func run<T>(_ work: @escaping @Sendable () -> T) -> T {
        let result = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.set(work())
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        return result.take()
    }

    static func run<T>(_ work: @escaping @Sendable () throws -> T) throws -> T {
        try run { Result { try work() } }.get()
    }

    /// The value handed from the worker thread; the semaphore orders the write before the read.
    private final class Outcome<T>: @unchecked Sendable {
        private var value: T?
        func set(_ v: T) { value = v }
        func take() -> T {
            guard let value else { preconditionFailure("WorkerThread: the worker ended without a result") }
            return value
        }
    }
}
