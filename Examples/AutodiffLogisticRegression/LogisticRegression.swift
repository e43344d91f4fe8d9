#if canImport(_Differentiation)
import _Differentiation
import Foundation

/// A logistic-regression model: one logit `w · x + b` per example.
///
/// Its forward pass is plain Swift over arrays; the compiler derives its derivative, and the
/// focal loss's registered derivative (the fused kernel) joins it in `gradient(at:of:)`.
struct LogisticRegression: Differentiable {
    var weights: [Float]
    var bias: Float

    /// A model with zero weights and the bias at which every prediction is `prior`, the
    /// initialisation of RetinaNet's classifier, which keeps the many easy negatives from
    /// swamping the first steps.
    init(featureCount: Int, prior: Float) {
        weights = [Float](repeating: 0, count: featureCount)
        bias = Float(-log(Double((1 - prior) / prior)))
    }

    /// The logit of each row of `features`.
    @differentiable(reverse)
    func logits(for features: FeatureMatrix) -> [Float] {
        let columns = withoutDerivative(at: features.columns)
        var logits: [Float] = []
        for row in 0..<withoutDerivative(at: features.rows) {
            var logit = bias
            for column in 0..<columns {
                logit += weights[column] * features[row, column]
            }
            logits.append(logit)
        }
        return logits
    }

    /// One step of gradient descent.
    mutating func descend(along gradient: TangentVector, learningRate: Float) {
        for index in weights.indices {
            weights[index] -= learningRate * gradient.weights.base[index]
        }
        bias -= learningRate * gradient.bias
    }
}
#endif
