import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deep but legal rule programs (a sum of 20,000 terms, a chain of 20,000 definitions, 1,000
/// rules each using the next: the limits of `DepthCheck`) recurse deeper than a thread's stack.
/// Rather than run everything on a giant stack, the recursive phases (the checker's types, the
/// resolver, the interpreter, the formatter and lint's walks) ask at each step whether the
/// current stack is nearly used; when it is, the step continues on a fresh segment (a new thread
/// with an ordinary stack, while the caller waits), as rustc's `ensure_sufficient_stack` does.
/// Ordinary programs never leave the thread they started on; a deep one costs a thread per
/// `segmentBytes` of recursion, created only while it is needed.
public enum StackSegments {
    /// The stack of a fresh segment, and what the CLI's and the service's worker threads use.
    public static let segmentBytes = 16 << 20
    /// Kept free at the end of a segment: more than the frames between two checks ever take
    /// (the deepest are a rule's decision and a finding's report; both well under 100 KiB).
    static let reserve = 1 << 20

    /// The address of a local of the caller: where the stack is now (stacks grow down on
    /// every platform Swift runs on here).
    @inline(__always) public static func here() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// The lowest address recursion may reach on this thread before it moves to a new segment.
    /// Cached per thread (asking the system for the main thread's bounds reads /proc).
    public static func floorOfCurrentThread() -> UInt {
        if let cached = pthread_getspecific(floorKey) { return UInt(bitPattern: cached) }
        let floor = systemFloor()
        pthread_setspecific(floorKey, UnsafeRawPointer(bitPattern: floor))
        return floor
    }

    /// True when the current thread's stack is nearly used.
    @inline(__always) public static var isLow: Bool { here() < floorOfCurrentThread() }

    /// Runs `body` on a new thread with a fresh `segmentBytes` stack and waits for it; `body`
    /// receives the new segment's floor. The caller is blocked meanwhile, so whatever `body`
    /// touches is touched by one thread at a time.
    public static func onFreshSegment<T>(_ body: (UInt) -> T) -> T {
        withoutActuallyEscaping(body) { body in
            let hop = Hop(body)
            let thread = Thread { hop.run() }
            thread.stackSize = segmentBytes
            thread.start()
            hop.done.wait()
            guard let result = hop.result else { preconditionFailure("StackSegments: a segment ended without a result") }
            return result
        }
    }

    /// Runs `body` here, or on a fresh segment when this thread's stack is nearly used.
    @inline(__always) public static func ensure<T>(_ body: () -> T) -> T {
        isLow ? onFreshSegment { _ in body() } : body()
    }

    /// The closure and its result, handed to the segment's thread. `@unchecked Sendable`: the
    /// thread that creates it waits on `done` until the segment has stored `result`, so the
    /// closure and the result are never used by two threads at once.
    /// The segment lets go of the closure before it signals: `withoutActuallyEscaping` traps if
    /// the closure is still held when the caller resumes (the thread object outlives the signal).
    private final class Hop<T>: @unchecked Sendable {
        var body: ((UInt) -> T)?
        var result: T?
        let done = DispatchSemaphore(value: 0)
        init(_ body: @escaping (UInt) -> T) { self.body = body }
        func run() {
            if let body { result = body(StackSegments.floorOfCurrentThread()) }
            body = nil
            done.signal()
        }
    }

    private static let floorKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The lowest usable address of this thread's stack plus the reserve; when the system
    /// cannot say, a floor 1 MiB below here (the first deep step then moves to a new segment,
    /// whose bounds are known).
    private static func systemFloor() -> UInt {
        let fallback = here() &- UInt(reserve)
        #if canImport(Glibc)
        // glibc's pthread_getattr_np is a GNU extension the Glibc module does not declare.
        typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getattr_np") else { return fallback }
        let getattr = unsafeBitCast(symbol, to: GetAttr.self)
        var attr = pthread_attr_t()
        guard getattr(pthread_self(), &attr) == 0 else { return fallback }
        defer { pthread_attr_destroy(&attr) }
        var low: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attr, &low, &size) == 0, let low else { return fallback }
        return UInt(bitPattern: low) &+ UInt(reserve)
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = UInt(pthread_get_stacksize_np(pthread_self()))
        return top &- size &+ UInt(reserve)
        #else
        return fallback
        #endif
    }
}
