#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
import FocalLoss
import FocalNumPy

/// One call of the `FocalLoss` `Float16` entry points with the options of `focal loss`: float16
/// files computed in `Float` without widening them first, the gradient rounded once to `Float16`.
struct LossHalfKernelCall {
    let command: LossCommand
    let inputs: LossInputs<Float16>
    /// The reduction (the `Float16` entry points return a reduced loss).
    let reduction: FocalReduction

    /// The call for `arrays`, when the `Float16` entry points take it: X, the targets and the
    /// weights all float16, computed in float, a reduced loss, and sigmoid targets or softmax
    /// labels. `nil` otherwise (the call widens the arrays to the precision computed in).
    init?(command: LossCommand, arrays: LossArrays, precision: LossCommand.Precision) {
        guard precision == .float, arrays.isAllHalf, let reduction = command.kernelReduction,
              arrays.isSoftmax == (arrays.labels != nil) else { return nil }
        self.command = command
        self.inputs = LossInputs(arrays)
        self.reduction = reduction
    }

    /// Runs the kernel.
    ///
    /// - Returns: The loss and, when `--gradient` was given, the gradient.
    /// - Throws: ``CLIError`` built from the kernel's `FocalLossError` as ``LossKernelCall/run()``
    ///   builds it; a gradient entry beyond float16 is the error ``LossOutputFile`` gives for it.
    func run() throws(CLIError) -> (loss: Float, gradient: [Float16]?) {
        do {
            guard command.gradient != nil else { return (try loss(gradient: nil), nil) }
            var gradient = [Float16](repeating: 0, count: inputs.x.count)
            let loss = try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in try self.loss(gradient: g) }
            return (loss, gradient)
        } catch {
            if case .invalidElement("gradient", let value, let location, _) = error, let path = command.gradient {
                throw LossOutputFile.overflow(of: Float(value), entry: location.offset, dtype: .float16, path: path, option: "--gradient")
            }
            throw CLIError(error, subjects: inputs.subjects)
        }
    }

    /// The loss, and the gradient into `gradient` when given.
    private func loss(gradient: UnsafeMutableBufferPointer<Float16>?) throws(FocalLossError) -> Float {
        switch inputs.truth {
        case .targets(let targets):
            let focal: SigmoidFocalLoss<Float> = try command.sigmoidLoss(alpha: inputs.alpha, classAxis: inputs.classAxis)
            return try withInputBuffers(targets) { (x, t, w) throws(FocalLossError) in
                try focal.lossAndGradient(x, targets: t, shape: inputs.shape, weights: w, reduction: reduction, gradient: gradient)
            }
        case .labels(let labels):
            return try softmax(labels: labels, gradient: gradient)
        }
    }

    private func softmax<Labels: ClassLabels>(labels: Labels, gradient: UnsafeMutableBufferPointer<Float16>?) throws(FocalLossError) -> Float {
        let focal: SoftmaxFocalLoss<Float> = try command.softmaxLoss(alpha: inputs.alpha)
        return try withInputBuffers(labels.values) { (x, y, w) throws(FocalLossError) in
            try focal.lossAndGradient(x, shape: inputs.shape, classAxis: inputs.classAxis!, labels: y, ignoreIndex: command.ignoreIndex,
                                      weights: w, reduction: reduction, gradient: gradient)
        }
    }

    /// Calls `body` with buffers of X, `truth` (targets or labels) and the weights, if any.
    private func withInputBuffers<Truth>(
        _ truth: [Truth],
        _ body: (UnsafeBufferPointer<Float16>, UnsafeBufferPointer<Truth>, UnsafeBufferPointer<Float16>?) throws(FocalLossError) -> Float
    ) throws(FocalLossError) -> Float {
        try inputs.x.withUnsafeBufferPointer { (x) throws(FocalLossError) in
            try truth.withUnsafeBufferPointer { (t) throws(FocalLossError) in
                guard let weights = inputs.weights else { return try body(x, t, nil) }
                return try weights.withUnsafeBufferPointer { (w) throws(FocalLossError) in try body(x, t, w) }
            }
        }
    }
}
#endif
