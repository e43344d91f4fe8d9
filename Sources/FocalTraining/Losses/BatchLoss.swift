import Foundation
import FocalLoss

/// The loss of a training batch and its gradient with respect to the logits, from one fused
/// kernel call: `SigmoidFocalLoss` on one logit per row for two classes, `SoftmaxFocalLoss`
/// on `C` logits per row otherwise. The loss is the mean over the batch of each row's loss times
/// its class weight.
struct BatchLoss {
    private enum Kernel {
        /// The sigmoid loss and the factor that turns its `α_t` weighting into class weights:
        /// with weights `w` summing to 2, `α = w_1 / 2` and `w_t = 2 α_t`.
        case sigmoid(SigmoidFocalLoss<Float>, weightScale: Double)
        case softmax(SoftmaxFocalLoss<Float>)
    }

    private let kernel: Kernel
    let classCount: Int

    /// Builds the kernel for `settings`, with class weights from the training `counts`.
    init(settings: LossSettings, classCounts counts: [Int]) throws(TrainingError) {
        classCount = counts.count
        let gamma = Float(settings.gamma)
        if settings.kind == .asl, counts.count != 2 {
            throw .invalidSetting(parameter: .loss, value: "asl", requirement: "is for two classes (the data has \(counts.count))")
        }
        do {
            // The sigmoid loss of the settings' kind with α.
            func sigmoid(_ alpha: SigmoidFocalLoss<Float>.Alpha) throws(FocalLossError) -> SigmoidFocalLoss<Float> {
                switch settings.kind {
                case .poly1: try .poly1(gamma: gamma, alpha: alpha, epsilon: Float(settings.epsilon ?? 1), threads: 1)
                case .asl: try .asymmetric(threads: 1)
                default: try SigmoidFocalLoss(gamma: gamma, alpha: alpha, threads: 1)
                }
            }
            if counts.count == 2 {
                switch settings.alpha {
                case .none:
                    kernel = .sigmoid(try sigmoid(.none), weightScale: 1)
                case .constant(let a):
                    kernel = .sigmoid(try sigmoid(.constant(Float(a))), weightScale: 1)
                case .inverseFrequency, .effectiveNumber:
                    let weights = settings.classWeights(counts: counts)!
                    let total = weights[0] + weights[1]
                    kernel = .sigmoid(try sigmoid(.constant(Float(weights[1] / total))), weightScale: total)
                }
            } else {
                let alpha: SoftmaxFocalLoss<Float>.Alpha
                switch settings.alpha {
                case .none: alpha = .none
                case .constant(let a): alpha = .constant(Float(a))
                case .inverseFrequency, .effectiveNumber:
                    alpha = .perClass(settings.classWeights(counts: counts)!.map { Float($0) })
                }
                kernel = .softmax(settings.kind == .poly1
                    ? try .poly1(gamma: gamma, alpha: alpha, epsilon: Float(settings.epsilon ?? 1), threads: 1)
                    : try SoftmaxFocalLoss(gamma: gamma, alpha: alpha, threads: 1))
            }
        } catch {
            throw .invalidSetting(parameter: .loss, value: "\(settings.kind.rawValue) (gamma \(settings.gamma), alpha \(settings.alpha))",
                                  requirement: "\(error)")
        }
    }

    /// The number of logits per row.
    var outputCount: Int { classCount == 2 ? 1 : classCount }

    /// The mean loss of `rows` rows and its gradient with respect to `logits`, written into
    /// `gradient`.
    ///
    /// - Parameters:
    ///   - logits: `rows * outputCount` finite values.
    ///   - labels: The class of each row.
    ///   - targets: Scratch of at least `rows` values (the 0/1 targets of the sigmoid head).
    func lossAndGradient(
        logits: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int32>, targets: UnsafeMutableBufferPointer<Float>,
        rows: Int, gradient: UnsafeMutableBufferPointer<Float>
    ) throws(FocalLossError) -> Float {
        switch kernel {
        case .sigmoid(let loss, let weightScale):
            for row in 0..<rows { targets[row] = labels[row] == 1 ? 1 : 0 }
            return try loss.uncheckedLossAndGradient(
                UnsafeBufferPointer(rebasing: logits[0..<rows]), targets: UnsafeBufferPointer(rebasing: targets[0..<rows]),
                reduction: .normalized(by: Double(rows) / weightScale),
                gradient: UnsafeMutableBufferPointer(rebasing: gradient[0..<rows]))
        case .softmax(let loss):
            let values = rows * classCount
            return try loss.uncheckedLossAndGradient(
                UnsafeBufferPointer(rebasing: logits[0..<values]), shape: [rows, classCount], classAxis: -1,
                labels: UnsafeBufferPointer(rebasing: labels[0..<rows]), reduction: .mean,
                gradient: UnsafeMutableBufferPointer(rebasing: gradient[0..<values]))
        }
    }

    /// The number of rows whose true class has probability `p_t > 0.5`: the easy examples.
    func easyCount(logits: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<Int32>, rows: Int) -> Int {
        var easy = 0
        if classCount == 2 {
            for row in 0..<rows where labels[row] == 1 ? logits[row] > 0 : logits[row] < 0 { easy += 1 }
        } else {
            for row in 0..<rows {
                // p_y > 1/2  <=>  Σ_c exp(z_c - z_y) < 2
                let z = logits.baseAddress! + row * classCount
                let zy = z[Int(labels[row])]
                var sum: Float = 0
                for c in 0..<classCount { sum += _expf(z[c] - zy) }
                if sum < 2 { easy += 1 }
            }
        }
        return easy
    }
}

@inline(__always)
private func _expf(_ x: Float) -> Float {
    x < -88 ? 0 : Float(exp(Double(x)))
}
