/// Where an output goes: standard output, or a path in the file system.
///
/// A command line spells standard output `-`; ``init(commandLineArgument:)`` reads that
/// convention. Library callers that take a URL always write to a path, even one named `-`.
public enum OutputDestination: Equatable, Sendable {
    /// The process's standard output.
    case standardOutput
    /// A path as the user gave it: a new file, a regular file, a symlink, a FIFO, a device.
    case path(String)

    /// The destination a command-line argument names: `-` is standard output, anything else a path.
    public init(commandLineArgument argument: String) {
        self = argument == "-" ? .standardOutput : .path(argument)
    }

    /// How messages name the destination: the path, or `-` for standard output.
    public var displayName: String {
        switch self {
        case .standardOutput: return "-"
        case .path(let path): return path
        }
    }
}
