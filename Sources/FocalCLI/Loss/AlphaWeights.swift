/// The `--alpha` option's value.
enum AlphaWeights: Equatable {
    /// One number: sigmoid's balance α, or softmax's weight of every class.
    case scalar(Double)
    /// One weight per class along the class axis.
    case perClass([Double])
}
