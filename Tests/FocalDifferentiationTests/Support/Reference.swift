#if canImport(_Differentiation)
import Foundation

// Independent reference focal losses in Double, written from the definitions (Lin et al. 2017;
// torchvision's sigmoid_focal_loss), not from the kernels. The finite-difference checks
// differentiate these, so no expected value comes from the code under test.

enum Reference {
    /// How per-element (or per-position) losses are reduced.
    enum Reduction { case sum, mean, normalized(Double) }

    static func reduce(_ losses: [Double], weights: [Double]?, counted: [Bool]? = nil, _ reduction: Reduction) -> Double {
        var total = 0.0
        var denominator = 0.0
        for i in losses.indices where counted?[i] ?? true {
            let w = weights?[i] ?? 1
            total += w * losses[i]
            denominator += w
        }
        switch reduction {
        case .sum: return total
        case .mean: return denominator > 0 ? total / denominator : 0
        case .normalized(let c): return total / c
        }
    }

    /// The sigmoid focal loss of each element: `α_t (1 - p_t)^γ ce`.
    /// `alpha` holds one α per element (nil: no weighting).
    static func sigmoidLosses(
        _ x: [Double], targets t: [Double], gamma: Double, alpha: [Double]?, fromLogits: Bool
    ) -> [Double] {
        x.indices.map { i in
            let p = fromLogits ? 1 / (1 + exp(-x[i])) : x[i]
            let ce = fromLogits
                ? max(x[i], 0) - x[i] * t[i] + log1p(exp(-abs(x[i])))
                : -(t[i] * log(p) + (1 - t[i]) * log(1 - p))
            let pt = p * t[i] + (1 - p) * (1 - t[i])
            let a = alpha.map { $0[i] * t[i] + (1 - $0[i]) * (1 - t[i]) } ?? 1
            return a * pow(1 - pt, gamma) * ce
        }
    }

    /// The softmax focal loss of each position, `-Σ_c a_c q_c (1 - p_c)^γ log p_c`, for
    /// `positions × classes` values laid out by `index(position, class)`.
    static func softmaxLosses(
        _ x: [Double], positions: Int, classes: Int, index: (Int, Int) -> Int,
        target q: (Int, Int) -> Double, gamma: Double, classWeights: [Double]?, fromLogits: Bool
    ) -> [Double] {
        (0..<positions).map { n in
            let z = (0..<classes).map { x[index(n, $0)] }
            let p: [Double]
            if fromLogits {
                let m = z.max()!
                let e = z.map { exp($0 - m) }
                let s = e.reduce(0, +)
                p = e.map { $0 / s }
            } else {
                p = z
            }
            var loss = 0.0
            for c in 0..<classes {
                loss -= (classWeights?[c] ?? 1) * q(n, c) * pow(1 - p[c], gamma) * log(p[c])
            }
            return loss
        }
    }

    /// The index of value `(position, class)` in a row-major tensor of `shape` whose class axis is
    /// `axis` (positions numbered row-major over the other axes).
    static func layoutIndex(shape: [Int], axis: Int) -> (Int, Int) -> Int {
        let inner = shape[(axis + 1)...].reduce(1, *)
        let classes = shape[axis]
        return { position, c in
            let (o, j) = position.quotientAndRemainder(dividingBy: inner)
            return o * classes * inner + c * inner + j
        }
    }
}

/// Central finite differences of `f` at `x`, in Double.
func finiteDifferenceGradient(at x: [Double], step: Double = 1e-6, _ f: ([Double]) -> Double) -> [Double] {
    x.indices.map { i in
        let h = step * max(1, abs(x[i]))
        var plus = x, minus = x
        plus[i] += h
        minus[i] -= h
        return (f(plus) - f(minus)) / (2 * h)
    }
}

/// The largest absolute difference, relative to the largest magnitude of `expected` (or 1).
func relativeError(_ actual: [Double], _ expected: [Double]) -> Double {
    precondition(actual.count == expected.count, "counts differ: \(actual.count) vs \(expected.count)")
    let scale = max(expected.map(abs).max() ?? 0, 1e-300)
    return zip(actual, expected).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
}
#endif
