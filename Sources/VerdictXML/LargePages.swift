#if os(Linux)
import Glibc
#endif

/// Asks Linux to back a large buffer with 2 MB pages (transparent huge pages, which this
/// kernel gives where `madvise` asks): one page fault for each 2 MB written rather than one
/// for each 4 KB. A 200,000-owner dossier's bytes and fact store took about 20,000 faults of
/// some microseconds each (docs/performance.md). Only what is written becomes resident, in
/// 2 MB steps; room reserved and never written stays address space. Buffers under 4 MB are
/// left alone; on other systems, and where the kernel gives no huge pages, nothing changes.
enum LargePages {
    static let threshold = 4 << 20

    /// Advises the room `array` has reserved (its capacity, not only its count).
    static func advise<T>(_ array: inout [T]) {
        #if os(Linux)
        let size = array.capacity * MemoryLayout<T>.stride
        guard size >= threshold else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let page = UInt(4096)
            let first = (UInt(bitPattern: base) + page - 1) & ~(page - 1)
            let end = (UInt(bitPattern: base) + UInt(size)) & ~(page - 1)
            guard end > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(start, Int(end - first), MADV_HUGEPAGE)
        }
        #endif
    }
}
