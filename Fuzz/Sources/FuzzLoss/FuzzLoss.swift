import FocalLoss
import FuzzSupport

/// One run: a loss call drawn from the bytes (see ``LossProblem``). A refused call must be refused
/// in both precisions; an accepted one must keep the kernels' promises:
/// - never NaN; finite unless the exact value overflows `Float` (checked in `Double`);
/// - non-negative losses;
/// - `Float` within 1e-3 relative of `Double` on the same inputs (logits, moderate γ);
/// - the sum of the element losses is the `sum` reduction, the mean is the sum over the count
///   (or the weights' sum), and the `sum` gradient is the element-wise gradient;
/// - one and two threads give bit-identical results.
func fuzzLoss(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count: count)
    let problem = LossProblem(drawingFrom: &input)
    FuzzContext.current = { problem.summary }
    let threads = 1 + input.choice(3)
    let single: (loss: Float, gradient: [Float])
    let double: (loss: Double, gradient: [Double])
    do {
        single = try problem.reduced(as: Float.self, reduction: problem.reduction, threads: threads)
    } catch {
        fuzzCheck((try? problem.reduced(as: Double.self, reduction: problem.reduction, threads: threads)) == nil
                  || error.isFloatRange, "Float refused what Double accepts: \(error)")
        _ = error.description
        return 0
    }
    do {
        double = try problem.reduced(as: Double.self, reduction: problem.reduction, threads: threads)
    } catch {
        fuzzFailure("Double refused what Float accepts: \(error)")
    }
    // A reduced Float loss may overflow where the exact one does, or where one element's own
    // loss does (each element is computed in Float: FocalReduction documents it).
    let exactElements = (try? problem.elementwise(as: Double.self).losses) ?? []
    let worst = max(abs(double.loss), exactElements.map(abs).max() ?? 0)
    checkValues(single.loss, single.gradient, exact: worst, exactGradient: double.gradient)
    checkValues(double.loss, double.gradient, exact: worst, exactGradient: double.gradient)
    if problem.isComparableAcrossPrecisions, single.loss.isFinite, abs(double.loss) > 1e-30 {
        fuzzCheck(abs(Double(single.loss) - double.loss) <= 1e-3 * abs(double.loss),
                  "Float loss \(single.loss) vs Double \(double.loss)")
    }
    checkReductions(problem, as: Double.self, tolerance: 1e-9)
    checkReductions(problem, as: Float.self, tolerance: 1e-4)
    if problem.predictions.count >= FocalThreading.parallelThreshold {
        checkThreads(problem, as: Float.self)
        checkThreads(problem, as: Double.self)
    }
    return 0
}

extension FocalLossError {
    /// Whether the error is a `Float` range limit that `Double` does not have (a parameter or
    /// normalizer beyond `Float`'s range, say): then only `Float` refuses.
    var isFloatRange: Bool {
        if case .invalidParameter = self { return true }
        return false
    }
}

/// No NaN; non-finite only where the exact (`Double`) value is beyond `S`'s range; the loss >= 0.
func checkValues<S: FocalScalar>(_ loss: S, _ gradient: [S], exact: Double, exactGradient: [Double]) {
    let limit = Double(S.greatestFiniteMagnitude)
    fuzzCheck(!loss.isNaN, "\(S.self) loss is NaN")
    fuzzCheck(loss.isFinite || abs(exact) > limit * 0.999, "\(S.self) loss \(loss) where the exact value is \(exact)")
    fuzzCheck(loss >= 0, "\(S.self) loss \(loss) < 0")
    for (index, value) in gradient.enumerated() {
        fuzzCheck(!value.isNaN, "\(S.self) gradient[\(index)] is NaN")
        fuzzCheck(value.isFinite || abs(exactGradient[index]) > limit * 0.999,
                  "\(S.self) gradient[\(index)] = \(value) where the exact value is \(exactGradient[index])")
    }
}

/// The `sum` reduction is the sum of the element losses, `mean` is `sum / count`, and the
/// gradient of `sum` is the element-wise gradient.
func checkReductions<S: FocalScalar>(_ problem: LossProblem, as _: S.Type, tolerance: Double) {
    guard let elements = try? problem.elementwise(as: S.self),
          let sum = try? problem.reduced(as: S.self, reduction: .sum, threads: 1),
          let mean = try? problem.reduced(as: S.self, reduction: .mean, threads: 1)
    else { return }
    let total = elements.losses.reduce(0.0) { $0 + Double($1) }
    fuzzCheck(elements.losses.allSatisfy { $0 >= 0 && !$0.isNaN }, "\(S.self) element losses not all >= 0")
    guard total.isFinite, total <= Double(S.greatestFiniteMagnitude), sum.loss.isFinite else { return }
    let slack = tolerance * total + Double(S.leastNormalMagnitude) * Double(elements.losses.count)
    fuzzCheck(abs(Double(sum.loss) - total) <= slack, "\(S.self) sum \(sum.loss) vs element losses' sum \(total)")
    // Nothing counted (every weight 0, every position ignored): the mean is 0.
    let denominator = problem.meanDenominator
    let expected = denominator > 0 ? Double(sum.loss) / denominator : 0
    if expected.isFinite, expected <= Double(S.greatestFiniteMagnitude) {
        // The sum of weighted losses that are subnormal in `S` is short by up to the smallest
        // normal value each (tiny weights times tiny losses), and the mean, which rescales tiny
        // weights first, is not: that shortfall over the denominator is the slack.
        let subnormalSlack = Double(S.leastNormalMagnitude) * Double(elements.losses.count) / max(denominator, .leastNormalMagnitude)
        fuzzCheck(abs(Double(mean.loss) - expected) <= tolerance * expected + Double(S.leastNormalMagnitude) + subnormalSlack,
                  "\(S.self) mean \(mean.loss) vs sum / \(denominator) = \(expected)")
    }
    for (index, (a, b)) in zip(sum.gradient, elements.gradient).enumerated() where a.isFinite && b.isFinite {
        let scale = max(abs(Double(a)), abs(Double(b)))
        fuzzCheck(abs(Double(a) - Double(b)) <= tolerance * scale + Double(S.leastNormalMagnitude),
                  "\(S.self) sum gradient[\(index)] = \(a) vs element-wise \(b)")
    }
}

/// Whether two values are the same number, with the same sign (every NaN counts as the same).
func identical<S: FloatingPoint>(_ a: S, _ b: S) -> Bool {
    (a == b && a.sign == b.sign) || (a.isNaN && b.isNaN)
}

/// One thread and two give the same bits.
func checkThreads<S: FocalScalar>(_ problem: LossProblem, as _: S.Type) {
    guard let one = try? problem.reduced(as: S.self, reduction: problem.reduction, threads: 1),
          let two = try? problem.reduced(as: S.self, reduction: problem.reduction, threads: 2)
    else {
        fuzzFailure("\(S.self): a call accepted with some thread count is refused with 1 or 2")
    }
    fuzzCheck(identical(one.loss, two.loss), "\(S.self) loss \(one.loss) with 1 thread, \(two.loss) with 2")
    fuzzCheck(zip(one.gradient, two.gradient).allSatisfy(identical),
              "\(S.self) gradients differ between 1 and 2 threads")
}
