import FocalTraining
import Testing

/// Confusion matrix and label metrics on cases computed by hand.
@Suite("Metrics: confusion matrix and label metrics, hand-computed")
struct MetricsLabelTests {

    @Test("Three classes, every class present")
    func threeClasses() throws {
        // labels      0 0 1 1 2 2
        // predictions 0 0 1 2 0 2
        // rows (true): 0 -> [2, 0, 0]; 1 -> [0, 1, 1]; 2 -> [1, 0, 1]
        let matrix = try ConfusionMatrix(labels: [0, 0, 1, 1, 2, 2], predictions: [0, 0, 1, 2, 0, 2], classCount: 3)
        #expect(matrix.rows == [[2, 0, 0], [0, 1, 1], [1, 0, 1]])
        #expect(matrix.counts == [2, 0, 0, 0, 1, 1, 1, 0, 1])
        #expect(matrix[actual: 2, predicted: 0] == 1)
        #expect(matrix[actual: 0, predicted: 2] == 0)
        #expect(matrix.total == 6)
        let perClass = matrix.perClass
        #expect(perClass.map(\.classIndex) == [0, 1, 2])
        #expect(perClass.map(\.support) == [2, 2, 2])
        #expect(perClass.map(\.predictedCount) == [3, 1, 2])
        // class 0: TP 2 of 3 predicted, of 2 present: P 2/3, R 1, F1 4/5
        // class 1: TP 1 of 1 predicted, of 2: P 1, R 1/2, F1 2/3
        // class 2: TP 1 of 2 predicted, of 2: P 1/2, R 1/2, F1 1/2
        expectMetrics(perClass.map(\.precision), [2.0 / 3, 1, 0.5], "precision")
        expectMetrics(perClass.map(\.recall), [1, 0.5, 0.5], "recall")
        expectMetrics(perClass.map(\.f1), [0.8, 2.0 / 3, 0.5], "F1")
        // macro-F1 = (4/5 + 2/3 + 1/2) / 3 = (24 + 20 + 15) / 90 = 59/90
        expectMetric(matrix.macroF1, 59.0 / 90, "macro-F1")
        // balanced accuracy = (1 + 1/2 + 1/2) / 3 = 2/3; accuracy = 4/6
        expectMetric(matrix.balancedAccuracy, 2.0 / 3, "balanced accuracy")
        expectMetric(matrix.accuracy, 2.0 / 3, "accuracy")
    }

    @Test("Zero denominators give 0; absent classes are left out of the averages")
    func zeroDivision() throws {
        // labels 0 0 1 1, everything predicted 0, classCount 3.
        // class 0: TP 2, predicted 4, support 2: P 1/2, R 1, F1 2*2/(2+4) = 2/3
        // class 1: never predicted: P 0 (0/0), R 0/2 = 0, F1 0
        // class 2: neither present nor predicted: all 0, left out of macro-F1 and balanced accuracy
        let matrix = try ConfusionMatrix(labels: [0, 0, 1, 1], predictions: [0, 0, 0, 0], classCount: 3)
        expectMetrics(matrix.perClass.map(\.precision), [0.5, 0, 0], "precision")
        expectMetrics(matrix.perClass.map(\.recall), [1, 0, 0], "recall")
        expectMetrics(matrix.perClass.map(\.f1), [2.0 / 3, 0, 0], "F1")
        #expect(matrix.perClass.map(\.support) == [2, 2, 0])
        // macro-F1 over classes 0 and 1: (2/3 + 0) / 2
        expectMetric(matrix.macroF1, 1.0 / 3, "macro-F1")
        // balanced accuracy over classes 0 and 1: (1 + 0) / 2
        expectMetric(matrix.balancedAccuracy, 0.5, "balanced accuracy")
        expectMetric(matrix.accuracy, 0.5, "accuracy")
    }

    @Test("A class predicted but never present counts in macro-F1, not in balanced accuracy")
    func predictedOnly() throws {
        // labels 0 0 1, predictions 0 2 1, classCount 3.
        // class 0: P 1/1, R 1/2, F1 2/3; class 1: P 1, R 1, F1 1; class 2: P 0/1, R 0 (0/0), F1 0
        let matrix = try ConfusionMatrix(labels: [0, 0, 1], predictions: [0, 2, 1], classCount: 3)
        // macro-F1 = (2/3 + 1 + 0) / 3 = 5/9; balanced accuracy = (1/2 + 1) / 2 = 3/4
        expectMetric(matrix.macroF1, 5.0 / 9, "macro-F1")
        expectMetric(matrix.balancedAccuracy, 0.75, "balanced accuracy")
        expectMetric(matrix.accuracy, 2.0 / 3, "accuracy")
    }

    @Test("Perfect predictions")
    func perfect() throws {
        let matrix = try ConfusionMatrix(labels: [1, 0, 3, 3, 2], predictions: [1, 0, 3, 3, 2], classCount: 4)
        #expect(matrix.rows == [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 2]])
        #expect(matrix.macroF1 == 1)
        #expect(matrix.balancedAccuracy == 1)
        #expect(matrix.accuracy == 1)
    }
}

/// One-vs-rest ranking on scikit-learn's documented 3-class example, computed by hand.
@Suite("Metrics: one-vs-rest, hand-computed")
struct MetricsOneVsRestTests {
    // rows: scores for classes 0, 1, 2; label
    //   [0.7, 0.2, 0.1] 0
    //   [0.4, 0.3, 0.3] 0
    //   [0.1, 0.8, 0.1] 1
    //   [0.2, 0.3, 0.5] 1
    //   [0.4, 0.4, 0.2] 2
    //   [0.1, 0.2, 0.7] 2
    static let scores: [Double] = [0.7, 0.2, 0.1, 0.4, 0.3, 0.3, 0.1, 0.8, 0.1, 0.2, 0.3, 0.5, 0.4, 0.4, 0.2, 0.1, 0.2, 0.7]
    static let labels = [0, 0, 1, 1, 2, 2]

    @Test("Per-class and macro AP and ROC-AUC")
    func documentedExample() throws {
        let ranking = try OneVsRestRanking(scores: Self.scores, labels: Self.labels, classCount: 3)
        #expect(ranking.classCount == 3)
        #expect(ranking.rankings.map(\.positiveCount) == [2, 2, 2])
        // class 0 column: 0.7(+) {0.4(+), 0.4(-)} 0.2(-) {0.1(-), 0.1(-)}
        //   AP = 1/2 * 1 + 1/2 * 2/3 = 5/6; AUC = (4 + 3.5) / 8 = 0.9375
        // class 1 column: 0.8(+) 0.4(-) {0.3(+), 0.3(-)} {0.2(-), 0.2(-)}
        //   AP = 1/2 * 1 + 1/2 * 2/4 = 3/4; AUC = (4 + 0.5 + 2) / 8 = 0.8125
        // class 2 column: 0.7(+) 0.5(-) 0.3(-) 0.2(+) {0.1(-), 0.1(-)}
        //   AP = 1/2 * 1 + 1/2 * 2/4 = 3/4; AUC = (4 + 2) / 8 = 0.75
        let ap = try ranking.averagePrecision()
        expectMetrics(ap.perClass, [5.0 / 6, 0.75, 0.75], "AP")
        // (5/6 + 3/4 + 3/4) / 3 = 7/9 (scikit-learn's documentation prints 0.77)
        expectMetric(ap.macroAverage, 7.0 / 9, "macro AP")
        let auc = try ranking.rocAUC()
        expectMetrics(auc.perClass, [0.9375, 0.8125, 0.75], "ROC-AUC")
        // (0.9375 + 0.8125 + 0.75) / 3 = 2.5 / 3
        expectMetric(auc.macroAverage, 2.5 / 3, "macro ROC-AUC")
    }

    @Test("Scores need not be probabilities: a per-column monotone map changes nothing")
    func logits() throws {
        let ranking = try OneVsRestRanking(scores: Self.scores, labels: Self.labels, classCount: 3)
        let shifted = try OneVsRestRanking(scores: Self.scores.map { 10 * $0 - 4 }, labels: Self.labels, classCount: 3)
        #expect(try shifted.averagePrecision() == ranking.averagePrecision())
        #expect(try shifted.rocAUC() == ranking.rocAUC())
    }
}
