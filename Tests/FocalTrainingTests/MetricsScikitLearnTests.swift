import FocalTraining
import Testing

/// Every metric against scikit-learn 1.9.1 on random cases with ties (n = 50..200, binary and
/// 4-class), to 1e-9 relative. The figures come from `scripts/metrics_reference.py`.
@Suite("Metrics: agreement with scikit-learn")
struct MetricsScikitLearnTests {
    static let binaryCases: [(String, MetricsBinaryReference)] = [
        ("heavy ties", MetricsReference.binaryHeavyTies), ("rare positives", MetricsReference.binaryRare),
        ("few ties", MetricsReference.binaryFewTies), ("three levels", MetricsReference.binaryThreeLevels),
    ]
    static let multiclassCases: [(String, MetricsMulticlassReference)] = [
        ("ties", MetricsReference.multiclassTies), ("fine", MetricsReference.multiclassFine),
    ]
    let rtol = 1e-9

    @Test("Binary: average precision, ROC-AUC, best-F1 threshold", arguments: binaryCases)
    func binaryScores(name: String, reference: MetricsBinaryReference) throws {
        let (scores, labels) = reference.inputs
        let ranking = try BinaryRanking(scores: scores, labels: labels)
        #expect(ranking.count == reference.count)
        #expect(ranking.positiveCount == reference.positiveCount)
        #expect(ranking.distinctScoreCount == reference.distinctScoreCount)
        expectMetric(try ranking.averagePrecision(), reference.averagePrecision, rtol: rtol, "\(name) AP")
        expectMetric(try ranking.rocAUC(), reference.rocAUC, rtol: rtol, "\(name) ROC-AUC")
        let best = try ranking.bestF1Threshold()
        #expect(best.threshold == reference.bestThreshold, "\(name) threshold")
        expectMetric(best.f1, reference.bestF1, rtol: rtol, "\(name) best F1")
        expectMetric(best.precision, reference.bestPrecision, rtol: rtol, "\(name) precision at best")
        expectMetric(best.recall, reference.bestRecall, rtol: rtol, "\(name) recall at best")
        // The same ranking from Boolean labels.
        let fromBools = try BinaryRanking(scores: scores, labels: labels.map { $0 == 1 })
        #expect(fromBools == ranking)
    }

    @Test("Binary: precision-recall and ROC curves", arguments: binaryCases)
    func binaryCurves(name: String, reference: MetricsBinaryReference) throws {
        let (scores, labels) = reference.inputs
        let ranking = try BinaryRanking(scores: scores, labels: labels)
        let pr = try ranking.precisionRecallCurve()
        #expect(pr.precision.count == reference.precisionRecallCurveCount, "\(name)")
        #expect(pr.recall.count == reference.precisionRecallCurveCount, "\(name)")
        #expect(pr.thresholds.count == reference.precisionRecallCurveCount - 1, "\(name)")
        expectMetric(pr.precision.reduce(0, +), reference.precisionSum, rtol: rtol, "\(name) sum of precision")
        expectMetric(pr.recall.reduce(0, +), reference.recallSum, rtol: rtol, "\(name) sum of recall")
        #expect(try ranking.precisionRecallCurve(dropIntermediate: true).precision.count
                == reference.precisionRecallDroppedCount, "\(name)")
        let roc = try ranking.rocCurve()
        #expect(roc.falsePositiveRate.count == reference.rocCurveCount, "\(name)")
        #expect(roc.thresholds.count == reference.rocCurveCount, "\(name)")
        #expect(roc.thresholds.first == .infinity)
        expectMetric(roc.falsePositiveRate.reduce(0, +), reference.falsePositiveRateSum, rtol: rtol, "\(name) sum of FPR")
        expectMetric(roc.truePositiveRate.reduce(0, +), reference.truePositiveRateSum, rtol: rtol, "\(name) sum of TPR")
        #expect(try ranking.rocCurve(dropIntermediate: false).thresholds.count == reference.rocCurveUndroppedCount)

        if let precision = reference.precision, let recall = reference.recall,
           let thresholds = reference.precisionRecallThresholds,
           let fpr = reference.falsePositiveRate, let tpr = reference.truePositiveRate,
           let rocThresholds = reference.rocThresholds
        {
            expectMetrics(pr.precision, precision, rtol: rtol, "\(name) precision")
            expectMetrics(pr.recall, recall, rtol: rtol, "\(name) recall")
            #expect(pr.thresholds == thresholds, "\(name) PR thresholds")
            expectMetrics(roc.falsePositiveRate, fpr, rtol: rtol, "\(name) FPR")
            expectMetrics(roc.truePositiveRate, tpr, rtol: rtol, "\(name) TPR")
            #expect(Array(roc.thresholds.dropFirst()) == rocThresholds, "\(name) ROC thresholds")
        }
    }

    @Test("Binary report at a threshold", arguments: binaryCases)
    func binaryReport(name: String, reference: MetricsBinaryReference) throws {
        let (scores, labels) = reference.inputs
        let report = try ClassificationReport(binaryScores: scores, labels: labels, threshold: metricsReportThreshold)
        #expect(report.kind == .binary)
        #expect(report.threshold == metricsReportThreshold)
        #expect(report.sampleCount == reference.count)
        #expect(report.confusionMatrix.flatMap { $0 } == reference.confusionAtThreshold, "\(name)")
        expectMetric(report.accuracy, reference.accuracyAtThreshold, rtol: rtol, "\(name) accuracy")
        expectMetric(report.balancedAccuracy, reference.balancedAccuracyAtThreshold, rtol: rtol, "\(name) balanced accuracy")
        expectMetric(report.macroF1, reference.macroF1AtThreshold, rtol: rtol, "\(name) macro-F1")
        expectMetrics(report.perClass.map(\.precision), reference.precisionAtThreshold, rtol: rtol, "\(name) precision")
        expectMetrics(report.perClass.map(\.recall), reference.recallAtThreshold, rtol: rtol, "\(name) recall")
        expectMetrics(report.perClass.map(\.f1), reference.f1AtThreshold, rtol: rtol, "\(name) F1")
        expectMetric(report.averagePrecision, reference.averagePrecision, rtol: rtol, "\(name) AP")
        expectMetric(report.rocAUC, reference.rocAUC, rtol: rtol, "\(name) ROC-AUC")
        expectMetrics(report.perClass.map(\.averagePrecision),
                      [reference.negativeAveragePrecision, reference.averagePrecision], rtol: rtol, "\(name) per-class AP")
        expectMetrics(report.perClass.map(\.rocAUC),
                      [reference.negativeROCAUC, reference.rocAUC], rtol: rtol, "\(name) per-class ROC-AUC")
        #expect(report.perClass.map(\.support) == [reference.count - reference.positiveCount, reference.positiveCount])
    }

    @Test("Four classes: one-vs-rest AP and ROC-AUC", arguments: multiclassCases)
    func oneVsRest(name: String, reference: MetricsMulticlassReference) throws {
        let (scores, labels) = reference.inputs
        let ranking = try OneVsRestRanking(scores: scores, labels: labels, classCount: 4)
        let ap = try ranking.averagePrecision()
        expectMetrics(ap.perClass, reference.averagePrecision, rtol: rtol, "\(name) AP per class")
        expectMetric(ap.macroAverage, reference.macroAveragePrecision, rtol: rtol, "\(name) macro AP (one-hot)")
        expectMetric(ap.macroAverage, reference.macroAveragePrecisionFromLabels, rtol: rtol, "\(name) macro AP (labels)")
        let auc = try ranking.rocAUC()
        expectMetrics(auc.perClass, reference.rocAUC, rtol: rtol, "\(name) ROC-AUC per class")
        expectMetric(auc.macroAverage, reference.macroROCAUC, rtol: rtol, "\(name) macro ROC-AUC")
    }

    @Test("Four classes: arg-max label metrics in the report", arguments: multiclassCases)
    func multiclassReport(name: String, reference: MetricsMulticlassReference) throws {
        let (scores, labels) = reference.inputs
        let report = try ClassificationReport(classScores: scores, labels: labels, classCount: 4)
        #expect(report.kind == .multiclass)
        #expect(report.threshold == nil)
        #expect(report.confusionMatrix.flatMap { $0 } == reference.confusion, "\(name)")
        #expect(report.perClass.map(\.support) == reference.support)
        expectMetrics(report.perClass.map(\.precision), reference.precision, rtol: rtol, "\(name) precision")
        expectMetrics(report.perClass.map(\.recall), reference.recall, rtol: rtol, "\(name) recall")
        expectMetrics(report.perClass.map(\.f1), reference.f1, rtol: rtol, "\(name) F1")
        expectMetric(report.macroF1, reference.macroF1, rtol: rtol, "\(name) macro-F1")
        expectMetric(report.balancedAccuracy, reference.balancedAccuracy, rtol: rtol, "\(name) balanced accuracy")
        expectMetric(report.accuracy, reference.accuracy, rtol: rtol, "\(name) accuracy")
        expectMetric(report.averagePrecision, reference.macroAveragePrecision, rtol: rtol, "\(name) macro AP")
        expectMetric(report.rocAUC, reference.macroROCAUC, rtol: rtol, "\(name) macro ROC-AUC")
        expectMetrics(report.perClass.map(\.averagePrecision), reference.averagePrecision, rtol: rtol, "\(name) AP per class")
        expectMetrics(report.perClass.map(\.rocAUC), reference.rocAUC, rtol: rtol, "\(name) ROC-AUC per class")
    }

    @Test("Label metrics with a class only predicted and a class absent from both")
    func absentClasses() throws {
        let reference = MetricsReference.labelsWithAbsentClasses
        let (labels, predictions) = metricsLabelCase(seed: reference.seed, count: reference.count)
        let matrix = try ConfusionMatrix(labels: labels, predictions: predictions, classCount: reference.classCount)
        #expect(matrix.counts == reference.confusion)
        #expect(matrix.perClass.map(\.support) == reference.support)
        expectMetrics(matrix.perClass.map(\.precision), reference.precision, rtol: rtol, "precision")
        expectMetrics(matrix.perClass.map(\.recall), reference.recall, rtol: rtol, "recall")
        expectMetrics(matrix.perClass.map(\.f1), reference.f1, rtol: rtol, "F1")
        expectMetric(matrix.macroF1, reference.macroF1, rtol: rtol, "macro-F1")
        expectMetric(matrix.balancedAccuracy, reference.balancedAccuracy, rtol: rtol, "balanced accuracy")
        expectMetric(matrix.accuracy, reference.accuracy, rtol: rtol, "accuracy")
    }
}
