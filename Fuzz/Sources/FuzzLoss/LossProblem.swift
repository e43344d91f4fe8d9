import FocalLoss

/// One loss call drawn from the fuzzer's bytes: the loss, its parameters, the shape and the
/// arrays, valid or not (a bad parameter or element must be refused with a `FocalLossError`).
struct LossProblem {
    enum Family { case sigmoid, softmaxLabels, softmaxTargets }

    var family: Family
    var input: PredictionKind
    var gamma: Float
    /// Sigmoid: nil (none), one value (balanced) or per class; softmax: nil, uniform, per class.
    var alpha: [Float]?
    var alphaIsScalar: Bool
    var alphaAxis: Int
    var labelSmoothing: Float
    var shape: [Int]
    var classAxis: Int
    var predictions: [Float]
    var targets: [Float]
    var labels: [Int32]
    var ignoreIndex: Int?
    var weights: [Float]?
    var reduction: FocalReduction

    /// What a mean divides the sum by: the number of loss terms (sigmoid: every element;
    /// softmax: the positions not ignored), or with weights the sum of their weights.
    var meanDenominator: Double {
        let counted: [Bool]
        switch family {
        case .sigmoid: counted = Array(repeating: true, count: predictions.count)
        case .softmaxTargets: counted = Array(repeating: true, count: predictions.count / max(1, classCount))
        case .softmaxLabels: counted = labels.map { Int($0) != ignoreIndex }
        }
        guard let weights else { return Double(counted.filter { $0 }.count) }
        return zip(weights, counted).reduce(0.0) { $0 + ($1.1 ? Double($1.0) : 0) }
    }

    /// The call in a few lines: parameters, shape and the arrays (long ones cut after their
    /// first 24 entries, which repeat a pattern).
    var summary: String {
        func cut<T>(_ values: [T]) -> String {
            values.count <= 24 ? "\(values)" : "\(Array(values.prefix(24))) ... (\(values.count) in all)"
        }
        return """
            \(family), \(input), gamma \(gamma), alpha \(alpha.map(cut) ?? "none") (scalar: \(alphaIsScalar), axis \(alphaAxis)), \
            smoothing \(labelSmoothing), shape \(shape), class axis \(classAxis), ignore \(ignoreIndex.map(String.init) ?? "none"), \
            reduction \(reduction)
              predictions \(cut(predictions))
              targets \(cut(targets))
              labels \(cut(labels))
              weights \(weights.map(cut) ?? "none")
            """
    }

    var classCount: Int {
        guard !shape.isEmpty else { return 0 }
        let axis = classAxis < 0 ? shape.count + classAxis : classAxis
        return shape.indices.contains(axis) ? shape[axis] : 0
    }

    /// Whether the loss is cheap to cross-check in `Double`: logits, a small γ (for a large γ,
    /// `(1 - p)^γ` turns `Float`'s rounding of `p` into a large relative error, as it must).
    var isComparableAcrossPrecisions: Bool {
        input == .logits && gamma <= 8
    }
}

extension LossProblem {
    /// The reduced loss and its gradient in precision `S`.
    func reduced<S: FocalScalar>(
        as _: S.Type, reduction: FocalReduction, threads: Int
    ) throws(FocalLossError) -> (loss: S, gradient: [S]) {
        let x = predictions.map { S($0) }
        let w = weights.map { $0.map { S($0) } }
        switch family {
        case .sigmoid:
            let loss = try SigmoidFocalLoss<S>(gamma: S(gamma), alpha: sigmoidAlpha(), input: input, threads: threads)
            return try loss.lossAndGradient(x, targets: targets.map { S($0) }, shape: shape, weights: w, reduction: reduction)
        case .softmaxTargets:
            let loss = try softmax(S.self, threads: threads)
            return try loss.lossAndGradient(
                x, shape: shape, classAxis: classAxis, targets: targets.map { S($0) }, weights: w, reduction: reduction)
        case .softmaxLabels:
            let loss = try softmax(S.self, threads: threads)
            return try loss.lossAndGradient(
                x, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex, weights: w,
                reduction: reduction)
        }
    }

    /// The loss of each element (sigmoid) or position (softmax) and the derivative of each one's
    /// own loss, in precision `S`.
    func elementwise<S: FocalScalar>(as _: S.Type) throws(FocalLossError) -> (losses: [S], gradient: [S]) {
        let x = predictions.map { S($0) }
        let w = weights.map { $0.map { S($0) } }
        switch family {
        case .sigmoid:
            let loss = try SigmoidFocalLoss<S>(gamma: S(gamma), alpha: sigmoidAlpha(), input: input, threads: 1)
            return try loss.elementwiseLossesAndGradient(x, targets: targets.map { S($0) }, shape: shape, weights: w)
        case .softmaxTargets:
            return try softmax(S.self, threads: 1).elementwiseLossesAndGradient(
                x, shape: shape, classAxis: classAxis, targets: targets.map { S($0) }, weights: w)
        case .softmaxLabels:
            return try softmax(S.self, threads: 1).elementwiseLossesAndGradient(
                x, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex, weights: w)
        }
    }

    private func sigmoidAlpha<S: FocalScalar>() -> SigmoidFocalLoss<S>.Alpha {
        guard let alpha else { return .none }
        return alphaIsScalar ? .constant(S(alpha[0])) : .perClass(alpha.map { S($0) }, classAxis: alphaAxis)
    }

    private func softmax<S: FocalScalar>(_: S.Type, threads: Int) throws(FocalLossError) -> SoftmaxFocalLoss<S> {
        let weights: SoftmaxFocalLoss<S>.Alpha
        if let alpha {
            weights = alphaIsScalar ? .constant(S(alpha[0])) : .perClass(alpha.map { S($0) })
        } else {
            weights = .none
        }
        return try SoftmaxFocalLoss<S>(
            gamma: S(gamma), alpha: weights, labelSmoothing: S(labelSmoothing), input: input, threads: threads)
    }
}
