import FocalLoss
import Foundation

/// Trains a classifier on a ``Dataset``: stratified split, standardisation fitted on the training
/// rows, mini-batch training with the loss kernels and the chosen optimiser, validation average
/// precision after every epoch, optional early stopping, and a decision threshold chosen for the
/// best F1 on the validation rows.
///
/// ```swift
/// let data = try Dataset(contentsOf: URL(fileURLWithPath: "train.csv"))
/// let configuration = try TrainingConfiguration(
///     architecture: .mlp(hidden: [64]), loss: LossSettings(kind: .focal, gamma: 2), epochs: 30)
/// let result = try Trainer(configuration: configuration).train(data)
/// try result.model.write(to: URL(fileURLWithPath: "model.json"))
/// ```
///
/// Training is reproducible: the same configuration and data give a bit-identical model (and
/// model file) whatever ``threads`` is.
public struct Trainer: Sendable {
    /// The settings of the run.
    public let configuration: TrainingConfiguration
    /// The most threads the matrix products may use (default: one per processor).
    public var threads: Int

    /// Creates a trainer.
    public init(configuration: TrainingConfiguration, threads: Int? = nil) {
        self.configuration = configuration
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Trains a model.
    ///
    /// - Parameters:
    ///   - data: The labelled rows (at least two classes).
    ///   - labelColumn: The label column's name, stored in the model (default `label`).
    ///   - missingValues: How the data's missing values were read, stored in the model so
    ///     prediction treats them alike (default: from whether `data` holds NaN).
    ///   - progress: Called after every batch and every epoch, on the calling thread.
    /// - Returns: The model, with the epoch history and validation metrics in its ``TrainedModel/summary``.
    /// - Throws: ``TrainingError``: data unsuited to the settings, or a loss that became non-finite.
    public func train(
        _ data: Dataset, labelColumn: String = "label", missingValues: MissingValuePolicy? = nil,
        progress: ((TrainingEvent) -> Void)? = nil
    ) throws(TrainingError) -> TrainedModel {
        let config = configuration
        let split: StratifiedSplit
        do {
            split = try StratifiedSplit(labels: data.labels, classCount: data.classCount,
                                        validationFraction: config.validationFraction, seed: config.seed)
        } catch {
            throw .unsuitableData(reason: "\(error)")
        }
        let trainingPart = data.rows(split.training)
        let validationPart = data.rows(split.validation)
        let counts = trainingPart.classCounts
        if let missing = counts.firstIndex(of: 0) {
            throw .unsuitableData(reason: "class '\(data.classNames[missing])' has no training row")
        }
        let standardizer = Standardizer(fitting: trainingPart.features, featureCount: data.featureCount)
        let trainX = standardizer.transform(trainingPart.features)
        let validationX = standardizer.transform(validationPart.features)
        let hasValidation = !split.validation.isEmpty && Set(validationPart.labels).count == data.classCount
        if config.earlyStoppingPatience != nil, !hasValidation {
            throw .unsuitableData(reason: "early stopping needs every class among the validation rows; use a larger \(TrainingParameter.validationFraction)")
        }

        let loss = try BatchLoss(settings: config.loss, classCounts: counts)
        var generator = SeededGenerator(seed: config.seed ^ 0x5EED_0F_1417)
        var network = Network(architecture: config.architecture, inputCount: data.featureCount,
                              outputBias: initialBias(counts: counts), generator: &generator)
        let batchSize = min(config.batchSize, trainingPart.rowCount)
        var workspace = NetworkWorkspace(network: network, batchCapacity: batchSize)
        var optimizer = Optimizer(settings: config.optimizer, sizes: network.layers.flatMap { [$0.weights.count, $0.bias.count] })
        var order = Array(0..<trainingPart.rowCount)
        let labels32 = trainingPart.labels.map { Int32($0) }
        var batchX = [Float](repeating: 0, count: batchSize * data.featureCount)
        var batchLabels = [Int32](repeating: 0, count: batchSize)
        var targets = [Float](repeating: 0, count: batchSize)
        var history: [EpochReport] = []
        var best: (ap: Double, epoch: Int, network: Network)? = nil
        let outputs = loss.outputCount
        let batchCount = (trainingPart.rowCount + batchSize - 1) / batchSize
        var stoppedEarly = false

        for epoch in 1...config.epochs {
            generator.shuffle(&order)
            var lossSum = 0.0
            var easy = 0
            for batch in 0..<batchCount {
                let start = batch * batchSize
                let rows = min(batchSize, trainingPart.rowCount - start)
                Self.gather(order[start..<(start + rows)], features: trainX, labels: labels32,
                            featureCount: data.featureCount, into: &batchX, labels: &batchLabels)
                batchX.withUnsafeBufferPointer { x in
                    workspace.forward(network, input: x.baseAddress!, rows: rows, threads: threads)
                }
                let logits = workspace.activations[network.layers.count]
                let last = network.layers.count - 1
                let value: Float
                do {
                    value = try logits.withUnsafeBufferPointer { z throws(FocalLossError) in
                        try batchLabels.withUnsafeBufferPointer { y throws(FocalLossError) in
                            easy += loss.easyCount(logits: z, labels: y, rows: rows)
                            return try targets.withUnsafeMutableBufferPointer { t throws(FocalLossError) in
                                try workspace.deltas[last].withUnsafeMutableBufferPointer { g throws(FocalLossError) in
                                    try loss.lossAndGradient(logits: z, labels: y, targets: t, rows: rows, gradient: g)
                                }
                            }
                        }
                    }
                } catch {
                    throw .unsuitableData(reason: "loss kernel: \(error)")
                }
                guard value.isFinite, logits[0..<(rows * outputs)].allSatisfy(\.isFinite) else {
                    throw .diverged(epoch: epoch, batch: batch + 1)
                }
                lossSum += Double(value) * Double(rows)
                workspace.backward(network, rows: rows, threads: threads)
                optimizer.beginStep()
                for l in network.layers.indices {
                    optimizer.update(&network.layers[l].weights, gradient: workspace.weightGradients[l], slot: 2 * l)
                    optimizer.update(&network.layers[l].bias, gradient: workspace.biasGradients[l], slot: 2 * l + 1)
                }
                progress?(.batch(epoch: epoch, completed: batch + 1, total: batchCount,
                                 runningLoss: lossSum / Double(start + rows)))
            }
            var validationAP: Double? = nil
            if hasValidation {
                validationAP = try averagePrecision(network, validationX, validationPart)
            }
            let report = EpochReport(
                epoch: epoch, trainingLoss: lossSum / Double(trainingPart.rowCount),
                easyFraction: Double(easy) / Double(trainingPart.rowCount), validationAveragePrecision: validationAP)
            history.append(report)
            progress?(.epoch(report))
            if let patience = config.earlyStoppingPatience, let ap = validationAP {
                if best == nil || ap > best!.ap {
                    best = (ap, epoch, network)
                } else if epoch - best!.epoch >= patience {
                    stoppedEarly = epoch < config.epochs
                    break
                }
            }
        }
        if let best { network = best.network }
        let selectedEpoch = best?.epoch ?? history.count

        let (threshold, validationReport) = hasValidation
            ? try validationOutcome(network, validationX, validationPart) : (0.5, nil)
        let summary = TrainingSummary(
            trainingRows: trainingPart.rowCount, validationRows: validationPart.rowCount, trainingClassCounts: counts,
            selectedEpoch: selectedEpoch, stoppedEarly: stoppedEarly, history: history, validation: validationReport)
        let policy = missingValues ?? (data.features.contains(where: \.isNaN) ? .imputeTrainingMean : .reject)
        return try TrainedModel(
            network: network, standardizer: standardizer, featureNames: data.featureNames, labelColumn: labelColumn,
            classNames: data.classNames, threshold: threshold, missingValues: policy, configuration: config, summary: summary)
    }

    /// Copies the rows `indices` of the features and labels into the batch buffers.
    private static func gather(
        _ indices: ArraySlice<Int>, features: [Float], labels: [Int32], featureCount: Int,
        into batch: inout [Float], labels batchLabels: inout [Int32]
    ) {
        features.withUnsafeBufferPointer { x in
            batch.withUnsafeMutableBufferPointer { destination in
                for (r, source) in indices.enumerated() {
                    batchLabels[r] = labels[source]
                    (destination.baseAddress! + r * featureCount)
                        .update(from: x.baseAddress! + source * featureCount, count: featureCount)
                }
            }
        }
    }

    /// The output biases at initialisation: `-log((1 - π) / π)` for a sigmoid head; the log class
    /// priors of the training counts (or zeros) for a softmax head.
    func initialBias(counts: [Int]) -> [Float] {
        if counts.count == 2 {
            let prior = configuration.priorProbability
            return [Float(-log((1 - prior) / prior))]
        }
        guard configuration.softmaxPriorBias else { return [Float](repeating: 0, count: counts.count) }
        let total = Double(counts.reduce(0, +))
        return counts.map { Float(log(Double($0) / total)) }
    }

    /// The decision threshold with the best validation F1 (binary; 0.5 for multi-class) and the
    /// validation metrics at that threshold.
    private func validationOutcome(
        _ network: Network, _ x: [Float], _ part: Dataset
    ) throws(TrainingError) -> (threshold: Double, report: ClassificationReport?) {
        let logits = network.logits(x, rowCount: part.rowCount, threads: threads)
        let probabilities = TrainedModel.probabilities(logits: logits, classCount: part.classCount)
        do {
            if part.isBinary {
                let scores = (0..<part.rowCount).map { probabilities[2 * $0 + 1] }
                let threshold = try BinaryRanking(scores: scores, labels: part.labels).bestF1Threshold().threshold
                return (threshold, try ClassificationReport(binaryScores: scores, labels: part.labels, threshold: threshold))
            }
            return (0.5, try ClassificationReport(classScores: probabilities, labels: part.labels, classCount: part.classCount))
        } catch {
            throw .unsuitableData(reason: "validation metrics: \(error)")
        }
    }

    /// The validation average precision: of class 1 (binary) or the one-vs-rest macro average.
    private func averagePrecision(_ network: Network, _ x: [Float], _ part: Dataset) throws(TrainingError) -> Double {
        let logits = network.logits(x, rowCount: part.rowCount, threads: threads)
        guard logits.allSatisfy(\.isFinite) else { throw .diverged(epoch: 0, batch: 0) }
        do {
            if part.isBinary {
                return try BinaryRanking(scores: logits.map(Double.init), labels: part.labels).averagePrecision()
            }
            let probabilities = TrainedModel.probabilities(logits: logits, classCount: part.classCount)
            return try OneVsRestRanking(scores: probabilities, labels: part.labels, classCount: part.classCount)
                .averagePrecision().macroAverage
        } catch {
            throw .unsuitableData(reason: "validation average precision: \(error)")
        }
    }
}
