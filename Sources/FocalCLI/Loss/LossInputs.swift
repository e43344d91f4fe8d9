import FocalLoss
import FocalNumPy

/// The arrays of one `focal loss` call, read and checked (``LossArrays``), converted to the
/// element type the kernels take: the precision computed in, or `Float16` for the `Float16`
/// entry points.
///
/// Each array is copied once from its memory-mapped file.
struct LossInputs<Scalar: BinaryFloatingPoint & NumPyElement> {
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

    /// The checked arrays' elements as `Scalar`.
    init(_ arrays: LossArrays) {
        shape = arrays.shape
        alpha = arrays.alpha
        classAxis = arrays.classAxis
        x = arrays.predictions.elements(as: Scalar.self)
        if let targets = arrays.targets {
            truth = .targets(targets.elements(as: Scalar.self))
        } else {
            truth = .labels(arrays.labels!)
        }
        weights = arrays.weights?.elements(as: Scalar.self)
        subjects = arrays.subjects
    }
}
