import Foundation
import VerdictCore

extension CheckEngine {
    /// Judges `files` on `jobs` threads and hands each outcome to `deliver` on the calling
    /// thread, in the files' order. Workers run at most a small window ahead of delivery,
    /// so memory stays bounded however many files there are.
    public func checkAll(_ files: [String], jobs: Int, _ deliver: (Int, Outcome) -> Void) {
        let jobs = max(1, min(jobs, files.count))
        if jobs == 1 {
            for (i, f) in files.enumerated() { deliver(i, check(f)) }
            return
        }
        let queue = OrderedResults(window: jobs * 4)
        for _ in 0..<jobs {
            let t = Thread { [self] in
                while let i = queue.take(), i < files.count {
                    queue.put(i, self.check(files[i]))
                }
            }
            t.stackSize = StackSegments.segmentBytes  // deep rules continue on fresh segments
            t.start()
        }
        for i in 0..<files.count { deliver(i, queue.next(i)) }
        queue.finish()
    }

    public static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// Work handed out by index and results handed back in index order.
/// `@unchecked Sendable`: every stored property is read and written only while `lock` is held.
final class OrderedResults: @unchecked Sendable {
    private let lock = NSCondition()
    private let window: Int
    private var nextIndex = 0
    private var delivered = 0
    private var done = false
    private var ready: [Int: Judge.Outcome] = [:]

    init(window: Int) { self.window = window }

    /// The next index to judge, waiting while the workers are a window ahead; nil once finished.
    func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        while nextIndex - delivered >= window && !done { lock.wait() }
        if done { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func put(_ i: Int, _ outcome: Judge.Outcome) {
        lock.lock(); defer { lock.unlock() }
        ready[i] = outcome
        lock.broadcast()
    }

    /// The outcome of index `i`, waiting for it.
    func next(_ i: Int) -> Judge.Outcome {
        lock.lock(); defer { lock.unlock() }
        while ready[i] == nil { lock.wait() }
        delivered = i + 1
        lock.broadcast()
        return ready.removeValue(forKey: i) ?? .failed([])
    }

    /// Releases the workers once every file is delivered.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        done = true
        lock.broadcast()
    }
}
