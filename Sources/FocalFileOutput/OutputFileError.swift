/// Why an output could not be written, naming the output as the caller gave it.
public struct OutputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        /// The folder the output would go into does not exist.
        case missingFolder(String)
        /// The path of the output's folder names something that is not a folder.
        case notAFolder(String)
        /// The output path names a folder.
        case isAFolder
        /// The system refused an operation; the system's message.
        case system(String)

        /// The reason as a phrase: `the folder 'out' does not exist`.
        public var description: String {
            switch self {
            case .missingFolder(let folder): return "the folder '\(folder)' does not exist"
            case .notAFolder(let folder): return "'\(folder)' is not a folder"
            case .isAFolder: return "is a folder, not a file"
            case .system(let message): return "cannot write: \(message)"
            }
        }
    }

    /// The output, as the caller named it (`-` for standard output).
    public let path: String
    /// What went wrong.
    public let reason: Reason

    /// An error about the output `path`.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// One line: `out/m.json: the folder 'out' does not exist`.
    public var description: String { "\(path): \(reason)" }
}
