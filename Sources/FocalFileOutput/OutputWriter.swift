#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one output so that nothing is ever destroyed: the project's one writer.
///
/// - A new path or a regular file: the bytes go to a temporary file beside it, which is flushed
///   to disk and renamed over the destination on ``commit()``; an existing file keeps its
///   permissions. Until then, and whenever anything fails, an existing file is untouched and the
///   temporary file is removed.
/// - A symlink: the same for the file at the end of its chain of links; the link itself is kept.
/// - Anything else that exists (a FIFO, a character device, a socket): opened for writing as it
///   is and written in place, never truncated, replaced or removed.
/// - ``OutputDestination/standardOutput``: the process's standard output, left open.
public struct OutputWriter: ~Copyable {
    /// What happens to the bytes on ``commit()``.
    private enum Mode {
        /// Renamed from `temporary` over `destination`.
        case replace(temporary: String, destination: String)
        /// Already in place: a FIFO, a device, standard output.
        case inPlace(closes: Bool)
    }

    private let displayName: String
    private let mode: Mode
    private var descriptor: Int32
    private var isCommitted = false

    /// Opens `destination` for writing: creates the temporary file beside a new or regular file,
    /// or opens a FIFO or device in place.
    ///
    /// - Throws: ``OutputFileError`` naming the destination as given: a folder, a missing folder,
    ///   or the system's refusal.
    public init(destination: OutputDestination) throws(OutputFileError) {
        displayName = destination.displayName
        guard case .path(let path) = destination else {
            mode = .inPlace(closes: false)
            descriptor = STDOUT_FILENO
            return
        }
        let target = try OutputTarget(path: path, displayName: displayName)
        switch target.kind {
        case .folder:
            throw OutputFileError(path: displayName, reason: .system(systemMessage(EISDIR)))
        case .inPlace:
            // No O_CREAT and no O_TRUNC: what is there is written as it is, never replaced.
            let opened = Self.retrying { open(target.path, O_WRONLY | O_CLOEXEC | O_NOCTTY) }
            guard opened >= 0 else { throw OutputFileError(path: displayName, reason: .system(systemMessage(errno))) }
            mode = .inPlace(closes: true)
            descriptor = opened
        case .newFile, .regularFile:
            let (temporary, opened) = try Self.createTemporary(beside: target.path, displayName: displayName)
            if case .regularFile(let permissions, let owner, let group) = target.kind {
                // The owner first: changing it may clear the set-id bits that fchmod then restores.
                _ = fchown(opened, owner, group)
                _ = fchmod(opened, permissions)
            }
            mode = .replace(temporary: temporary, destination: target.path)
            descriptor = opened
        }
    }

    /// Appends `bytes` to the output.
    ///
    /// - Throws: ``OutputFileError`` with the system's message (a full disk, a closed pipe).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) throws(OutputFileError) {
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

    /// Appends the bytes of `bytes` to the output.
    public mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) throws(OutputFileError) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        let result = array.withUnsafeBytes { buffer in
            Result { () throws(OutputFileError) in try self.append(buffer) }
        }
        try result.get()
    }

    /// Completes the output: flushes and renames a temporary file over its destination, or closes
    /// a FIFO or device (standard output stays open).
    ///
    /// - Throws: ``OutputFileError``; a temporary file is then removed and the destination is as it was.
    public consuming func commit() throws(OutputFileError) {
        switch mode {
        case .inPlace(let closes):
            if closes {
                let closed = close(descriptor)
                descriptor = -1
                guard closed == 0 else { throw failure(errno) }
            }
        case .replace(let temporary, let destination):
            guard fsync(descriptor) == 0 else { throw failure(errno) }
            let closed = close(descriptor)
            descriptor = -1
            guard closed == 0 else { throw failure(errno) }
            guard rename(temporary, destination) == 0 else { throw failure(errno) }
        }
        isCommitted = true
    }

    private func failure(_ code: Int32) -> OutputFileError {
        OutputFileError(path: displayName, reason: .system(systemMessage(code)))
    }

    deinit {
        switch mode {
        case .inPlace(let closes):
            if closes, descriptor >= 0 { close(descriptor) }
        case .replace(let temporary, _):
            if descriptor >= 0 { close(descriptor) }
            // Not committed: remove the partial temporary file; the destination was never touched.
            if !isCommitted { unlink(temporary) }
        }
    }

    /// Creates a new, empty temporary file in the folder of `path`, named after it.
    private static func createTemporary(beside path: String, displayName: String) throws(OutputFileError) -> (String, Int32) {
        let prefix = OutputTarget.folder(of: path) + "/." + OutputTarget.name(of: path) + ".tmp-"
        var attempt = 0
        while true {
            let candidate = prefix + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            // 0o666 before the umask: the permissions a plain `open(..., "w")` gives a new file.
            let opened = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if opened >= 0 { return (candidate, opened) }
            let code = errno
            attempt += 1
            if code == EINTR || (code == EEXIST && attempt < 100) { continue }
            throw OutputFileError(path: displayName, reason: .system(systemMessage(code)))
        }
    }

    /// Repeats a system call interrupted by a signal (opening a FIFO waits for a reader).
    private static func retrying(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }
}
