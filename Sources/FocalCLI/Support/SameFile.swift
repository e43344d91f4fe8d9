import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Guards against an output path that names one of the command's inputs: `train d.csv --out d.csv`
/// would replace the data with a model file. Files are compared as the system resolves them
/// (device and inode, after symlinks), so another spelling of the same path or a link to it counts.
enum SameFile {
    /// A file's identity: its device and inode.
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    /// The identity of the file at `path` (following symlinks), or `nil` when nothing is there.
    static func identity(of path: String) -> Identity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Throws a usage error when the output `path` of `option` is the same file as one of `inputs`
    /// (each an option or argument name with its path; `nil` paths are skipped). A new path is never
    /// an input.
    static func refuse(output path: String?, option: String, inputs: [(name: String, path: String?)]) throws {
        // `-` is standard output or standard input, never a file.
        guard let path, path != "-", let output = identity(of: path) else { return }
        for input in inputs {
            guard let inputPath = input.path, inputPath != "-", identity(of: inputPath) == output else { continue }
            throw ValidationError("\(option) \(path) is the same file as \(input.name) \(inputPath); "
                + "refusing to overwrite an input: choose another output path")
        }
    }
}
