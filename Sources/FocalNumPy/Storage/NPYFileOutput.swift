import FocalFileOutput

/// The shared output writer (FocalFileOutput) with failures as ``NumPyError``s.
struct NPYFileOutput: ~Copyable {
    private var writer: OutputWriter
    private let displayPath: String

    /// Opens `path` for writing as ``OutputWriter`` does: a file is replaced atomically, a FIFO
    /// or device written in place. Errors name `displayPath`.
    init(path: String, displayPath: String) throws(NumPyError) {
        self.displayPath = displayPath
        do {
            writer = try OutputWriter(destination: .path(path))
        } catch {
            throw Self.numPyError(error, displayPath: displayPath)
        }
    }

    /// Appends `bytes`.
    mutating func append(_ bytes: UnsafeRawBufferPointer) throws(NumPyError) {
        do {
            try writer.append(bytes)
        } catch {
            throw Self.numPyError(error, displayPath: displayPath)
        }
    }

    /// Completes the file (renamed into place, or closed).
    consuming func commit() throws(NumPyError) {
        let path = displayPath
        do {
            try writer.commit()
        } catch {
            throw Self.numPyError(error, displayPath: path)
        }
    }

    private static func numPyError(_ error: OutputFileError, displayPath: String) -> NumPyError {
        switch error.reason {
        case .system(let message): return NumPyError(path: displayPath, reason: .cannotWrite(message))
        default: return NumPyError(path: displayPath, reason: .cannotWrite(error.reason.description))
        }
    }
}
