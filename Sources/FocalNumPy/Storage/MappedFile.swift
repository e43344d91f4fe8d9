import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files without copying them: a regular file is memory-mapped read-only, so its
/// bytes are paged in from the page cache on demand and never duplicated in the process's own
/// memory. Other files (pipes, devices) are read into memory, up to the end of the array's data.
enum MappedFile {
    /// The addresses of a read-only, private mapping of a file.
    struct Region: Sendable, Equatable {
        var start: UInt
        var byteCount: Int

        /// Whether all `count` bytes at `pointer` lie in the region.
        func contains(_ pointer: UnsafeRawPointer, byteCount count: Int) -> Bool {
            let address = UInt(bitPattern: pointer)
            guard address >= start, count >= 0, count <= byteCount else { return false }
            return address - start <= UInt(byteCount - count)
        }
    }

    /// The contents of the file at `path`, and the region it is mapped at (`nil` if it was read
    /// instead). Errors name `displayPath`.
    ///
    /// The returned `Data` owns the mapping and unmaps it when the last copy of it (or of a slice
    /// of it) is released. As with any mapping, a file truncated by another process while mapped
    /// can make later access fault; `.npy` inputs are not expected to change while being read.
    static func contents(ofFile path: String, displayPath: String) throws(NumPyError) -> (data: Data, region: Region?) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno, displayPath) }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(errno, displayPath) }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { throw failure(EISDIR, displayPath) }
        if kind == S_IFREG {
            let size = Int(status.st_size)
            if size == 0 { return (Data(), nil) }
            if let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
               mapping != UnsafeMutableRawPointer(bitPattern: -1) {
                _ = madvise(mapping, size, MADV_SEQUENTIAL)
                let data = Data(bytesNoCopy: mapping, count: size, deallocator: .custom { pointer, count in
                    _ = munmap(pointer, count)
                })
                return (data, Region(start: UInt(bitPattern: mapping), byteCount: size))
            }
            // Some file systems cannot be mapped: fall back to reading.
        }
        return (try readStream(descriptor, displayPath: displayPath), nil)
    }

    /// Drops the whole pages of `byteCount` bytes at `pointer` from the process's resident memory,
    /// if they lie in `region`. The bytes stay valid: a later access pages them in again from the
    /// file (the mapping is private and never written). Used once elements have been copied out,
    /// so that reading a large file holds one copy of the data in memory, not two.
    static func releasePages(_ pointer: UnsafeRawPointer, byteCount: Int, in region: Region) {
        guard region.contains(pointer, byteCount: byteCount) else { return }
        let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))
        guard pageSize > 0 else { return }
        let address = UInt(bitPattern: pointer)
        let first = (address + pageSize - 1) / pageSize * pageSize
        let end = (address + UInt(byteCount)) / pageSize * pageSize
        guard end > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(start, Int(end - first), MADV_DONTNEED)
    }

    /// Reads a `.npy` file from a stream (a pipe or a device), stopping at the end of the data
    /// its header announces, so that an endless device is not read forever. Whatever is malformed
    /// is left for the parser to report.
    private static func readStream(_ descriptor: Int32, displayPath: String) throws(NumPyError) -> Data {
        var data = Data()
        /// Appends up to `count` more bytes; false if the stream ended first.
        func append(_ count: Int) throws(NumPyError) -> Bool {
            let chunkSize = 1 << 20
            let chunk = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
            defer { chunk.deallocate() }
            var remaining = count
            while remaining > 0 {
                let received = read(descriptor, chunk, min(remaining, chunkSize))
                if received == 0 { return false }
                if received < 0 {
                    if errno == EINTR { continue }
                    throw failure(errno, displayPath)
                }
                data.append(chunk.assumingMemoryBound(to: UInt8.self), count: received)
                remaining -= received
            }
            return true
        }
        // Magic and version; then the header length, whose size depends on the version.
        guard try append(8), data.prefix(6).elementsEqual(NPYPreamble.magic) else { return data }
        let lengthSize = data[data.startIndex + 6] == 1 ? 2 : 4
        guard try append(lengthSize) else { return data }
        let headerLength = data.suffix(lengthSize).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard try append(headerLength) else { return data }
        let parsed = data.withUnsafeBytes { raw in try? NPYPreamble.parse(raw) }
        guard let byteCount = parsed?.header.byteCount else { return data }
        _ = try append(byteCount)
        return data
    }

    private static func failure(_ code: Int32, _ displayPath: String) -> NumPyError {
        NumPyError(path: displayPath, reason: .cannotRead(systemMessage(code)))
    }
}
