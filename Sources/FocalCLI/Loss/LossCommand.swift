import ArgumentParser

/// `focal loss`: the focal loss and its gradient for arrays stored as NumPy `.npy` files.
///
/// The options are checked for consistency in ``validate()`` (usage errors, exit status 64);
/// ``execute()`` reads the files, computes with `FocalLoss` and writes the outputs, throwing a
/// ``CLIError`` (exit status 1) for anything wrong with the files.
struct LossCommand: ParsableCommand, ThreadsHelp {
    static let configuration = CommandConfiguration(
        commandName: "loss",
        abstract: "Compute a focal loss and its gradient for arrays stored in NumPy .npy files.",
        discussion: """
            sigmoid (torchvision's sigmoid_focal_loss): every element of X is a binary problem with \
            a target in [0, 1] from --targets (same shape as X); loss = alpha_t (1 - p_t)^gamma ce. \
            softmax: X holds class scores along --class-axis; give integer --labels (X's shape without \
            the class axis) or a one-hot or soft --targets tensor (X's shape); per position \
            loss = -sum_c alpha_c q_c (1 - p_c)^gamma log p_c. \
            --variant picks a member of the focal-loss family (sigmoid: focal, focal-star, poly1, asl, \
            qfl, vfl; softmax: focal, poly1) from logits, each with its own parameters; a parameter of \
            another variant is a usage error.

            Prints the reduced loss (sum, mean) on stdout, or with --json one object \
            {"loss": <number, or null for --reduction none>, "elements": <elements of X>, "precision": "float"|"double"}. \
            --gradient writes d(loss)/dX in X's shape and dtype; with --reduction none each element's \
            (position's) own loss is differentiated, and --out (-o; formerly --output, still accepted) \
            writes the per-element (sigmoid) or per-position (softmax) losses in X's dtype. Output files \
            are written atomically (a FIFO or device in place); - writes one of them to stdout, the printed \
            loss then going to stderr. A value \
            that X's dtype cannot hold (above 65504 in float16, say) is an error naming its entry, never \
            infinity in the file; so is a reduced loss beyond the precision computed in.

            .npy files: format 1.0, 2.0 and 3.0, either byte order, C or Fortran order (read as the \
            same logical array). Files are memory-mapped: each input is copied once, into the \
            precision computed in. float16 X with float16 sigmoid --targets or softmax --labels, float16 \
            --weights if any and a reduced loss stays float16: the library's Float16 entry points compute \
            in float and round the gradient once to float16.
            """
    )

    /// The kernels give the same results on any number of threads.
    static let threadsHelp = "The most threads to use (default: one per processor; results do not depend on it)."

    /// The loss family.
    enum Kind: String, ExpressibleByArgument, CaseIterable { case sigmoid, softmax }
    /// What X holds.
    enum Input: String, ExpressibleByArgument, CaseIterable { case logits, probabilities }
    /// How the losses are combined.
    enum Reduction: String, ExpressibleByArgument, CaseIterable { case none, sum, mean }
    /// The precision computed in.
    enum Precision: String, ExpressibleByArgument, CaseIterable { case float, double }

    @Option(help: "The loss: sigmoid (binary, multi-label) or softmax (multi-class).")
    var kind: Kind

    @Option(help: "What X holds: logits or probabilities.")
    var input: Input = .logits

    @Option(name: .customLong("x"), help: ArgumentHelp(
        "The predictions: a float16/32/64 .npy file.", valueName: "X.npy"))
    var x: String

    @Option(help: ArgumentHelp(
        "Float targets shaped like X. sigmoid: 0/1 or soft; softmax: one-hot or soft distributions along the class axis.",
        valueName: "T.npy"))
    var targets: String?

    @Option(help: ArgumentHelp(
        "softmax only: integer class labels (int8/16/32/64, uint8/16/32/64), X's shape without the class axis.",
        valueName: "Y.npy"))
    var labels: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The class axis of X; negative counts from the end (-1: class-last). Used by softmax and by a sigmoid --alpha list.",
        valueName: "K"))
    var classAxis: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Class weighting (default: none; the variant's for focal-star, poly1, vfl; none turns it off). One number: sigmoid alpha on positives, 1 - alpha on negatives, in [0, 1]; softmax: every class. A list a1,a2,...: one weight per class along --class-axis.",
        valueName: "A|a1,a2,...|none"))
    var alpha: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The focusing parameter gamma, finite and >= 0; 0 is cross-entropy (default: the variant's, 2; softmax poly1 0).", valueName: "G"))
    var gamma: Double?

    @OptionGroup var family: VariantOptions

    @Option(help: "How losses are combined: none, sum or mean (default: mean; sum divided by M with --normalizer). mean divides by the number of elements (softmax: positions not ignored), or by the sum of --weights.")
    var reduction: Reduction?

    @Option(parsing: .unconditional, help: ArgumentHelp("softmax with --labels: the label of positions to ignore (e.g. -100, or 255 in masks). Default: none.", valueName: "I"))
    var ignoreIndex: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("softmax only: label smoothing e in [0, 1); targets become (1 - e) q + e / C.", valueName: "E"))
    var labelSmoothing: Double = 0

    @Option(help: ArgumentHelp(
        "Non-negative weights (any numeric dtype): one per element of X (sigmoid) or per position (softmax). Default: none.",
        valueName: "W.npy"))
    var weights: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Reduce as sum / M (e.g. the number of positive anchors), M finite and > 0. Default: none.", valueName: "M"))
    var normalizer: Double?

    @Option(help: "The precision to compute in: float or double (default: X's; float for float16).")
    var precision: Precision?

    @Option(help: ArgumentHelp("Write d(loss)/dX here (.npy, X's shape and dtype; - for stdout). Default: not written.", valueName: "G.npy"))
    var gradient: String?

    @Option(name: [.customLong("out"), .customShort("o")], help: ArgumentHelp("With --reduction none: write the per-element (sigmoid) or per-position (softmax) losses here (.npy, X's dtype). Default: not written.", valueName: "L.npy"))
    var out: String?

    /// `--output`, the former name of `--out`: still accepted, not shown in the help.
    @Option(name: .customLong("output"), help: ArgumentHelp(visibility: .hidden))
    var formerOut: String?

    /// The losses file: `--out`, or `--output` as formerly spelt.
    var output: String? { out ?? formerOut }

    /// The option the user named the losses file with, for messages: `--out`, or `--output`.
    var outputOption: String { formerOut != nil ? "--output" : "--out" }

    @OptionGroup var threading: ThreadOptions<LossCommand>

    @Flag(help: "Print one JSON object {\"loss\", \"elements\", \"precision\"} instead of the bare loss.")
    var json = false

    /// The reduction in effect: the given one, or `mean` (`sum` when a normaliser is given).
    var effectiveReduction: Reduction {
        reduction ?? (normalizer == nil ? .mean : .sum)
    }

    func validate() throws {
        if kind == .sigmoid {
            if labels != nil {
                throw ValidationError("--labels is for --kind softmax; sigmoid takes float --targets shaped like X (0/1 or soft)")
            }
            if labelSmoothing != 0 { throw ValidationError("--label-smoothing is for --kind softmax only") }
        }
        switch (targets, labels) {
        case (nil, nil):
            throw ValidationError(kind == .sigmoid
                ? "--targets T.npy is required for --kind sigmoid"
                : "one of --labels Y.npy or --targets T.npy is required for --kind softmax")
        case (.some, .some):
            throw ValidationError("--targets and --labels cannot be used together; give one")
        default:
            break
        }
        if ignoreIndex != nil, labels == nil {
            throw ValidationError("--ignore-index applies to --labels only (softmax)")
        }
        if let gamma, !(gamma.isFinite && gamma >= 0) {
            throw ValidationError("--gamma: value \(messageNumber(gamma)) must be finite and >= 0")
        }
        try validateVariant()
        guard labelSmoothing >= 0, labelSmoothing < 1 else {
            throw ValidationError("--label-smoothing: value \(messageNumber(labelSmoothing)) must be in [0, 1)")
        }
        if let normalizer {
            guard normalizer.isFinite, normalizer > 0 else {
                throw ValidationError("--normalizer: value \(messageNumber(normalizer)) must be finite and > 0")
            }
            if let reduction, reduction != .sum {
                throw ValidationError("--normalizer divides the sum; use it with --reduction sum (or alone), not \(reduction.rawValue)")
            }
        }
        _ = try parsedAlpha()
        try ThreadCount.validate(threading.threads)
        if out != nil, formerOut != nil {
            throw ValidationError("--output is the former name of --out; give one of them")
        }
        if output != nil, effectiveReduction != .none {
            throw ValidationError("\(outputOption) writes the unreduced losses; use it with --reduction none")
        }
        if effectiveReduction == .none, output == nil, gradient == nil {
            throw ValidationError("--reduction none needs --out L.npy (the per-element losses) or --gradient G.npy")
        }
        for (option, path) in [("--gradient", gradient), (outputOption, output)] {
            if let path, path.isEmpty { throw ValidationError("\(option): the file name is empty") }
        }
        if let gradient, gradient == output {
            throw ValidationError("--gradient and \(outputOption) name the same file '\(gradient)'")
        }
        let inputs = [("--x", x), ("--targets", targets), ("--labels", labels), ("--weights", weights)]
        try SameFile.refuse(output: gradient, option: "--gradient", inputs: inputs + [(outputOption, output)])
        try SameFile.refuse(output: output, option: outputOption, inputs: inputs)
    }

    /// The parsed `--alpha`: `nil` without it, one number, or one per class.
    ///
    /// - Throws: A `ValidationError` naming `--alpha` for text that is not numbers, or a value
    ///   out of range (sigmoid: `[0, 1]`; softmax: finite and `>= 0`).
    func parsedAlpha() throws -> Alpha? {
        guard let alpha else { return nil }
        if alpha == "none" { return .unweighted }
        let values = try NumberList.parse(alpha, option: "--alpha")
        for (index, value) in values.enumerated() {
            let entry = values.count > 1 ? " (entry \(index))" : ""
            switch kind {
            case .sigmoid where !(0...1).contains(value):
                throw ValidationError("--alpha: value \(messageNumber(value))\(entry) must be in [0, 1] for sigmoid")
            case .softmax where value < 0:
                throw ValidationError("--alpha: value \(messageNumber(value))\(entry) must be >= 0")
            default:
                break
            }
        }
        return alpha.contains(",") ? .perClass(values) : .constant(values[0])
    }

    func run() throws {
        try execute().print()
    }
}
