import FocalLoss
import FuzzSupport

extension LossProblem {
    /// Elements at or past this count run on several threads (``FocalThreading/parallelThreshold``).
    static let largeCount = 65_536 + 1_000

    /// Draws a problem from the fuzzer's bytes. Most draws are valid, with edges (γ = 0, γ in
    /// (0, 1), saturated logits, probabilities at 0 and 1, zero weights, empty axes); some carry a
    /// bad parameter or element, which must be refused.
    init(drawingFrom input: inout FuzzInput) {
        family = [.sigmoid, .softmaxLabels, .softmaxTargets][input.choice(3)]
        self.input = input.flag() ? .logits : .probabilities
        let valid = input.choice(8) != 0
        gamma = input.float(edges: [0, 0.5, 1, 1.5, 2, 3, 5, 0.01, 1e-30, 40, -1, .nan, .infinity], rawBits: !valid)
        labelSmoothing = family == .sigmoid ? 0 : input.float(edges: [0, 0, 0.1, 0.5, 0.99, 1, -0.1], rawBits: !valid)

        // Shape: rank 1-3 for sigmoid, 2-4 for softmax (the class axis first or last), small axes
        // (0 allowed) or, when `large`, a leading axis long enough to run on several threads.
        let large = input.choice(16) == 0
        let rank = family == .sigmoid ? 1 + input.choice(3) : 2 + input.choice(3)
        var shape = (0..<rank).map { _ in input.choice(7) }
        if !valid && input.flag() { shape[input.choice(rank)] = -1 - input.choice(3) }
        classAxis = family == .sigmoid ? 0 : (input.flag() ? 1 : -1)
        if family != .sigmoid {
            let axis = classAxis < 0 ? rank - 1 : 1
            shape[axis] = max(shape[axis], valid ? 1 : 0)
        }
        if large, shape.allSatisfy({ $0 > 0 }) {
            let rest = shape.dropFirst().reduce(1, *)
            shape[0] = (Self.largeCount + rest - 1) / rest
        }
        self.shape = shape
        let count = shape.allSatisfy { $0 >= 0 } ? shape.reduce(1, *) : 0
        let classes = family == .sigmoid ? 1 : max(0, shape[classAxis < 0 ? rank - 1 : 1])
        let positions = family == .sigmoid ? count : count / max(1, classes)

        // Alpha: none, one value, or one per class (sometimes of the wrong length).
        switch input.choice(3) {
        case 0:
            alpha = nil
            alphaIsScalar = true
        case 1:
            alpha = [input.float(edges: [0, 0.25, 0.5, 0.75, 1, 2, -0.1, 1.1], rawBits: !valid)]
            alphaIsScalar = true
        default:
            let axisLength = family == .sigmoid ? (shape.last ?? 1) : classes
            let length = valid ? max(axisLength, 1) : input.choice(5)
            alpha = (0..<length).map { _ in input.float(edges: [0, 0.25, 0.5, 1, 3], rawBits: !valid) }
            alphaIsScalar = false
        }
        alphaAxis = valid ? -1 : input.choice(7) - 3

        // The arrays: a few bytes describe a pattern that is tiled to the full length, so that
        // large shapes cost few bytes and every element is still under the fuzzer's control.
        let patternLength = 1 + input.choice(24)
        let predictionEdges: [Float] = self.input == .logits
            ? [0, 1, -1, 100, -100, 1e4, -1e4, 3e38, -3e38, Float.leastNormalMagnitude / 64, 17, -17]
            : [0, 1, 0.5, 1e-8, 1 - 6e-8, Float.leastNormalMagnitude / 64, 0.25, 0.999]
        let kind = self.input
        let predictionPattern = (0..<patternLength).map { _ in
            Self.usable(input.float(edges: predictionEdges, rawBits: !valid && input.choice(4) == 0), kind, valid)
        }
        predictions = (0..<count).map { predictionPattern[$0 % patternLength] }

        let hardTargets = input.flag()
        let targetPattern = (0..<patternLength).map { _ -> Float in
            if !valid && input.choice(8) == 0 { return input.float(edges: [-0.5, 1.5, .nan, .infinity], rawBits: true) }
            return hardTargets ? Float(input.choice(2)) : Float(input.byte()) / 255
        }
        let targetCount = family == .softmaxLabels ? 0 : count
        targets = (0..<targetCount).map { targetPattern[$0 % patternLength] }

        let ignored = input.flag() ? [-100, 0, 255, -1][input.choice(4)] : nil
        ignoreIndex = ignored
        let labelPattern = (0..<patternLength).map { _ -> Int32 in
            if !valid && input.choice(4) == 0 { return Int32(input.choice(256)) - 128 }
            return input.choice(8) == 0 ? Int32(ignored ?? 0) : Int32(input.choice(max(classes, 1)))
        }
        labels = family == .softmaxLabels ? (0..<positions).map { labelPattern[$0 % patternLength] } : []

        let weightCount = family == .sigmoid ? count : positions
        if input.flag() {
            let weightPattern = (0..<patternLength).map { _ in
                input.float(edges: [0, 1, 0.5, 2, 1e-30, 1e30, -1], rawBits: !valid && input.choice(4) == 0)
            }
            // An invalid draw may give one weight too few or too many (never fewer than none).
            let length = valid ? weightCount : max(0, weightCount + input.choice(3) - 1)
            weights = (0..<length).map { weightPattern[$0 % patternLength] }
        } else {
            weights = nil
        }

        switch input.choice(4) {
        case 0: reduction = .sum
        case 1: reduction = .mean
        case 2: reduction = .normalized(by: Double(input.float(edges: [1, 0.5, 100, 1e-30, 0, -1, .nan], rawBits: !valid)))
        default: reduction = .mean
        }
    }

    /// Probabilities outside [0, 1] are invalid: a valid draw folds them into [0, 1].
    private static func usable(_ value: Float, _ kind: PredictionKind, _ valid: Bool) -> Float {
        guard kind == .probabilities, valid else { return value }
        return value.isFinite ? min(1, abs(value).truncatingRemainder(dividingBy: 1.0000001)) : 0.5
    }
}
