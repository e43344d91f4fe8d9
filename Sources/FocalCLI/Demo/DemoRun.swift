import FocalTraining
import Foundation

/// Trains and evaluates the demo's three models.
enum DemoRun {
    /// The gammas of Figure 4.
    static let figureGammas = [0, 0.5, 1, 2]
    /// The focal loss's alpha: 0.25, the paper's choice with gamma 2 (its Table 1), which
    /// `focal tune` also finds best or near best on the embedded data.
    static let focalAlpha = LossSettings.Alpha.constant(0.25)

    /// The three losses: CE, balanced CE (alpha auto) and focal (gamma 2, alpha 0.25).
    static func losses() -> [(String, LossSettings)] {
        // These settings are valid by construction.
        [("cross-entropy", try! LossSettings(kind: .crossEntropy)),
         ("balanced CE", try! LossSettings(kind: .balancedCrossEntropy, alpha: .inverseFrequency)),
         ("focal loss", try! LossSettings(kind: .focal, gamma: 2, alpha: focalAlpha))]
    }

    /// Splits the data, trains the three models with `base` (only the loss differs) and computes
    /// the test metrics, the PR curves and Figure 4.
    ///
    /// - Parameters:
    ///   - data: Binary data, the positive class = class 1.
    ///   - validation: The validation rows of the three trainings (all training rows then
    ///     train), or `nil` to hold them out of the training rows.
    ///   - base: The model, optimiser, epochs and seed shared by the three runs.
    ///   - threads: The most threads per training.
    ///   - announce: Called before each training with its index (from 0) and name.
    ///   - progress: Training events of the current training.
    static func run(
        _ data: DemoData, validation: Dataset? = nil, base: TrainingConfiguration, threads: Int?,
        announce: (Int, String) -> Void = { _, _ in }, progress: ((TrainingEvent) -> Void)? = nil
    ) throws -> DemoResult {
        let split: HoldOutSplit
        do {
            split = try HoldOutSplit(data.dataset, testFraction: DemoData.testFraction, seed: base.seed)
        } catch {
            throw CLIError(verbatim: "\(data.name): \(error.description)")
        }
        var models: [DemoModelResult] = []
        for (index, (name, loss)) in losses().enumerated() {
            announce(index, name)
            var configuration = base
            configuration.loss = loss
            let model: TrainedModel
            do {
                model = try Trainer(configuration: configuration, threads: threads)
                    .train(split.training, validation: validation, labelColumn: data.labelColumn, progress: progress)
            } catch {
                throw CLIError(verbatim: "\(data.name): \(name): \(error.commandLineDescription(for: .demo))")
            }
            do {
                let evaluation = try TestEvaluation(model: model, test: split.test, threads: threads)
                let curve = try BinaryRanking(scores: evaluation.scores, labels: evaluation.labels)
                    .precisionRecallCurve(dropIntermediate: true)
                models.append(DemoModelResult(name: name, loss: loss, model: model, evaluation: evaluation, curve: curve))
            } catch {
                throw CLIError(verbatim: "\(data.name): test metrics of \(name): \(error.description)")
            }
        }
        let focal = models[2].evaluation
        var distributions: [DemoLossDistribution] = []
        for gamma in figureGammas {
            let losses: [Double]
            do {
                losses = try LossDistribution.focalLosses(logits: focal.logits, labels: focal.labels, gamma: gamma)
            } catch {
                throw CLIError(verbatim: "\(data.name): loss distribution: \(error)")
            }
            let positives = zip(losses, focal.labels).filter { $0.1 == 1 }.map(\.0)
            let negatives = zip(losses, focal.labels).filter { $0.1 == 0 }.map(\.0)
            distributions.append(DemoLossDistribution(
                gamma: gamma, positives: LossDistribution.cumulativeShare(positives),
                negatives: LossDistribution.cumulativeShare(negatives)))
        }
        return DemoResult(data: data, split: split, configuration: base, models: models, lossDistributions: distributions)
    }
}
