extension LossCommand {
    /// The `--alpha` option's value, in the vocabulary of the losses' own `Alpha`.
    enum Alpha: Equatable {
        /// One number: sigmoid's weight of positives (with `1 - α` on negatives), or softmax's
        /// weight of every class.
        case constant(Double)
        /// One weight per class along the class axis.
        case perClass([Double])
        /// `--alpha none`: no weighting, where the variant's default has one.
        case unweighted
    }
}
