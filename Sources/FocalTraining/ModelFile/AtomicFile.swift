import FocalFileOutput
import Foundation

/// Writing a whole file so that it appears complete or not at all, with the project's one writer
/// (FocalFileOutput's `OutputWriter`).
public enum AtomicFile {
    /// Writes `data` to `url`: a new or regular file through a temporary file beside it, flushed
    /// and renamed over `url` (an existing file keeps its permissions); a symlink's final target
    /// the same way, the link kept; a FIFO or device in place, never replaced. On failure the
    /// temporary file is removed and `url` is untouched.
    ///
    /// - Throws: ``ModelFileError/unwritable(file:reason:)``.
    public static func write(_ data: Data, to url: URL) throws(ModelFileError) {
        do {
            try OutputFile.write(data, to: .path(url.path))
        } catch {
            switch error.reason {
            case .system(let message): throw .unwritable(file: url.path, reason: message)
            default: throw .unwritable(file: url.path, reason: error.reason.description)
            }
        }
    }
}
