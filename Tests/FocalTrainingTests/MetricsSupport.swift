import FocalTestSupport
import Testing

/// `|got - expected| <= rtol * |expected| + atol`, recorded as a test issue naming `what` when not.
func expectMetric(
    _ got: Double, _ expected: Double, rtol: Double = 1e-12, atol: Double = 1e-15,
    _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    let ok = got.isFinite && abs(got - expected) <= rtol * abs(expected) + atol
    #expect(ok, "\(what()): got \(got), expected \(expected)", sourceLocation: sourceLocation)
}

/// Element-wise ``expectMetric`` of two arrays, which must have the same length.
func expectMetrics(
    _ got: [Double], _ expected: [Double], rtol: Double = 1e-12, atol: Double = 1e-15,
    _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(got.count == expected.count, "\(what()): \(got.count) values, expected \(expected.count)",
            sourceLocation: sourceLocation)
    for (index, (g, e)) in zip(got, expected).enumerated() {
        expectMetric(g, e, rtol: rtol, atol: atol, "\(what())[\(index)]", sourceLocation: sourceLocation)
    }
}

/// Mirrors `binary_case` in the script: label 1 with probability ~`positivePercent`%, score
/// `(U{0..<levels} + shift * label) / 8`, exact in both languages.
func metricsBinaryCase(seed: UInt64, count: Int, levels: UInt64, positivePercent: UInt64, shift: UInt64)
    -> (scores: [Double], labels: [Int])
{
    var random = SplitMix64(seed: seed)
    var scores: [Double] = []
    var labels: [Int] = []
    for _ in 0..<count {
        let label: UInt64 = random.next() % 100 < positivePercent ? 1 : 0
        scores.append(Double(random.next() % levels + shift * label) / 8)
        labels.append(Int(label))
    }
    return (scores, labels)
}

/// Mirrors `multiclass_case` in the script: 4 classes drawn 50/30/10/10%, row-major
/// probabilities `weight_c / sum(weights)`.
func metricsMulticlassCase(seed: UInt64, count: Int, levels: UInt64, bonus: UInt64)
    -> (scores: [Double], labels: [Int])
{
    let classOfDraw = [0, 0, 0, 0, 0, 1, 1, 1, 2, 3]
    var random = SplitMix64(seed: seed)
    var scores: [Double] = []
    var labels: [Int] = []
    for _ in 0..<count {
        let label = classOfDraw[Int(random.next() % 10)]
        var weights = (0..<4).map { _ in 1 + random.next() % levels }
        if random.next() % 3 != 0 { weights[label] += bonus }
        let total = weights.reduce(0, +)
        scores += weights.map { Double($0) / Double(total) }
        labels.append(label)
    }
    return (scores, labels)
}

/// Mirrors `label_case` in the script: labels in {0, 1, 2}, predictions in {0, 1, 2, 3}.
func metricsLabelCase(seed: UInt64, count: Int) -> (labels: [Int], predictions: [Int]) {
    var random = SplitMix64(seed: seed)
    var labels: [Int] = []
    var predictions: [Int] = []
    for _ in 0..<count {
        let label = Int(random.next() % 3)
        predictions.append(random.next() % 2 == 0 ? label : Int(random.next() % 4))
        labels.append(label)
    }
    return (labels, predictions)
}

/// scikit-learn's figures for one binary case (see `scripts/metrics_reference.py`).
struct MetricsBinaryReference: Sendable {
    var seed: UInt64, count: Int, levels: UInt64, positivePercent: UInt64, shift: UInt64
    var positiveCount: Int, distinctScoreCount: Int
    var averagePrecision: Double, rocAUC: Double
    /// Class 0's figures: `average_precision_score(1 - y, -s)`, `roc_auc_score(1 - y, -s)`.
    var negativeAveragePrecision: Double, negativeROCAUC: Double
    var bestThreshold: Double, bestF1: Double, bestPrecision: Double, bestRecall: Double
    var precisionRecallCurveCount: Int, precisionRecallDroppedCount: Int
    var precisionSum: Double, recallSum: Double
    var rocCurveCount: Int, rocCurveUndroppedCount: Int
    var falsePositiveRateSum: Double, truePositiveRateSum: Double
    var precision: [Double]?, recall: [Double]?, precisionRecallThresholds: [Double]?
    var falsePositiveRate: [Double]?, truePositiveRate: [Double]?
    /// The ROC thresholds after the leading `inf`.
    var rocThresholds: [Double]?
    /// At threshold ``metricsReportThreshold``.
    var accuracyAtThreshold: Double, balancedAccuracyAtThreshold: Double, macroF1AtThreshold: Double
    var precisionAtThreshold: [Double], recallAtThreshold: [Double], f1AtThreshold: [Double]
    var confusionAtThreshold: [Int]

    var inputs: (scores: [Double], labels: [Int]) {
        metricsBinaryCase(seed: seed, count: count, levels: levels, positivePercent: positivePercent, shift: shift)
    }
}

/// The threshold the script applies for the binary label metrics.
let metricsReportThreshold = 0.75

/// scikit-learn's figures for one 4-class case.
struct MetricsMulticlassReference: Sendable {
    var seed: UInt64, count: Int, levels: UInt64, bonus: UInt64
    var averagePrecision: [Double], macroAveragePrecision: Double, macroAveragePrecisionFromLabels: Double
    var rocAUC: [Double], macroROCAUC: Double
    var confusion: [Int], support: [Int]
    var precision: [Double], recall: [Double], f1: [Double]
    var macroF1: Double, balancedAccuracy: Double, accuracy: Double

    var inputs: (scores: [Double], labels: [Int]) {
        metricsMulticlassCase(seed: seed, count: count, levels: levels, bonus: bonus)
    }
}

/// scikit-learn's label metrics for predictions against labels with absent classes.
struct MetricsLabelReference: Sendable {
    var seed: UInt64, count: Int, classCount: Int
    var confusion: [Int]
    var precision: [Double], recall: [Double], f1: [Double]
    var support: [Int]
    var macroF1: Double, balancedAccuracy: Double, accuracy: Double
}
