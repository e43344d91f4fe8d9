import FocalLoss
import FocalTestSupport

/// The FocalLoss call of each peer mapping in the migration article, in either precision: the
/// calls of `Snippets/PeerMappings.swift` (slice `torchvision`) and `Snippets/PeerVariantMappings.swift`
/// (the slice named at each group below) with the same arguments, on a fixture case's inputs.
/// When the article changes a call, change it here too (and the fixture script if the peer changes).
enum PeerMigrationCalls {
    /// The fixture cases that ``run(_:_:as:)`` knows.
    static let names = [
        "torchvision/none", "torchvision/mean", "torchvision/sum",
        "fvcoreFocalStar/defaults", "fvcoreFocalStar/alphaGamma",
        "polyLossFocal/epsilon1", "polyLossFocal/epsilonMinus1",
        "polyLossCrossEntropy/smoothed", "timmPolyCrossEntropy/smoothed",
        "timmPolyBinary/alphaMean", "timmPolyBinary/batchmean",
        "aslAsymmetricLoss/sum", "timmAsymmetricLoss/batchmean",
        "mmdetQualityFocal/avgFactor", "mmdetQualityFocal/mean", "mmdetQualityFocalTensor/mean",
        "mmdetVarifocal/avgFactor", "mmdetVarifocal/weightMean",
    ]

    /// The loss (one value, or one per element when unreduced) and gradient of case `name`.
    static func run<S: FocalScalar>(
        _ name: String, _ c: PeerMigrationCase, as _: S.Type
    ) throws -> (loss: [Double], gradient: [Double]) {
        let logits = c.x.map { S($0) }
        let targets = (c.targets ?? []).map { S($0) }
        let anchors = c.shape[0]
        let classes = c.shape.count > 1 ? c.shape[1] : 1
        let reduced: (loss: S, gradient: [S])
        switch name {
        // Snippets/PeerMappings.swift, slice torchvision.
        case "torchvision/none":
            let (losses, gradient) = try SigmoidFocalLoss<S>(gamma: 2, alpha: 0.25)
                .elementwiseLossesAndGradient(logits, targets: targets)
            return (losses.map(Double.init), gradient.map(Double.init))
        case "torchvision/mean":
            reduced = try SigmoidFocalLoss<S>(gamma: 2, alpha: 0.25).lossAndGradient(logits, targets: targets)
        case "torchvision/sum":
            reduced = try SigmoidFocalLoss<S>(gamma: 2, alpha: 0.25)
                .lossAndGradient(logits, targets: targets, reduction: .sum)

        // Slice fvcoreFocalStar.
        case "fvcoreFocalStar/defaults":
            let fvcoreStar = try SigmoidFocalLoss<S>.focalStar(gamma: 1, beta: 0, alpha: .none)
            reduced = try fvcoreStar.lossAndGradient(logits, targets: targets)
        case "fvcoreFocalStar/alphaGamma":
            let fvcoreWeighted = try SigmoidFocalLoss<S>.focalStar(gamma: 2, beta: 0, alpha: 0.25)
            reduced = try fvcoreWeighted.lossAndGradient(logits, targets: targets, reduction: .sum)

        // Slice polyLossFocal.
        case "polyLossFocal/epsilon1":
            let polyFocal = try SigmoidFocalLoss<S>.poly1(gamma: 2, alpha: 0.25, epsilon: 1)
            reduced = try polyFocal.lossAndGradient(logits, targets: targets)
        case "polyLossFocal/epsilonMinus1":
            let polyDetection = try SigmoidFocalLoss<S>.poly1(gamma: 2, alpha: 0.25, epsilon: -1)
            reduced = try polyDetection.lossAndGradient(logits, targets: targets)

        // Slice polyCrossEntropy (one call for both peers).
        case "polyLossCrossEntropy/smoothed", "timmPolyCrossEntropy/smoothed":
            let classLabels = try c.required(c.labels, "labels").map(Int64.init)
            let polyCrossEntropy = try SoftmaxFocalLoss<S>.poly1(epsilon: 2, labelSmoothing: 0.1)
            reduced = try polyCrossEntropy.lossAndGradient(logits, shape: [anchors, classes], labels: classLabels)

        // Slice timmPolyBinary.
        case "timmPolyBinary/alphaMean":
            let timmPoly = try SigmoidFocalLoss<S>.poly1(gamma: 2, alpha: .none, epsilon: 2)
            let alphaT = targets.map { 0.25 * $0 + 0.75 * (1 - $0) }
            reduced = try timmPoly.lossAndGradient(
                logits, targets: targets, weights: alphaT, reduction: .normalized(by: Double(logits.count)))
        case "timmPolyBinary/batchmean":
            let timmPolyBCE = try SigmoidFocalLoss<S>.poly1(gamma: 0, alpha: .none, epsilon: 2)
            reduced = try timmPolyBCE.lossAndGradient(
                logits, targets: targets, reduction: .normalized(by: Double(anchors)))

        // Slice asymmetric.
        case "aslAsymmetricLoss/sum":
            let asl = try SigmoidFocalLoss<S>.asymmetric(gammaPositive: 1, gammaNegative: 4, clip: 0.05)
            reduced = try asl.lossAndGradient(logits, targets: targets, reduction: .sum)
        case "timmAsymmetricLoss/batchmean":
            let aslPaper = try SigmoidFocalLoss<S>.asymmetric()
            reduced = try aslPaper.lossAndGradient(
                logits, targets: targets, reduction: .normalized(by: Double(anchors)))

        // Slice mmdetQualityFocal.
        case "mmdetQualityFocal/avgFactor", "mmdetQualityFocal/mean":
            let label = try c.required(c.labels, "labels")
            let score = try c.required(c.scores, "scores").map { S($0) }
            var quality = [S](repeating: 0, count: anchors * classes)
            for n in 0..<anchors where label[n] < classes { quality[n * classes + label[n]] = score[n] }
            let qfl = try SigmoidFocalLoss<S>.quality(beta: 2)
            if name.hasSuffix("avgFactor") {
                let labelWeights = try c.required(c.anchorWeights, "anchorWeights").map { S($0) }
                let elementWeights = (0..<anchors * classes).map { labelWeights[$0 / classes] }
                let numPositives = Double(label.filter { $0 < classes }.count)
                reduced = try qfl.lossAndGradient(
                    logits, targets: quality, weights: elementWeights,
                    reduction: .normalized(by: numPositives + 0x1p-23))
            } else {
                reduced = try qfl.lossAndGradient(
                    logits, targets: quality, reduction: .normalized(by: Double(anchors)))
            }
        case "mmdetQualityFocalTensor/mean":
            let qfl = try SigmoidFocalLoss<S>.quality(beta: 2)
            reduced = try qfl.lossAndGradient(logits, targets: targets)

        // Slice mmdetVarifocal.
        case "mmdetVarifocal/avgFactor":
            let iou = targets
            let vfl = try SigmoidFocalLoss<S>.varifocal(alpha: 0.75, gamma: 2, iouWeighted: true)
            let numPositiveElements = Double(iou.filter { $0 > 0 }.count)
            reduced = try vfl.lossAndGradient(
                logits, targets: iou, reduction: .normalized(by: numPositiveElements + 0x1p-23))
        case "mmdetVarifocal/weightMean":
            let iou = targets
            let boxWeights = try c.required(c.weights, "weights").map { S($0) }
            let vflPlain = try SigmoidFocalLoss<S>.varifocal(alpha: 0.75, gamma: 2, iouWeighted: false)
            reduced = try vflPlain.lossAndGradient(
                logits, targets: iou, weights: boxWeights, reduction: .normalized(by: Double(logits.count)))

        default:
            throw FixtureError(path: Fixture.url(PeerMigrationCase.file).path,
                               reason: "has a case '\(name)' that PeerMigrationCalls does not know")
        }
        return ([Double(reduced.loss)], reduced.gradient.map(Double.init))
    }
}
