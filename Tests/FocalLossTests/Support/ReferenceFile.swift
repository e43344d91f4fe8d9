import Foundation
import Testing

/// One case of `../shared/reference/focal_reference.json` (see `../shared/README.md`).
struct ReferenceCase: Decodable, CustomTestStringConvertible {
    enum Alpha: Decodable {
        case none, scalar(Double), perClass([Double])
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .none }
            else if let value = try? container.decode(Double.self) { self = .scalar(value) }
            else { self = .perClass(try container.decode([Double].self)) }
        }
    }
    enum Values: Decodable {
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

    /// Whether gradient entries may cross zero (soft targets or label smoothing), for which the
    /// reference README allows an absolute tolerance of `rtol * max|gradient|`.
    var gradientCrossesZero: Bool {
        if (labelSmoothing ?? 0) > 0 { return true }
        guard let targets else { return false }
        return targets.contains { $0 != 0 && $0 != 1 }
    }

    static let all: [ReferenceCase] = {
        let url = packageRoot.appendingPathComponent("../shared/reference/focal_reference.json")
        do {
            struct File: Decodable { var cases: [ReferenceCase] }
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
        } catch {
            fatalError("cannot read the shared reference file at \(url.path): \(error)")
        }
    }()

    static func cases(kind: String) -> [ReferenceCase] { all.filter { $0.kind == kind } }
}

extension ReferenceCase {
    /// Checks losses and gradient computed in `precision` against this case at the reference
    /// README's tolerance: `rtol·|ref| + atol`, with `atol = rtol·max|gradient|` for gradient
    /// entries that cross zero.
    func expectMatch(loss: [Double], gradient: [Double], precision: String, rtol: Double, atol: Double,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let expectedLoss = self.loss.array
        #expect(loss.count == expectedLoss.count && gradient.count == self.gradient.count, sourceLocation: sourceLocation)
        for (index, (got, expected)) in zip(loss, expectedLoss).enumerated() {
            expectClose(got, expected, rtol: rtol, atol: atol, "\(precision) loss[\(index)]", sourceLocation: sourceLocation)
        }
        let gradientAtol = gradientCrossesZero ? rtol * self.gradient.map(abs).max()! : atol
        for (index, (got, expected)) in zip(gradient, self.gradient).enumerated() {
            expectClose(got, expected, rtol: rtol, atol: gradientAtol, "\(precision) gradient[\(index)]", sourceLocation: sourceLocation)
        }
    }
}

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
