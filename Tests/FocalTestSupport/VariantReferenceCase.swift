import Foundation

/// One case of the variants' reference file `Tests/Fixtures/reference/variants_reference.json`
/// (a copy of `shared/reference/variants_reference.json`), decoded independently of the code
/// under test: each variant's definition in 60-digit arithmetic, each gradient entry by numerical
/// differentiation of it. The input is always logits; `params` holds every parameter of the
/// `variant`, defaults written out.
public struct VariantReferenceCase: Decodable, Sendable, CustomStringConvertible {
    /// One parameter value: a number, a list of numbers, a flag, or `null`.
    public enum Parameter: Decodable, Sendable {
        case none, number(Double), numbers([Double]), flag(Bool)
        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .none }
            else if let value = try? container.decode(Bool.self) { self = .flag(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else { self = .numbers(try container.decode([Double].self)) }
        }
    }

    public var name: String
    public var kind: String
    public var variant: String
    public var params: [String: Parameter]
    public var shape: [Int]
    public var classAxis: Int?
    public var x: [Double]
    public var targets: [Double]?
    public var labels: [Int]?
    public var ignoreIndex: Int?
    public var labelSmoothing: Double?
    public var weights: [Double]?
    public var normalizer: Double?
    public var reduction: String
    public var loss: ReferenceCase.Values
    public var gradient: [Double]

    public var description: String { name }

    /// The number parameter `key`; throws when it is missing or not a number.
    public func number(_ key: String) throws(FixtureError) -> Double {
        guard case .number(let value)? = params[key] else {
            throw FixtureError(path: Fixture.url(Self.file).path, reason: "case '\(name)' has no number '\(key)'")
        }
        return value
    }

    /// The flag parameter `key`; throws when it is missing or not a flag.
    public func flag(_ key: String) throws(FixtureError) -> Bool {
        guard case .flag(let value)? = params[key] else {
            throw FixtureError(path: Fixture.url(Self.file).path, reason: "case '\(name)' has no flag '\(key)'")
        }
        return value
    }

    /// The `alpha` parameter: `nil` for none, one number, or one per class.
    public var alpha: Parameter { params["alpha"] ?? .none }

    /// Whether the reference README gives this case's per-element losses and gradients the
    /// absolute tolerance `rtol · max|values|` everywhere (differences of terms of opposite
    /// sign): softmax with label smoothing or soft target tensors, every `asl`, `qfl` and `vfl`
    /// case, and `poly1` with `epsilon < 0`. Sigmoid soft targets take it entry by entry
    /// (``isSoftTarget(at:)``).
    public var crossesZero: Bool {
        if ["asl", "qfl", "vfl"].contains(variant) { return true }
        if variant == "poly1", case .number(let epsilon)? = params["epsilon"], epsilon < 0 { return true }
        if kind == "softmax" {
            if (labelSmoothing ?? 0) > 0 { return true }
            if let targets, targets.contains(where: { $0 != 0 && $0 != 1 }) { return true }
        }
        return false
    }

    /// Whether element `index` of a sigmoid case has a soft target.
    public func isSoftTarget(at index: Int) -> Bool {
        guard kind == "sigmoid", let targets, index < targets.count else { return false }
        return targets[index] != 0 && targets[index] != 1
    }

    /// The path of the reference file, relative to `Tests/Fixtures/`.
    public static let file = "reference/variants_reference.json"

    private struct File: Decodable { var cases: [VariantReferenceCase] }

    private static let loaded = Result(catching: { () throws(FixtureError) -> [VariantReferenceCase] in
        try Fixture.decode(File.self, fromJSON: file).cases
    })

    /// Every case of the file; throws a ``FixtureError`` naming the file when it is missing or
    /// malformed.
    public static func all() throws(FixtureError) -> [VariantReferenceCase] { try loaded.get() }

    /// The cases of one `kind` (`sigmoid` or `softmax`).
    public static func cases(kind: String) throws(FixtureError) -> [VariantReferenceCase] {
        try all().filter { $0.kind == kind }
    }
}
