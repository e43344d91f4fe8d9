import FocalTraining
import Testing

/// Every bad input and every undefined metric is a thrown `MetricsError` naming the argument,
/// the value and where it is.
@Suite("Metrics: bad input and undefined metrics")
struct MetricsErrorTests {

    @Test("Binary ranking: empty, mismatched, non-finite, out-of-range")
    func binaryInput() {
        #expect(throws: MetricsError.emptyInput(argument: "scores")) {
            try BinaryRanking(scores: [], labels: [Bool]())
        }
        #expect(throws: MetricsError.emptyInput(argument: "scores")) {
            try BinaryRanking(scores: [], labels: [Int]())
        }
        #expect(throws: MetricsError.countMismatch(argument: "labels", count: 1, expected: 2)) {
            try BinaryRanking(scores: [0.1, 0.2], labels: [true])
        }
        #expect(throws: MetricsError.countMismatch(argument: "labels", count: 3, expected: 2)) {
            try BinaryRanking(scores: [0.1, 0.2], labels: [0, 1, 1])
        }
        #expect(throws: MetricsError.nonFiniteScore(argument: "scores", value: .infinity, index: 2, position: [])) {
            try BinaryRanking(scores: [0.1, 0.2, .infinity], labels: [0, 1, 1])
        }
        #expect(throws: MetricsError.nonFiniteScore(argument: "scores", value: -.infinity, index: 0, position: [])) {
            try BinaryRanking(scores: [-.infinity], labels: [true])
        }
        #expect(throws: MetricsError.labelOutOfRange(argument: "labels", label: 2, index: 1, classCount: 2)) {
            try BinaryRanking(scores: [0.1, 0.2, 0.3], labels: [0, 2, -1])
        }
        #expect(throws: MetricsError.labelOutOfRange(argument: "labels", label: -1, index: 0, classCount: 2)) {
            try BinaryRanking(scores: [0.1], labels: [-1])
        }
    }

    @Test("A NaN score names its index (NaN never equals itself, so the case is matched)")
    func nanScore() throws {
        let error = #expect(throws: MetricsError.self) {
            try BinaryRanking(scores: [0.5, 0.1, .nan, .nan], labels: [true, false, true, false])
        }
        guard case .nonFiniteScore(let argument, let value, let index, let position)? = error else {
            Issue.record("expected nonFiniteScore, got \(String(describing: error))")
            return
        }
        #expect(argument == "scores")
        #expect(value.isNaN)
        #expect(index == 2)
        #expect(position == [])
        #expect(error?.description == "scores: value nan at index 2 is not finite")
    }

    @Test("Binary metrics undefined with one class")
    func singleClass() throws {
        let negativesOnly = try BinaryRanking(scores: [0.1, 0.7], labels: [false, false])
        let positivesOnly = try BinaryRanking(scores: [0.1, 0.7], labels: [1, 1])
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 1, metric: "average precision")) {
            try negativesOnly.averagePrecision()
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 1, metric: "ROC-AUC")) {
            try negativesOnly.rocAUC()
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 0, metric: "ROC-AUC")) {
            try positivesOnly.rocAUC()
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 1, metric: "the precision-recall curve")) {
            try negativesOnly.precisionRecallCurve()
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 0, metric: "the ROC curve")) {
            try positivesOnly.rocCurve()
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 1, metric: "the ROC curve")) {
            try negativesOnly.rocCurve(dropIntermediate: false)
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 1, metric: "the best-F1 threshold")) {
            try negativesOnly.bestF1Threshold()
        }
    }

    @Test("One-vs-rest: class count, shapes, non-finite scores with row and column, labels, missing class")
    func oneVsRest() throws {
        #expect(throws: MetricsError.invalidParameter(name: "classCount", value: 1, requirement: "must be >= 2")) {
            try OneVsRestRanking(scores: [0.5], labels: [0], classCount: 1)
        }
        #expect(throws: MetricsError.emptyInput(argument: "labels")) {
            try OneVsRestRanking(scores: [], labels: [], classCount: 3)
        }
        #expect(throws: MetricsError.countMismatch(argument: "scores", count: 5, expected: 6)) {
            try OneVsRestRanking(scores: [1, 2, 3, 4, 5], labels: [0, 1], classCount: 3)
        }
        #expect(throws: MetricsError.nonFiniteScore(argument: "scores", value: .infinity, index: 7, position: [2, 1])) {
            try OneVsRestRanking(scores: [1, 2, 3, 4, 5, 6, 7, .infinity, 9], labels: [0, 1, 2], classCount: 3)
        }
        let nan = #expect(throws: MetricsError.self) {
            try OneVsRestRanking(scores: [1, 2, 3, 4, .nan, 6], labels: [0, 1, 2], classCount: 2)
        }
        #expect(nan?.description == "scores: value nan at index 4 (row 2, column 0) is not finite")
        #expect(throws: MetricsError.labelOutOfRange(argument: "labels", label: 3, index: 2, classCount: 3)) {
            try OneVsRestRanking(scores: [Double](repeating: 0.1, count: 9), labels: [0, 1, 3], classCount: 3)
        }
        // Class 2 has no example: both one-vs-rest metrics are undefined.
        let missing = try OneVsRestRanking(scores: [0.5, 0.3, 0.2, 0.1, 0.6, 0.3], labels: [0, 1], classCount: 3)
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 2, metric: "one-vs-rest average precision")) {
            try missing.averagePrecision()
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 2, metric: "one-vs-rest ROC-AUC")) {
            try missing.rocAUC()
        }
    }

    @Test("Confusion matrix: class count, empty, mismatched, labels and predictions out of range")
    func confusionMatrix() {
        #expect(throws: MetricsError.invalidParameter(name: "classCount", value: 0, requirement: "must be >= 2")) {
            try ConfusionMatrix(labels: [0], predictions: [0], classCount: 0)
        }
        #expect(throws: MetricsError.emptyInput(argument: "labels")) {
            try ConfusionMatrix(labels: [], predictions: [], classCount: 2)
        }
        #expect(throws: MetricsError.countMismatch(argument: "predictions", count: 3, expected: 2)) {
            try ConfusionMatrix(labels: [0, 1], predictions: [0, 1, 1], classCount: 2)
        }
        #expect(throws: MetricsError.labelOutOfRange(argument: "labels", label: 4, index: 1, classCount: 4)) {
            try ConfusionMatrix(labels: [0, 4], predictions: [0, 1], classCount: 4)
        }
        #expect(throws: MetricsError.labelOutOfRange(argument: "predictions", label: -2, index: 2, classCount: 4)) {
            try ConfusionMatrix(labels: [0, 1, 2], predictions: [0, 1, -2], classCount: 4)
        }
    }

    @Test("Report: threshold, one class, and the errors of its parts")
    func report() {
        #expect(throws: MetricsError.invalidParameter(name: "threshold", value: .infinity, requirement: "must be finite")) {
            try ClassificationReport(binaryScores: [0.1, 0.9], labels: [0, 1], threshold: .infinity)
        }
        #expect(throws: MetricsError.self) {
            try ClassificationReport(binaryScores: [0.1, 0.9], labels: [0, 1], threshold: .nan)
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 0, metric: "ROC-AUC")) {
            try ClassificationReport(binaryScores: [0.1, 0.9], labels: [true, true])
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 1, metric: "ROC-AUC")) {
            try ClassificationReport(binaryScores: [0.1, 0.9], labels: [0, 0])
        }
        #expect(throws: MetricsError.labelOutOfRange(argument: "labels", label: 5, index: 0, classCount: 2)) {
            try ClassificationReport(binaryScores: [0.1, 0.9], labels: [5, 0])
        }
        #expect(throws: MetricsError.countMismatch(argument: "labels", count: 1, expected: 2)) {
            try ClassificationReport(binaryScores: [0.1, 0.9], labels: [1])
        }
        #expect(throws: MetricsError.missingClass(argument: "labels", classIndex: 1, metric: "one-vs-rest average precision")) {
            try ClassificationReport(classScores: [0.5, 0.3, 0.2, 0.1, 0.6, 0.3], labels: [0, 2], classCount: 3)
        }
        #expect(throws: MetricsError.invalidParameter(name: "classCount", value: 1, requirement: "must be >= 2")) {
            try ClassificationReport(classScores: [0.5], labels: [0], classCount: 1)
        }
    }

    @Test("Descriptions name the argument, the value and the index")
    func descriptions() {
        #expect(MetricsError.emptyInput(argument: "scores").description == "scores: is empty; at least one element is needed")
        #expect(MetricsError.countMismatch(argument: "labels", count: 1, expected: 2).description
                == "labels: has 1 elements, expected 2")
        #expect(MetricsError.nonFiniteScore(argument: "scores", value: .infinity, index: 7, position: [2, 1]).description
                == "scores: value inf at index 7 (row 2, column 1) is not finite")
        #expect(MetricsError.labelOutOfRange(argument: "predictions", label: -2, index: 2, classCount: 4).description
                == "predictions: value -2 at index 2 is not a class in 0..<4")
        #expect(MetricsError.invalidParameter(name: "classCount", value: 1, requirement: "must be >= 2").description
                == "classCount: value 1.0 must be >= 2")
        #expect(MetricsError.missingClass(argument: "labels", classIndex: 0, metric: "ROC-AUC").description
                == "labels: class 0 has no example, so ROC-AUC is undefined")
    }
}
