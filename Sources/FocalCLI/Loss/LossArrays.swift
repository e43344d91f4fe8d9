import FocalNumPy

/// The files of one `focal loss` call, read and checked against each other, not yet converted.
///
/// Every file is checked (dtype, shape) before any is copied, so a mistake in the last file
/// shows up at once even when X is large; the dtypes read decide which kernels take the call.
struct LossArrays {
    /// X.
    let predictions: NumPyArray
    /// X's shape.
    let shape: [Int]
    /// Whether these are inputs of the softmax loss.
    let isSoftmax: Bool
    /// The parsed `--alpha`.
    let alpha: LossCommand.Alpha?
    /// The class axis in `0..<shape.count`, when the loss needs one.
    let classAxis: Int?
    /// The float targets, if given.
    let targets: NumPyArray?
    /// The integer labels, if given.
    let labels: (any ClassLabels)?
    /// The weights, if given.
    let weights: NumPyArray?
    /// For each kernel argument name, the option and file it came from, for error messages.
    let subjects: [String: String]

    /// Reads the files `command` names; `predictions` is X, already read.
    ///
    /// - Throws: ``CLIError`` for a file that cannot be read, a wrong dtype, a shape that does not
    ///   fit X, a class axis out of range or an `--alpha` list of the wrong length.
    init(command: LossCommand, predictions: NumPyArray) throws(CLIError) {
        self.predictions = predictions
        shape = predictions.shape
        isSoftmax = command.kind == .softmax
        let alpha: LossCommand.Alpha?
        do {
            alpha = try command.parsedAlpha()
        } catch {
            throw CLIError("\(error)")
        }
        self.alpha = alpha
        var hasAlphaList = false
        if case .perClass? = alpha { hasAlphaList = true }
        let needsClassAxis = isSoftmax || hasAlphaList
        let axis = needsClassAxis
            ? try LossInputFiles.resolveClassAxis(command.classAxis, shape: shape, xPath: command.x) : nil
        classAxis = axis
        if case .perClass(let values)? = alpha, let axis, values.count != shape[axis] {
            throw CLIError(option: "--alpha", "\(values.count) weights given, but X (\(command.x)) has \(shape[axis]) classes along axis \(axis) (shape \(shapeText(shape)))")
        }
        let positions = isSoftmax ? shape.removing(axis: axis!) : shape
        var subjects = ["predictions": "--x \(command.x)", "logits": "--x \(command.x)",
                        "probabilities": "--x \(command.x)", "shape": "--x \(command.x)",
                        "alpha": "--alpha", "gamma": "--gamma", "labelSmoothing": "--label-smoothing",
                        "normalizer": "--normalizer"]

        // Check every file before copying any.
        var targetsArray: NumPyArray?
        var labels: (any ClassLabels)?
        if let path = command.targets {
            targetsArray = try LossInputFiles.readFloats(path, option: "--targets", expectedShape: shape, described: "targets")
            subjects["targets"] = "--targets \(path)"
        }
        var weightsArray: NumPyArray?
        if let path = command.weights {
            weightsArray = try LossInputFiles.readWeights(
                path, expectedShape: isSoftmax ? positions : shape,
                shapeDescription: isSoftmax
                    ? "X's shape \(shapeText(shape)) without class axis \(axis ?? 0) (one weight per position)"
                    : "X's shape (one weight per element)")
            subjects["weights"] = "--weights \(path)"
        }
        if let path = command.labels {
            labels = try LossInputFiles.readLabels(path, expectedShape: positions, xShape: shape, classAxis: axis ?? 0)
            subjects["labels"] = "--labels \(path)"
        }

        self.targets = targetsArray
        self.labels = labels
        self.weights = weightsArray
        self.subjects = subjects
    }

    /// The shape of the unreduced losses: X's (sigmoid), or X's without the class axis (softmax).
    var lossShape: [Int] {
        guard isSoftmax, let classAxis else { return shape }
        return shape.removing(axis: classAxis)
    }

    /// Whether every floating-point array of the call is stored as `float16` (X, the targets and
    /// the weights, when given).
    var isAllHalf: Bool {
        [predictions, targets, weights].allSatisfy { ($0?.dtype ?? .float16) == .float16 }
    }
}

extension Array where Element == Int {
    /// The shape without one axis.
    func removing(axis: Int) -> [Int] {
        var copy = self
        copy.remove(at: axis)
        return copy
    }
}
