#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What an output path leads to once its symlinks are followed, and so how it is written.
struct OutputTarget {
    /// How the file at the end of the path is written.
    enum Kind: Equatable {
        /// Nothing is there yet: a new file, written beside and renamed into place.
        case newFile
        /// A regular file, replaced by a renamed temporary file with the same permissions.
        case regularFile(mode: mode_t, owner: uid_t, group: gid_t)
        /// A folder: never written.
        case folder
        /// Anything else (a character or block device, a FIFO, a socket): opened and written in
        /// place, never replaced or removed.
        case inPlace
    }

    /// The path at the end of the symlink chain (the path itself when it is not a symlink).
    let path: String
    /// What is there.
    let kind: Kind

    /// The most symlinks followed before giving up, as the system's `SYMLOOP_MAX`.
    static let symlinkLimit = 40

    /// Follows the symlinks of `path` (the link is kept; its final target is written) and looks at
    /// what is there.
    ///
    /// - Throws: ``OutputFileError`` naming `displayName` for a symlink loop or an unreadable link.
    init(path original: String, displayName: String) throws(OutputFileError) {
        var path = original
        for _ in 0...Self.symlinkLimit {
            var status = stat()
            guard lstat(path, &status) == 0 else {
                let code = errno
                guard code == ENOENT else {
                    throw OutputFileError(path: displayName, reason: .system(systemMessage(code)))
                }
                self.path = path
                kind = .newFile
                return
            }
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                path = try Self.linkTarget(of: path, displayName: displayName)
                continue
            case S_IFREG:
                kind = .regularFile(mode: status.st_mode & 0o7777, owner: status.st_uid, group: status.st_gid)
            case S_IFDIR:
                kind = .folder
            default:
                kind = .inPlace
            }
            self.path = path
            return
        }
        throw OutputFileError(path: displayName, reason: .system(systemMessage(ELOOP)))
    }

    /// Where the symlink at `path` points, relative links taken from the link's folder.
    private static func linkTarget(of path: String, displayName: String) throws(OutputFileError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw OutputFileError(path: displayName, reason: .system(systemMessage(errno))) }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        return folder(of: path) + "/" + target
    }

    /// The folder part of `path`: `.` for a bare name, `/` for a file at the root.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The last part of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
