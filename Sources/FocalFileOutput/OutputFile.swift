import Foundation

/// Writing whole outputs at once, and checking an output's folder before any work starts.
public enum OutputFile {
    /// Writes `data` to `destination` with an ``OutputWriter``: complete or not at all for files,
    /// in place for FIFOs and devices, standard output for ``OutputDestination/standardOutput``.
    ///
    /// - Throws: ``OutputFileError`` naming the destination; an existing file is then unchanged.
    public static func write(_ data: Data, to destination: OutputDestination) throws(OutputFileError) {
        var writer = try OutputWriter(destination: destination)
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(OutputFileError) in try writer.append(bytes) }
        }
        try result.get()
        try writer.commit()
    }

    /// Checks that `destination` can be written before the work that produces it starts: its
    /// folder (after following symlinks) exists and is a folder, and it does not name a folder.
    /// Standard output always passes.
    ///
    /// - Throws: ``OutputFileError`` naming the destination and the folder.
    public static func checkFolder(of destination: OutputDestination) throws(OutputFileError) {
        guard case .path(let path) = destination else { return }
        let name = destination.displayName
        if path.isEmpty || path.hasSuffix("/") { throw OutputFileError(path: name, reason: .isAFolder) }
        let target = try OutputTarget(path: path, displayName: name)
        switch target.kind {
        case .folder:
            throw OutputFileError(path: name, reason: .isAFolder)
        case .inPlace, .regularFile:
            return
        case .newFile:
            let folder = OutputTarget.folder(of: target.path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
                throw OutputFileError(path: name, reason: .missingFolder(folder))
            }
            guard isFolder.boolValue else { throw OutputFileError(path: name, reason: .notAFolder(folder)) }
        }
    }
}
