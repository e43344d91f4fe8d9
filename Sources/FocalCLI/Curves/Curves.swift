import ArgumentParser

/// `focal curves`: Figure 1 of the focal-loss paper, as an SVG file or as CSV values.
struct Curves: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curves",
        abstract: "Draw Figure 1 of the focal-loss paper: loss against p_t for several gammas (SVG), or print the values (CSV).",
        discussion: """
            p_t is the predicted probability of the true class, and each curve is \
            FL(p_t) = -alpha_t (1 - p_t)^gamma log(p_t) for one gamma; gamma 0 is cross-entropy. \
            With --alpha A, alpha_t is A, the weight of a positive example in the sigmoid focal loss \
            (without it, alpha_t = 1). The values come from the library's SigmoidFocalLoss \
            (from probabilities, target 1), which evaluates p_t = 1 at 1 - 2^-53, so the last row is \
            about 1e-16 rather than exactly 0. \
            --variant draws a member of the focal-loss family instead (from logits log(p_t / (1 - p_t)), \
            target 1, p_t = 1 at a logit of 800), with its own parameters and defaults (see focal loss \
            --help): one curve per gamma for focal-star, poly1 and vfl, one curve for asl and qfl.

            The SVG is standalone (axes, ticks, labels, legend); it shows p_t in [0, 1] and \
            loss in [0, --y-max], like the paper, and shades the well-classified examples (p_t > 0.6).
            """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("The gammas, comma-separated, each finite and >= 0 (default: 0,0.5,1,2,5; focal-star 0.5,1,2,5).", valueName: "g1,g2,..."))
    var gamma: String?

    @OptionGroup var family: VariantOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("alpha_t in [0, 1], the weight of the true (positive) class. Default: none (alpha_t = 1).", valueName: "A"))
    var alpha: Double?

    @Option(name: [.customLong("out"), .customShort("o")], help: ArgumentHelp("The SVG file to write (atomically; - for stdout).", valueName: "FILE"))
    var out: String = "focal-curves.svg"

    @Flag(help: "Print the curve values as CSV on stdout (columns p_t, gamma_<g>...) instead of writing the SVG.")
    var csv = false

    @Option(parsing: .unconditional, help: ArgumentHelp("CSV rows: p_t = k/N for k = 1...N. (The SVG always uses 1000 points.)", valueName: "N"))
    var points: Int = 100

    @Option(parsing: .unconditional, help: ArgumentHelp("The top of the SVG's loss axis.", valueName: "Y"))
    var yMax: Double = 5

    func validate() throws {
        try family.validate(gammaGiven: gamma != nil, alphaGiven: alpha != nil, softmax: false)
        let gammas = try self.gammas
        for (index, value) in gammas.enumerated() where gammas[..<index].contains(value) {
            throw ValidationError("--gamma: value \(messageNumber(value)) is given twice (each gamma draws one curve)")
        }
        if let alpha, !(alpha >= 0 && alpha <= 1) {
            throw ValidationError("--alpha: value \(messageNumber(alpha)) must be in [0, 1]")
        }
        guard (1...1_000_000).contains(points) else {
            throw ValidationError("--points: must be in 1...1000000, got \(points)")
        }
        guard yMax.isFinite, yMax > 0 else {
            throw ValidationError("--y-max: value \(messageNumber(yMax)) must be finite and > 0")
        }
        if !csv, out.isEmpty { throw ValidationError("--out: the file name is empty") }
    }

    /// The parsed `--gamma` list.
    var gammas: [Double] {
        get throws {
            guard family.variant.parameters.contains(.gamma) else { return [] }
            let text = gamma ?? (family.variant == .focalStar ? "0.5,1,2,5" : "0,0.5,1,2,5")
            return gamma == nil ? try NumberList.parse(text, option: "--gamma") : try NumberList.gammas(text)
        }
    }

    /// Writes the SVG (returning a note of it for stdout), or returns the CSV.
    ///
    /// - Throws: ``CLIError`` if the SVG cannot be written.
    func execute() throws -> CommandOutput {
        let table = try FocalCurveTable(gammas: gammas, alpha: alpha, family: family, pointCount: csv ? points : 1000)
        if csv {
            return CommandOutput(standardOutput: table.csv())
        }
        try OutputFileOption.checkFolder(out, option: "--out")
        try OutputFileOption.write(table.figure(yMax: yMax).svg(), to: out, option: "--out")
        return CommandOutput(standardOutput: "wrote \(out)\n", writtenFiles: [out])
    }

    func run() throws {
        try execute().print()
    }
}
