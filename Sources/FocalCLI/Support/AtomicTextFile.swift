import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole text file so that it appears complete or not at all.
enum AtomicTextFile {
    /// Writes `text` (UTF-8) to a temporary file beside `path` and renames it over `path`. On any
    /// failure the temporary file is removed, an existing file at `path` is left untouched, and
    /// the error names `option` and `path`.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - path: The destination, as the user gave it.
    ///   - option: The option that named the file, such as `--out`, for the error message.
    /// - Throws: ``CLIError`` `--out plot.svg: cannot write: <system message>`.
    static func write(_ text: String, to path: String, option: String) throws(CLIError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(UInt64.random(in: 0...UInt64.max))")
        func failure(_ reason: String) -> CLIError {
            try? FileManager.default.removeItem(at: temporary)
            return CLIError(option: "\(option) \(path)", "cannot write: \(reason)")
        }
        if let existing = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
           existing == .typeDirectory {
            throw CLIError(option: "\(option) \(path)", "is a directory")
        }
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw failure(Self.reason(error))
        }
        if rename(temporary.path, url.path) != 0 {
            throw failure(String(cString: strerror(errno)))
        }
    }

    /// The system's message inside a Foundation file error, without Foundation's wording.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileWriteNoPermissionError: return String(cString: strerror(EACCES))
            case NSFileNoSuchFileError, NSFileWriteFileExistsError: return String(cString: strerror(ENOENT))
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
