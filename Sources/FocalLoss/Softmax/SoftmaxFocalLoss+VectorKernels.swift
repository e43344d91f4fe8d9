// The vector kernels of the softmax loss: rows (class-last) and columns (channels-first).

extension SoftmaxPass {
    /// The vector kernel of the call's layout (rows or columns) in `Math`'s lanes (whose scalar
    /// type is `Scalar`), specialised for the variant's term.
    func runVectors<Math: VectorMath>(_ range: Range<Int>, _ buffers: FusedBuffers<Scalar>, _: Math.Type) -> Double {
        switch loss.variant {
        case .focal: runVectors(range, buffers, SoftmaxFocalVectorTerm<Math>())
        case .poly1(let epsilon):
            runVectors(range, buffers, SoftmaxPoly1VectorTerm<Math>(gamma: Math.Scalar(loss.gamma), epsilon: Math.Scalar(epsilon)))
        }
    }

    /// The row kernel (class-last) or the column kernel (channels-first) with `term`.
    func runVectors<Term: SoftmaxVectorTerm>(_ range: Range<Int>, _ buffers: FusedBuffers<Scalar>, _ term: Term) -> Double {
        plan.inner == 1 ? runRows(range, buffers, term) : runColumns(range, buffers, term)
    }

    /// The vector kernel across positions for the channels-first layout, in the lanes of the
    /// term's `Math` (whose scalar type is `Scalar`): logits, integer labels, no label smoothing,
    /// at least one vector of positions per row. The positions left at the end of each row take
    /// the scalar kernel.
    func runColumns<Term: SoftmaxVectorTerm>(_ range: Range<Int>, _ buffers: FusedBuffers<Scalar>, _ term: Term) -> Double {
        typealias Math = Term.Math
        typealias Vector = Math.Vector
        guard case .labels(let labels, let ignoreIndex) = targets else { return 0 }
        let classes = plan.classes, inner = plan.inner, lanes = Vector.scalarCount
        let (x, w, l, g) = LaneOperands<Math.Scalar, Scalar>(predictions, buffers).pointers
        let kernel = SoftmaxColumnKernel<Math>(gamma: Math.Scalar(loss.gamma))
        let reductionScale = Vector(repeating: Math.Scalar(buffers.scale))
        let classWeights = plan.classWeights.map { $0.map { Math.Scalar($0) } }
        return classWeights.withOptionalBuffer { alphas in
            var total = 0.0
            var check = Vector()
            var position = range.lowerBound
            while position < range.upperBound {
                let rowEnd = min(range.upperBound, position - position % inner + inner)
                while position + lanes <= rowEnd {
                    let (o, j) = position.quotientAndRemainder(dividingBy: inner)
                    let base = o * classes * inner + j
                    var laneLabels = Math.IntVector(), laneWeights = Vector(), laneAlphas = Vector()
                    for lane in 0..<lanes {
                        let y = labels[position + lane]
                        let live = y != ignoreIndex
                        laneLabels[lane] = live ? Math.IntVector.Scalar(truncatingIfNeeded: y) : -1
                        laneWeights[lane] = live ? (w?[position + lane] ?? 1) : 0
                        laneAlphas[lane] = live ? (alphas?[y] ?? 1) : 0
                    }
                    let loss = kernel.block(
                        x + base, stride: inner, classes: classes, labels: laneLabels, weight: laneWeights,
                        classWeights: laneAlphas, scale: laneWeights * reductionScale, gradient: g.map { $0 + base },
                        check: &check, term: term)
                    l?.storeVector(loss, at: position)
                    total += loss.laneSum
                    position += lanes
                }
                if position < rowEnd {
                    // The positions left over take the scalar kernel; their logits are checked here.
                    for leftover in position..<rowEnd {
                        let (o, j) = leftover.quotientAndRemainder(dividingBy: inner)
                        for c in 0..<classes { check[0] += x[(o * classes + c) * inner + j] * 0 }
                    }
                    total += runPositions(position..<rowEnd, buffers)
                    position = rowEnd
                }
            }
            return check.laneTotal.isNaN ? .nan : total
        }
    }

    /// The vector kernel over the rows in `range`, in the lanes of the term's `Math` (whose scalar
    /// type is `Scalar`): logits, class-last, integer labels, no label smoothing. Rows go through the row
    /// passes one at a time and through the tail a vector of rows at a time.
    func runRows<Term: SoftmaxVectorTerm>(_ range: Range<Int>, _ buffers: FusedBuffers<Scalar>, _ term: Term) -> Double {
        typealias Math = Term.Math
        typealias Vector = Math.Vector
        guard case .labels(let labels, let ignoreIndex) = targets else { return 0 }
        let classes = plan.classes, lanes = Vector.scalarCount
        let (x, w, l, g) = LaneOperands<Math.Scalar, Scalar>(predictions, buffers).pointers
        let kernel = SoftmaxRowKernel<Math>(gamma: Math.Scalar(loss.gamma))
        let reductionScale = Math.Scalar(buffers.scale)
        let classWeights = plan.classWeights.map { $0.map { Math.Scalar($0) } }
        return classWeights.withOptionalBuffer { alphas in
            var total = 0.0
            var check = Vector()
            var rowLabels = [Int](repeating: 0, count: lanes)
            var position = range.lowerBound
            while position < range.upperBound {
                let count = min(lanes, range.upperBound - position)
                var others = kernel.math.one, halfGaps = kernel.math.zero, laneWeights = kernel.math.zero
                var laneAlphas = kernel.math.zero, live = Math.Mask(repeating: false)
                for lane in 0..<count {
                    let row = position + lane
                    let y = labels[row]
                    let weight = w?[row] ?? 1
                    let out = g.map { $0 + row * classes }
                    rowLabels[lane] = y
                    let z = x + row * classes
                    if weight == 0 || y == ignoreIndex {
                        out?.update(repeating: 0, count: classes)
                        _ = kernel.maximum(z, classes: classes, check: &check)  // checked all the same
                        continue
                    }
                    let top = kernel.maximum(z, classes: classes, check: &check)
                    others[lane] = kernel.othersSum(z, classes: classes, label: y, top: top, out: out)
                    // Half the label's gap, z_y/2 - top/2: it cannot overflow where z_y - top can.
                    halfGaps[lane] = z[y] * 0.5 - top * 0.5
                    laneWeights[lane] = weight
                    laneAlphas[lane] = alphas?[y] ?? 1
                    live[lane] = true
                }
                let result = kernel.tail.contribution(
                    others: others, labelExp: kernel.math.exp(nonPositive: halfGaps + halfGaps), halfLabelGap: halfGaps, live: live,
                    classWeights: laneAlphas, lossWeights: laneWeights, scale: laneWeights * Vector(repeating: reductionScale),
                    term: term)
                let halfWeighted = result.halfLoss
                let weighted = halfWeighted + halfWeighted
                if let g {
                    for lane in 0..<count where live[lane] {
                        kernel.scale(g + (position + lane) * classes, classes: classes, by: result.coefficient[lane],
                                     label: rowLabels[lane], atLabel: result.atLabel[lane])
                    }
                }
                if let l {
                    for lane in 0..<count { l[position + lane] = weighted[lane] }
                }
                total += weighted.laneSum
                position += count
            }
            return check.laneTotal.isNaN ? .nan : total
        }
    }

}

/// The arrays of a call as pointers to `Lane`, the scalar type of the vector kernel that runs
/// them: the kernels run only when `Lane` is `Scalar`.
struct LaneOperands<Lane, Scalar: FocalScalar> {
    /// Predictions, weights, losses and gradient.
    let pointers: (UnsafePointer<Lane>, UnsafePointer<Lane>?, UnsafeMutablePointer<Lane>?, UnsafeMutablePointer<Lane>?)

    init(_ predictions: UnsafeBufferPointer<Scalar>, _ buffers: FusedBuffers<Scalar>) {
        func lanes(_ buffer: UnsafeBufferPointer<Scalar>) -> UnsafePointer<Lane> {
            UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: Lane.self)
        }
        func lanes(_ buffer: UnsafeMutableBufferPointer<Scalar>) -> UnsafeMutablePointer<Lane> {
            UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: Lane.self)
        }
        pointers = (lanes(predictions), buffers.weights.map(lanes), buffers.losses.map(lanes), buffers.gradient.map(lanes))
    }
}
