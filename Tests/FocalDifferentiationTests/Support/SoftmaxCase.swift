#if canImport(_Differentiation)
import FocalLoss
import FocalTestSupport
import Testing

/// One configuration of the softmax focal loss and its input.
struct SoftmaxCase: Sendable, CustomTestStringConvertible {
    enum Layout: Sendable, CaseIterable {
        /// `(N, C)`, class axis 1.
        case rows
        /// `(N, C, W)`, class axis 1 (channels first).
        case channelsFirst
        /// `(N, W, C)`, class axis -1 (class last).
        case classLast

        var shape: [Int] {
            switch self {
            case .rows: [5, 3]
            case .channelsFirst: [2, 3, 4]
            case .classLast: [2, 4, 3]
            }
        }
        var classAxis: Int { self == .classLast ? -1 : 1 }
        var resolvedAxis: Int { self == .classLast ? 2 : 1 }
    }

    enum TargetKind: Sendable, CaseIterable { case labels, tensor }

    var layout: Layout
    var targetKind: TargetKind
    var input: PredictionKind
    var reduction: FocalReduction
    var classWeighted: Bool
    var smoothing: Double
    var weighted: Bool

    static let gamma = 2.0
    static let classes = 3
    static let classWeights = [0.25, 1, 2]
    static let ignoreIndex = -1

    static let all: [SoftmaxCase] = {
        var cases: [SoftmaxCase] = []
        for layout in Layout.allCases {
            for targetKind in TargetKind.allCases {
                for input in PredictionKind.allCases {
                    for reduction in [FocalReduction.sum, .mean, .normalized(by: 2.5)] {
                        let k = cases.count
                        cases.append(SoftmaxCase(
                            layout: layout, targetKind: targetKind, input: input, reduction: reduction,
                            classWeighted: k % 2 == 0, smoothing: k % 3 == 1 ? 0.1 : 0, weighted: k % 5 < 2))
                    }
                }
            }
        }
        return cases
    }()

    var testDescription: String {
        "\(layout), \(targetKind), \(input), \(reduction)" + (classWeighted ? ", class weights" : "")
            + (smoothing > 0 ? ", smoothing \(smoothing)" : "") + (weighted ? ", weighted" : "")
    }

    var shape: [Int] { layout.shape }
    var count: Int { shape.reduce(1, *) }
    var positions: Int { count / Self.classes }

    func loss<Scalar: FocalScalar>(_: Scalar.Type) throws -> SoftmaxFocalLoss<Scalar> {
        try SoftmaxFocalLoss<Scalar>(
            gamma: Scalar(Self.gamma),
            alpha: classWeighted ? .perClass(Self.classWeights.map { Scalar($0) }) : .none,
            labelSmoothing: Scalar(smoothing), input: input)
    }

    /// Predictions, labels (position 1 ignored), a soft target tensor and position weights.
    func data(seed: UInt64 = 11) -> (predictions: [Double], labels: [Int32], targets: [Double], weights: [Double]?) {
        var generator = SplitMix64(seed: seed)
        let predictions: [Double] = input == .logits
            ? .random(count: count, in: -3...3, using: &generator)
            : .random(count: count, in: 0.05...0.95, using: &generator)
        let labels = (0..<positions).map { $0 == 1 ? Int32(Self.ignoreIndex) : Int32(($0 * 2) % Self.classes) }
        let index = Reference.layoutIndex(shape: shape, axis: layout.resolvedAxis)
        var targets = [Double](repeating: 0, count: count)
        for n in 0..<positions {
            let raw = (0..<Self.classes).map { _ in Double.random(in: 0.1...1, using: &generator) }
            let total = raw.reduce(0, +)
            for c in 0..<Self.classes { targets[index(n, c)] = raw[c] / total }
        }
        let weights: [Double]? = weighted ? (0..<positions).map { $0 % 4 == 3 ? 0 : 0.5 + Double($0 % 3) } : nil
        return (predictions, labels, targets, weights)
    }

    /// The reference loss of each position, unweighted (0 at ignored positions for labels).
    func referenceLosses(_ x: [Double], labels: [Int32], targets: [Double]) -> [Double] {
        let index = Reference.layoutIndex(shape: shape, axis: layout.resolvedAxis)
        let share = smoothing / Double(Self.classes)
        let q: (Int, Int) -> Double = switch targetKind {
        case .labels: { n, c in labels[n] == Self.ignoreIndex ? 0 : (Int(labels[n]) == c ? 1 - smoothing : 0) + share }
        case .tensor: { n, c in (1 - smoothing) * targets[index(n, c)] + share }
        }
        return Reference.softmaxLosses(
            x, positions: positions, classes: Self.classes, index: index, target: q, gamma: Self.gamma,
            classWeights: classWeighted ? Self.classWeights : nil, fromLogits: input == .logits)
    }

    /// The reference loss, reduced over the positions counted (ignored ones are not).
    func referenceLoss(_ x: [Double], labels: [Int32], targets: [Double], weights: [Double]?) -> Double {
        let counted = targetKind == .labels ? labels.map { $0 != Self.ignoreIndex } : nil
        return Reference.reduce(
            referenceLosses(x, labels: labels, targets: targets), weights: weights, counted: counted, reduction.reference)
    }
}
#endif
