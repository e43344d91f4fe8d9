import FocalLoss
import FocalNumPy

/// The arrays of one `focal loss` call, read, checked against each other and converted to the
/// precision computed in.
///
/// Every file is checked (dtype, shape) before any is copied, so a mistake in the last file
/// shows up at once even when X is large. Each array is then copied once from its memory-mapped
/// file.
struct LossInputs<Scalar: FocalScalar & NumPyElement> {
    /// Where the targets come from.
    enum Truth {
        /// A float tensor shaped like X.
        case targets([Scalar])
        /// Integer class labels, X's shape without the class axis.
        case labels(any ClassLabels)
    }

    /// X's elements, row-major.
    let x: [Scalar]
    /// X's shape.
    let shape: [Int]
    /// The class axis in `0..<shape.count`, when the loss needs one (softmax, or a sigmoid
    /// `--alpha` list).
    let classAxis: Int?
    /// The targets or labels.
    let truth: Truth
    /// The parsed `--alpha`.
    let alpha: LossCommand.Alpha?
    /// The weights, if given.
    let weights: [Scalar]?
    /// For each kernel argument name, the option and file it came from, for error messages.
    let subjects: [String: String]

    /// The shape of the unreduced losses: X's (sigmoid), or X's without the class axis (softmax).
    var lossShape: [Int] {
        guard isSoftmax, let classAxis else { return shape }
        return shape.removing(axis: classAxis)
    }

    /// Whether these are inputs of the softmax loss.
    let isSoftmax: Bool

    /// Reads the files `command` names; `predictions` is X, already read.
    ///
    /// - Throws: ``CLIError`` for a file that cannot be read, a wrong dtype, a shape that does not
    ///   fit X, a class axis out of range or an `--alpha` list of the wrong length.
    init(command: LossCommand, predictions: NumPyArray) throws(CLIError) {
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

        x = predictions.elements(as: Scalar.self)
        if let targetsArray {
            truth = .targets(targetsArray.elements(as: Scalar.self))
        } else {
            truth = .labels(labels!)
        }
        weights = weightsArray?.elements(as: Scalar.self)
        self.subjects = subjects
    }
}

fileprivate extension Array where Element == Int {
    /// The shape without one axis.
    func removing(axis: Int) -> [Int] {
        var copy = self
        copy.remove(at: axis)
        return copy
    }
}
