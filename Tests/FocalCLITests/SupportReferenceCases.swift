import Foundation
import Testing

/// One case of `../shared/reference/focal_reference.json` (format in `../shared/README.md`),
/// decoded independently of the code under test.
struct CLIReferenceCase: Decodable, CustomTestStringConvertible, Sendable {
    enum Alpha: Decodable, Sendable {
        case none, scalar(Double), perClass([Double])
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .none }
            else if let value = try? container.decode(Double.self) { self = .scalar(value) }
            else { self = .perClass(try container.decode([Double].self)) }
        }
    }
    enum Values: Decodable, Sendable {
        case scalar(Double), array([Double])
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) { self = .scalar(value) }
            else { self = .array(try container.decode([Double].self)) }
        }
        var array: [Double] {
            switch self {
            case .scalar(let value): return [value]
            case .array(let values): return values
            }
        }
    }

    var name: String
    var kind: String
    var input: String
    var shape: [Int]
    var classAxis: Int?
    var x: [Double]
    var targets: [Double]?
    var labels: [Int]?
    var weights: [Double]?
    var normalizer: Double?
    var alpha: Alpha
    var gamma: Double
    var reduction: String
    var labelSmoothing: Double?
    var ignoreIndex: Int?
    var loss: Values
    var gradient: [Double]

    var testDescription: String { name }

    /// Whether gradient entries may cross zero (soft targets or label smoothing): the README
    /// then allows an absolute tolerance of `rtol * max|gradient|`.
    var gradientCrossesZero: Bool {
        if (labelSmoothing ?? 0) > 0 { return true }
        guard let targets else { return false }
        return targets.contains { $0 != 0 && $0 != 1 }
    }

    /// The shape without the class axis: the shape of labels, weights and per-position losses.
    var positionShape: [Int] {
        guard kind == "softmax" else { return shape }
        var copy = shape
        copy.remove(at: (classAxis ?? 1) < 0 ? shape.count + classAxis! : (classAxis ?? 1))
        return copy
    }

    /// The `--alpha` value, if any.
    var alphaOption: String? {
        switch alpha {
        case .none: return nil
        case .scalar(let value): return "\(value)"
        case .perClass(let values): return values.map { "\($0)" }.joined(separator: ",")
        }
    }

    static let all: [CLIReferenceCase] = {
        let url = CLITestPaths.packageRoot.appendingPathComponent("../shared/reference/focal_reference.json")
        do {
            struct File: Decodable { var cases: [CLIReferenceCase] }
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
        } catch {
            fatalError("cannot read the shared reference file at \(url.path): \(error)")
        }
    }()
}

/// `|got - expected| <= rtol |expected| + atol`, recorded as an issue naming `what` otherwise.
func expectCLIClose(_ got: Double, _ expected: Double, rtol: Double, atol: Double, _ what: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let ok = abs(got - expected) <= rtol * abs(expected) + atol
    #expect(ok, "\(what): got \(got), expected \(expected)", sourceLocation: sourceLocation)
}

/// Paths the CLI tests need.
enum CLITestPaths {
    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty folder under the system's temporary folder, removed after `body`.
    static func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("focal-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// The files in `directory`, hidden ones (temporary files) included, sorted.
    static func contents(of directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }
}
