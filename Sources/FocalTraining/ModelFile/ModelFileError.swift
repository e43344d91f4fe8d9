/// An error reading or writing a model file.
public enum ModelFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The file is empty.
    case empty(file: String)
    /// The file ends in the middle of the JSON document (an interrupted copy, a full disk).
    case truncated(file: String)
    /// The file is not a model file: invalid JSON, or JSON without the fields of a model.
    case corrupt(file: String, detail: String)
    /// The file was written by a newer version of Focal in a format this version cannot read.
    case newerVersion(file: String, version: Int, supported: Int)
    /// The file parses but its parts disagree (weights that do not fit the layer sizes, ...).
    case inconsistent(file: String, reason: String)
    /// The file could not be written.
    case unwritable(file: String, reason: String)

    /// A sentence naming the file and the problem.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the model file: \(reason)"
        case .empty(let file):
            return "\(file): the model file is empty"
        case .truncated(let file):
            return "\(file): the model file is truncated (the JSON document ends early)"
        case .corrupt(let file, let detail):
            return "\(file): not a valid model file: \(detail)"
        case .newerVersion(let file, let version, let supported):
            return "\(file): the model file has format version \(version), newer than this focal reads "
                + "(up to \(supported)); upgrade focal"
        case .inconsistent(let file, let reason):
            return "\(file): the model file is inconsistent: \(reason)"
        case .unwritable(let file, let reason):
            return "\(file): cannot write the model file: \(reason)"
        }
    }
}
