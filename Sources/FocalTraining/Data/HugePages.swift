#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large buffer with 2 MB pages where it can: a file of 100 MB read
/// into fresh memory then faults in some 50 pages instead of 25,000 (Linux only; elsewhere, and
/// where transparent huge pages are off, nothing changes).
enum HugePages {
    /// Buffers smaller than this are left as they are.
    static let threshold = 8 << 20

    /// Advises huge pages for the 2 MB-aligned part of `count` bytes from `start`, before they are written.
    static func advise(_ start: UnsafeMutableRawPointer, count: Int) {
        #if os(Linux)
        guard count >= threshold else { return }
        let size = 2 << 20
        let first = (Int(bitPattern: start) + size - 1) & ~(size - 1)
        let last = (Int(bitPattern: start) + count) & ~(size - 1)
        guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        #endif
    }
}
