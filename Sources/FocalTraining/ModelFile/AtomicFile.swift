import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing a whole file so that it appears complete or not at all.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, flushes it, and renames it over `url`.
    /// On failure the temporary file is removed and `url` is untouched.
    ///
    /// - Throws: ``ModelFileError/unwritable(file:reason:)``.
    public static func write(_ data: Data, to url: URL) throws(ModelFileError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(file: url.path, reason: CSVTable.reason(error))
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .unwritable(file: url.path, reason: reason)
        }
    }
}
