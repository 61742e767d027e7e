import Foundation

/// Runs work that recurses through rule expressions on a thread with the CLI's stack size.
/// Loading, checking and evaluating rules recurse as deep as the checker's limits allow
/// (Grammar.md §9.3: expressions 20,000 deep, definition chains 20,000 long): far more than a
/// pool thread's default stack holds. The stack is reserved address space; only what a check
/// uses is ever touched.
enum LargeStack {
    static let size = 1 << 30

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
            guard let value else { preconditionFailure("LargeStack: the worker ended without a result") }
            return value
        }
    }
}
