/// Where in an argument a bad value sits.
public struct ElementLocation: Sendable, Hashable, CustomStringConvertible {
    /// The flat, row-major offset into the argument's storage.
    public var offset: Int
    /// The index along each axis of the argument's shape.
    public var coordinates: [Int]

    /// Creates a location from a flat offset and its coordinates.
    ///
    /// - Parameters:
    ///   - offset: The flat, row-major offset into the argument's storage.
    ///   - coordinates: The index along each axis of the argument's shape.
    public init(offset: Int, coordinates: [Int]) {
        self.offset = offset
        self.coordinates = coordinates
    }

    /// The location as it appears in error messages: `index 7`, or with two or more axes
    /// `index 7 (position [3, 1])`.
    public var description: String {
        if coordinates.count <= 1 { return "index \(offset)" }
        return "index \(offset) (position [\(coordinates.map(String.init).joined(separator: ", "))])"
    }
}

/// An error in the arguments given to a focal-loss kernel.
///
/// Every case names the argument at fault and, where an element is at fault, its value and where
/// it sits, so that the ``description`` alone tells a user what to fix, for example
/// `targets: value 1.5 at index 7 (position [3, 1]) is outside [0, 1]`.
public enum FocalLossError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An argument that must hold at least one element holds none.
    case emptyInput(argument: String)
    /// An argument holds a different number of elements than it must.
    case countMismatch(argument: String, count: Int, expected: Int)
    /// An argument's shape differs from the one it must have.
    case shapeMismatch(argument: String, shape: [Int], expected: [Int])
    /// A shape or axis is not usable (a negative extent, an axis out of range).
    case invalidShape(argument: String, shape: [Int], reason: String)
    /// A scalar parameter (`gamma`, `alpha`, the normaliser, label smoothing, ...) is out of range.
    case invalidParameter(name: String, value: Double, requirement: String)
    /// One element of an array argument is out of range: a NaN logit, a target above 1, ...
    case invalidElement(argument: String, value: Double, location: ElementLocation, requirement: String)
    /// An integer class label is neither a class index in `0..<classCount` nor the ignore index.
    case labelOutOfRange(label: Int, classCount: Int, location: ElementLocation)

    /// A one-line message naming the argument, and where an element is at fault its value,
    /// position and the requirement it breaks, e.g. `gamma: value -1.0 must be finite and >= 0`.
    public var description: String {
        switch self {
        case .emptyInput(let argument):
            return "\(argument): is empty; at least one element is needed"
        case .countMismatch(let argument, let count, let expected):
            return "\(argument): has \(count) elements, expected \(expected)"
        case .shapeMismatch(let argument, let shape, let expected):
            return "\(argument): has shape \(shape), expected \(expected)"
        case .invalidShape(let argument, let shape, let reason):
            return "\(argument): shape \(shape) \(reason)"
        case .invalidParameter(let name, let value, let requirement):
            return "\(name): value \(value) \(requirement)"
        case .invalidElement(let argument, let value, let location, let requirement):
            return "\(argument): value \(value) at \(location) \(requirement)"
        case .labelOutOfRange(let label, let classCount, let location):
            return "labels: value \(label) at \(location) is not a class in 0..<\(classCount) nor the ignore index"
        }
    }
}
