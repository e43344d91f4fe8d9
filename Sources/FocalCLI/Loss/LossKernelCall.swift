import FocalLoss
import FocalNumPy

/// What one `focal loss` call computed.
struct LossResult<Scalar> {
    /// The reduced loss; `nil` for `--reduction none`.
    var loss: Scalar?
    /// The unreduced losses, for `--reduction none`.
    var losses: [Scalar]?
    /// d(loss)/dX, when `--gradient` was given.
    var gradient: [Scalar]?
}

/// One call of the `FocalLoss` kernels with the options of `focal loss`.
struct LossKernelCall<Scalar: FocalScalar & NumPyElement> {
    let command: LossCommand
    let inputs: LossInputs<Scalar>

    /// The reduction as `FocalLoss` spells it; `nil` for `none`.
    var reduction: FocalReduction? { command.kernelReduction }

    var wantsGradient: Bool { command.gradient != nil }

    /// Runs the kernel.
    ///
    /// - Throws: ``CLIError`` built from the kernel's `FocalLossError`, naming the option and
    ///   file instead of the kernel's argument (`--labels y.npy: value 7 at index 3 ...`).
    func run() throws(CLIError) -> LossResult<Scalar> {
        do {
            switch command.kind {
            case .sigmoid: return try sigmoid()
            case .softmax:
                switch inputs.truth {
                case .targets(let targets): return try softmax(targets: targets)
                case .labels(let labels): return try softmax(labels: labels)
                }
            }
        } catch {
            throw CLIError(error, subjects: inputs.subjects)
        }
    }

    private func sigmoid() throws(FocalLossError) -> LossResult<Scalar> {
        guard case .targets(let targets) = inputs.truth else { preconditionFailure("validate() requires --targets for sigmoid") }
        let focal: SigmoidFocalLoss<Scalar> = try command.sigmoidLoss(alpha: inputs.alpha, classAxis: inputs.classAxis)
        let (x, shape, weights) = (inputs.x, inputs.shape, inputs.weights)
        guard let reduction else {
            if wantsGradient {
                let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, targets: targets, shape: shape, weights: weights)
                return LossResult(losses: losses, gradient: gradient)
            }
            return LossResult(losses: try focal.elementwiseLosses(x, targets: targets, shape: shape, weights: weights))
        }
        if wantsGradient {
            let (loss, gradient) = try focal.lossAndGradient(x, targets: targets, shape: shape, weights: weights, reduction: reduction)
            return LossResult(loss: loss, gradient: gradient)
        }
        return LossResult(loss: try focal.loss(x, targets: targets, shape: shape, weights: weights, reduction: reduction))
    }

    private func softmax(targets: [Scalar]) throws(FocalLossError) -> LossResult<Scalar> {
        let focal: SoftmaxFocalLoss<Scalar> = try command.softmaxLoss(alpha: inputs.alpha)
        let (x, shape, axis, weights) = (inputs.x, inputs.shape, inputs.classAxis!, inputs.weights)
        guard let reduction else {
            if wantsGradient {
                let (losses, gradient) = try focal.elementwiseLossesAndGradient(
                    x, shape: shape, classAxis: axis, targets: targets, weights: weights)
                return LossResult(losses: losses, gradient: gradient)
            }
            return LossResult(losses: try focal.elementwiseLosses(x, shape: shape, classAxis: axis, targets: targets, weights: weights))
        }
        if wantsGradient {
            let (loss, gradient) = try focal.lossAndGradient(
                x, shape: shape, classAxis: axis, targets: targets, weights: weights, reduction: reduction)
            return LossResult(loss: loss, gradient: gradient)
        }
        return LossResult(loss: try focal.loss(x, shape: shape, classAxis: axis, targets: targets, weights: weights, reduction: reduction))
    }

    private func softmax<Labels: ClassLabels>(labels: Labels) throws(FocalLossError) -> LossResult<Scalar> {
        let focal: SoftmaxFocalLoss<Scalar> = try command.softmaxLoss(alpha: inputs.alpha)
        let (x, shape, axis, weights) = (inputs.x, inputs.shape, inputs.classAxis!, inputs.weights)
        let (values, ignore) = (labels.values, command.ignoreIndex)
        guard let reduction else {
            if wantsGradient {
                let (losses, gradient) = try focal.elementwiseLossesAndGradient(
                    x, shape: shape, classAxis: axis, labels: values, ignoreIndex: ignore, weights: weights)
                return LossResult(losses: losses, gradient: gradient)
            }
            return LossResult(losses: try focal.elementwiseLosses(
                x, shape: shape, classAxis: axis, labels: values, ignoreIndex: ignore, weights: weights))
        }
        if wantsGradient {
            let (loss, gradient) = try focal.lossAndGradient(
                x, shape: shape, classAxis: axis, labels: values, ignoreIndex: ignore, weights: weights, reduction: reduction)
            return LossResult(loss: loss, gradient: gradient)
        }
        return LossResult(loss: try focal.loss(
            x, shape: shape, classAxis: axis, labels: values, ignoreIndex: ignore, weights: weights, reduction: reduction))
    }
}
