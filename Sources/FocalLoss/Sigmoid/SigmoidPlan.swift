/// The layout of a sigmoid call: how α falls on the flat input, as `outer` blocks of `classes`
/// runs of `inner` elements, the run of class `c` weighted by `alphaPositive[c]` and
/// `alphaNegative[c]`.
struct SigmoidPlan<Scalar: FocalScalar> {
    var shape: TensorShape
    var outer: Int
    var classes: Int
    var inner: Int
    var alphaPositive: [Scalar]
    var alphaNegative: [Scalar]

    /// Lays out a call of `loss`, checking the counts of the targets and weights against the
    /// shape, and per-class α against its axis.
    init(
        _ loss: SigmoidFocalLoss<Scalar>, predictions: Int, targets: Int, weights: Int?, shape: [Int]?
    ) throws(FocalLossError) {
        let tensor = try TensorShape(shape, elementCount: predictions, argument: "predictions")
        guard tensor.count > 0 else { throw .emptyInput(argument: "predictions") }
        try Validation.count(targets, expected: tensor.count, argument: "targets")
        if let weights { try Validation.count(weights, expected: tensor.count, argument: "weights") }
        self.shape = tensor
        switch loss.alpha {
        case .none:
            (outer, classes, inner) = (1, 1, tensor.count)
            (alphaPositive, alphaNegative) = ([1], [1])
        case .constant(let value):
            (outer, classes, inner) = (1, 1, tensor.count)
            let terms = loss.alphaTerms(value)
            (alphaPositive, alphaNegative) = ([terms.positive], [terms.negative])
        case .perClass(let values, let classAxis):
            let axis = try tensor.resolvedAxis(classAxis, argument: "shape")
            (outer, classes, inner) = tensor.split(around: axis)
            guard classes == values.count else {
                throw .countMismatch(argument: "alpha", count: values.count, expected: classes)
            }
            (alphaPositive, alphaNegative) = (values.map { loss.alphaTerms($0).positive }, values.map { loss.alphaTerms($0).negative })
        }
    }

    /// Calls `body` for each stretch of `range` over which α is either one value (stride 0) or
    /// runs along the elements (stride 1), with the index of the first α.
    func forEachRun(in range: Range<Int>, _ body: (_ start: Int, _ end: Int, _ alphaOffset: Int, _ alphaStride: Int) -> Void) {
        if classes == 1 {
            body(range.lowerBound, range.upperBound, 0, 0)
        } else if inner == 1 {
            // Class-last: α repeats with each row of `classes` elements.
            var start = range.lowerBound
            while start < range.upperBound {
                let column = start % classes
                let end = min(range.upperBound, start - column + classes)
                body(start, end, column, 1)
                start = end
            }
        } else {
            var start = range.lowerBound
            while start < range.upperBound {
                let segment = start / inner
                let end = min(range.upperBound, (segment + 1) * inner)
                body(start, end, segment % classes, 0)
                start = end
            }
        }
    }
}
