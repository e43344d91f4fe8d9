import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that it appears complete or not at all: the bytes go to a new temporary file
/// in the same directory, which is flushed to disk and then renamed over the destination. On any
/// failure the temporary file is removed and an existing destination is left untouched.
struct AtomicFileWriter: ~Copyable {
    private let destination: String
    private let temporary: String
    private let displayPath: String
    private var descriptor: Int32
    private var isCommitted = false

    /// Creates the temporary file next to `url`. Errors name `displayPath`.
    init(url: URL, displayPath: String) throws(NumPyError) {
        destination = url.path
        self.displayPath = displayPath
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        var attempt = 0
        while true {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let candidate = directory + "/." + name + ".tmp-" + suffix
            // 0o666 before the umask: the same permissions a plain `open(..., "w")` gives.
            let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if opened >= 0 {
                temporary = candidate
                descriptor = opened
                return
            }
            let code = errno
            attempt += 1
            if code == EINTR || (code == EEXIST && attempt < 100) { continue }
            throw NumPyError(path: displayPath, reason: .cannotWrite(systemMessage(code)))
        }
    }

    /// Appends `bytes` to the temporary file.
    mutating func append(_ bytes: UnsafeRawBufferPointer) throws(NumPyError) {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, next, min(remaining, 1 << 30))
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            next += written
            remaining -= written
        }
    }

    /// Flushes the temporary file and renames it over the destination.
    consuming func commit() throws(NumPyError) {
        guard fsync(descriptor) == 0 else { throw failure(errno) }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw failure(errno) }
        guard rename(temporary, destination) == 0 else { throw failure(errno) }
        isCommitted = true
    }

    private func failure(_ code: Int32) -> NumPyError {
        NumPyError(path: displayPath, reason: .cannotWrite(systemMessage(code)))
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        // Not committed: remove the partial temporary file.
        if !isCommitted { unlink(temporary) }
    }
}
