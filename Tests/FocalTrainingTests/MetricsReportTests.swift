import FocalTraining
import Foundation
import Testing

/// The summary report: its figures on hand-computed cases and its JSON form.
@Suite("Metrics: classification report")
struct MetricsReportTests {

    @Test("Multi-class report: arg-max predictions, lowest class on equal maxima")
    func multiclass() throws {
        // Rows of MetricsOneVsRestTests: arg-max 0, 0, 1, 2, 0 (0.4 = 0.4 > 0.2: lowest), 2.
        // Predictions 0 0 1 2 0 2 against labels 0 0 1 1 2 2: the 3-class case of MetricsLabelTests.
        let report = try ClassificationReport(
            classScores: MetricsOneVsRestTests.scores, labels: MetricsOneVsRestTests.labels, classCount: 3)
        #expect(report.kind == .multiclass)
        #expect(report.sampleCount == 6)
        #expect(report.classCount == 3)
        #expect(report.threshold == nil)
        #expect(report.confusionMatrix == [[2, 0, 0], [0, 1, 1], [1, 0, 1]])
        expectMetric(report.macroF1, 59.0 / 90, "macro-F1")
        expectMetric(report.balancedAccuracy, 2.0 / 3, "balanced accuracy")
        expectMetric(report.accuracy, 2.0 / 3, "accuracy")
        expectMetric(report.averagePrecision, 7.0 / 9, "macro AP")
        expectMetric(report.rocAUC, 2.5 / 3, "macro ROC-AUC")
        expectMetrics(report.perClass.map(\.averagePrecision), [5.0 / 6, 0.75, 0.75], "AP")
        expectMetrics(report.perClass.map(\.rocAUC), [0.9375, 0.8125, 0.75], "ROC-AUC")
        expectMetrics(report.perClass.map(\.f1), [0.8, 2.0 / 3, 0.5], "F1")
        #expect(report.perClass.map(\.support) == [2, 2, 2])
    }

    @Test("Binary report at a threshold, with class 0 ranked by the negated scores")
    func binary() throws {
        // scores 0.1(0) 0.4(0) 0.35(1) 0.8(1); threshold 0.375 -> predictions 0 1 0 1
        // confusion [[1, 1], [1, 1]]: every precision, recall and F1 is 1/2.
        let report = try ClassificationReport(
            binaryScores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true], threshold: 0.375)
        #expect(report.kind == .binary)
        #expect(report.threshold == 0.375)
        #expect(report.confusionMatrix == [[1, 1], [1, 1]])
        expectMetrics(report.perClass.map(\.precision), [0.5, 0.5], "precision")
        expectMetrics(report.perClass.map(\.recall), [0.5, 0.5], "recall")
        expectMetric(report.macroF1, 0.5, "macro-F1")
        expectMetric(report.balancedAccuracy, 0.5, "balanced accuracy")
        expectMetric(report.accuracy, 0.5, "accuracy")
        // Class 1: AP 5/6, AUC 3/4 (MetricsBinaryRankingTests.distinctScores).
        // Class 0 ranks -0.1(+) -0.35(-) -0.4(+) -0.8(-): AP = 1/2 * 1 + 1/2 * 2/3 = 5/6; AUC 3/4.
        expectMetric(report.averagePrecision, 5.0 / 6, "AP")
        expectMetric(report.rocAUC, 0.75, "ROC-AUC")
        expectMetrics(report.perClass.map(\.averagePrecision), [5.0 / 6, 5.0 / 6], "AP per class")
        expectMetrics(report.perClass.map(\.rocAUC), [0.75, 0.75], "ROC-AUC per class")
    }

    @Test("The default threshold is 0.5 and a score equal to it is positive")
    func defaultThreshold() throws {
        // predictions 0 1 1 0 -> labels 0 1 0 1: confusion [[1, 1], [1, 1]]
        let report = try ClassificationReport(binaryScores: [0.2, 0.5, 0.7, 0.4], labels: [0, 1, 0, 1])
        #expect(report.threshold == 0.5)
        #expect(report.confusionMatrix == [[1, 1], [1, 1]])
    }

    @Test("JSON: the keys the CLI emits, and a lossless round trip")
    func json() throws {
        let report = try ClassificationReport(
            classScores: MetricsOneVsRestTests.scores, labels: MetricsOneVsRestTests.labels, classCount: 3)
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["averagePrecision", "rocAUC", "balancedAccuracy", "macroF1", "accuracy", "perClass",
                    "confusionMatrix", "kind", "sampleCount", "classCount"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["threshold"] == nil)
        #expect(object["kind"] as? String == "multiclass")
        let perClass = try #require(object["perClass"] as? [[String: Any]])
        #expect(perClass.count == 3)
        #expect(Set(perClass[0].keys) == ["classIndex", "support", "precision", "recall", "f1", "averagePrecision", "rocAUC"])
        #expect(try JSONDecoder().decode(ClassificationReport.self, from: data) == report)

        let binary = try ClassificationReport(binaryScores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        let binaryObject = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(binary)) as? [String: Any])
        #expect(binaryObject["threshold"] as? Double == 0.5)
        #expect(binaryObject["kind"] as? String == "binary")
    }

    @Test("Curves and threshold choices are Codable")
    func curvesCodable() throws {
        let ranking = try BinaryRanking(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        let pr = try ranking.precisionRecallCurve()
        #expect(try JSONDecoder().decode(PrecisionRecallCurve.self, from: JSONEncoder().encode(pr)) == pr)
        // The ROC curve starts at threshold +infinity, which plain JSON cannot hold.
        let roc = try ranking.rocCurve()
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        #expect(try decoder.decode(ROCCurve.self, from: encoder.encode(roc)) == roc)
        let best = try ranking.bestF1Threshold()
        #expect(try JSONDecoder().decode(ThresholdChoice.self, from: JSONEncoder().encode(best)) == best)
    }
}
