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
        let window = jobs * 4
        let lock = NSCondition()
        var next = 0
        var delivered = 0
        var ready: [Int: Outcome] = [:]
        var threads: [Thread] = []
        for _ in 0..<jobs {
            let t = Thread { [self] in
                while true {
                    lock.lock()
                    while next - delivered >= window { lock.wait() }
                    let i = next
                    next += 1
                    lock.unlock()
                    if i >= files.count { return }
                    let outcome = self.check(files[i])
                    lock.lock()
                    ready[i] = outcome
                    lock.broadcast()
                    lock.unlock()
                }
            }
            t.stackSize = 256 << 20  // deep rule expressions and libxml2 recursion
            threads.append(t)
            t.start()
        }
        while delivered < files.count {
            lock.lock()
            var outcome = ready.removeValue(forKey: delivered)
            while outcome == nil {
                lock.wait()
                outcome = ready.removeValue(forKey: delivered)
            }
            let i = delivered
            delivered += 1
            lock.broadcast()
            lock.unlock()
            if let outcome { deliver(i, outcome) }
        }
    }

    public static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
