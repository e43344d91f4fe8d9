extension PreparedData {
    /// The validation average precision of `network`: of class 1 (binary) or the one-vs-rest
    /// macro average.
    ///
    /// - Throws: ``TrainingError/diverged(epoch:batch:)`` (epoch and batch 0) for a non-finite
    ///   logit, ``TrainingError/unsuitableData(reason:)`` when the metric cannot be computed.
    func validationAveragePrecision(of network: Network, threads: Int) throws(TrainingError) -> Double {
        let logits = network.logits(validationFeatures, rowCount: validation.rowCount, threads: threads)
        guard logits.allSatisfy(\.isFinite) else { throw .diverged(epoch: 0, batch: 0) }
        do {
            if validation.isBinary {
                return try BinaryRanking(scores: logits.map(Double.init), labels: validation.labels).averagePrecision()
            }
            let probabilities = TrainedModel.probabilities(logits: logits, classCount: validation.classCount)
            return try OneVsRestRanking(scores: probabilities, labels: validation.labels, classCount: validation.classCount)
                .averagePrecision().macroAverage
        } catch {
            throw .unsuitableData(reason: "validation average precision: \(error)")
        }
    }

    /// The decision threshold with the best validation F1 of `network` (binary; 0.5 for
    /// multi-class) and the validation metrics at that threshold.
    ///
    /// - Throws: ``TrainingError/unsuitableData(reason:)`` when the metrics cannot be computed.
    func validationOutcome(of network: Network, threads: Int) throws(TrainingError) -> (threshold: Double, report: ClassificationReport) {
        let logits = network.logits(validationFeatures, rowCount: validation.rowCount, threads: threads)
        let probabilities = TrainedModel.probabilities(logits: logits, classCount: validation.classCount)
        do {
            if validation.isBinary {
                let scores = (0..<validation.rowCount).map { probabilities[2 * $0 + 1] }
                let threshold = try BinaryRanking(scores: scores, labels: validation.labels).bestF1Threshold().threshold
                return (threshold, try ClassificationReport(binaryScores: scores, labels: validation.labels, threshold: threshold))
            }
            return (0.5, try ClassificationReport(classScores: probabilities, labels: validation.labels,
                                                  classCount: validation.classCount))
        } catch {
            throw .unsuitableData(reason: "validation metrics: \(error)")
        }
    }
}

extension PreparedData {
    /// The score that chooses between trained models: the validation average precision of class 1
    /// (binary), or the validation macro-F1 of the arg-max predictions (multi-class; classes
    /// neither present nor predicted do not count).
    ///
    /// - Throws: ``TrainingError/diverged(epoch:batch:)`` (epoch and batch 0) for a non-finite
    ///   logit, ``TrainingError/unsuitableData(reason:)`` when the metric cannot be computed.
    func validationScore(of network: Network) throws(TrainingError) -> Double {
        if validation.isBinary { return try validationAveragePrecision(of: network, threads: 1) }
        let classCount = validation.classCount
        let logits = network.logits(validationFeatures, rowCount: validation.rowCount, threads: 1)
        guard logits.allSatisfy(\.isFinite) else { throw .diverged(epoch: 0, batch: 0) }
        let predictions = (0..<validation.rowCount).map { row in
            let scores = logits[(row * classCount)..<((row + 1) * classCount)]
            return scores.indices.max { scores[$0] < scores[$1] }! - row * classCount
        }
        do {
            return try ConfusionMatrix(labels: validation.labels, predictions: predictions, classCount: classCount).macroF1
        } catch {
            throw .unsuitableData(reason: "validation macro-F1: \(error)")
        }
    }
}
