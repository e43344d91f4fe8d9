import Foundation

/// One case of the focal-loss reference file `Tests/Fixtures/reference/focal_reference.json`,
/// decoded independently of the code under test.
///
/// The file (a copy of `shared/reference/focal_reference.json`) holds the definition evaluated in
/// 60-digit arithmetic and each gradient entry by numerical differentiation of it. Fields:
/// `kind` (`sigmoid`/`softmax`), `input` (`logits`/`probabilities`), `shape`, `x` (row-major),
/// softmax `classAxis`, `targets` or `labels` with `ignoreIndex`, `alpha` (none, a number, or one
/// per class), `gamma`, `reduction` (`none`/`sum`/`mean`), `labelSmoothing`, `loss` (one number,
/// or one per element or position for `none`) and `gradient` (same layout as `x`).
public struct ReferenceCase: Decodable, Sendable, CustomStringConvertible {
    /// The case's class weighting.
    public enum Alpha: Decodable, Sendable {
        case none, constant(Double), perClass([Double])
        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .none }
            else if let value = try? container.decode(Double.self) { self = .constant(value) }
            else { self = .perClass(try container.decode([Double].self)) }
        }
    }

    /// One reduced loss or one loss per element (position).
    public enum Values: Decodable, Sendable {
        case scalar(Double), array([Double])
        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) { self = .scalar(value) }
            else { self = .array(try container.decode([Double].self)) }
        }
        /// The values as an array (one element for a reduced loss).
        public var array: [Double] {
            switch self {
            case .scalar(let value): return [value]
            case .array(let values): return values
            }
        }
    }

    public var name: String
    public var kind: String
    public var input: String
    public var shape: [Int]
    public var classAxis: Int?
    public var x: [Double]
    public var targets: [Double]?
    public var labels: [Int]?
    public var weights: [Double]?
    public var normalizer: Double?
    public var alpha: Alpha
    public var gamma: Double
    public var reduction: String
    public var labelSmoothing: Double?
    public var ignoreIndex: Int?
    public var loss: Values
    public var gradient: [Double]

    public var description: String { name }

    /// Whether gradient entries may cross zero (soft targets or label smoothing), for which the
    /// reference README allows an absolute tolerance of `rtol * max|gradient|`.
    public var gradientCrossesZero: Bool {
        if (labelSmoothing ?? 0) > 0 { return true }
        guard let targets else { return false }
        return targets.contains { $0 != 0 && $0 != 1 }
    }

    /// The shape without the class axis: the shape of labels, weights and per-position losses.
    public var positionShape: [Int] {
        guard kind == "softmax" else { return shape }
        var copy = shape
        let axis = classAxis ?? 1
        copy.remove(at: axis < 0 ? shape.count + axis : axis)
        return copy
    }

    /// The path of the reference file, relative to `Tests/Fixtures/`.
    public static let file = "reference/focal_reference.json"

    private struct File: Decodable { var cases: [ReferenceCase] }

    private static let loaded = Result(catching: { () throws(FixtureError) -> [ReferenceCase] in
        try Fixture.decode(File.self, fromJSON: file).cases
    })

    /// Every case of the reference file; throws a ``FixtureError`` naming the file when it is
    /// missing or malformed (read once per test process).
    public static func all() throws(FixtureError) -> [ReferenceCase] {
        try loaded.get()
    }

    /// The cases of one `kind` (`sigmoid` or `softmax`).
    public static func cases(kind: String) throws(FixtureError) -> [ReferenceCase] {
        try all().filter { $0.kind == kind }
    }

    /// The first case whose name starts with `prefix`; throws when the file has none.
    public static func named(_ prefix: String) throws(FixtureError) -> ReferenceCase {
        guard let found = try all().first(where: { $0.name.hasPrefix(prefix) }) else {
            throw FixtureError(path: Fixture.url(file).path, reason: "has no case named '\(prefix)…'")
        }
        return found
    }
}
