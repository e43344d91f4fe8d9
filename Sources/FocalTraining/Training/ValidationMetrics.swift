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
