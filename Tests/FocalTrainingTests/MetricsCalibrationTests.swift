import FocalTraining
import Testing

/// Expected calibration error, reliability bins and Brier score against cases written out by
/// hand. Each expected value is derived in the comment beside it and was checked in Python
/// float64 with an independent loop over the bins `(k/15, (k+1)/15]` (0 in the first):
/// `sum(n_k / N * |mean(y in bin) - mean(p in bin)|)` and `mean((p - y)**2)`.
@Suite("Metrics: calibration (ECE, Brier score)")
struct MetricsCalibrationTests {
    // p and y of the binary case; two values (0.2 = 3/15, 0.6 = 9/15) sit exactly on bin edges and
    // belong to the bin below, 0 belongs to the first bin and 1 to the last.
    static let probabilities = [0.1, 0.2, 0.6, 0.65, 0.9, 0.95, 0.0, 1.0]
    static let labels = [0, 1, 1, 0, 1, 1, 0, 1]

    @Test("Binary, 15 bins: ECE 0.2625 and Brier score 0.155625, computed by hand")
    func binaryFifteenBins() throws {
        let calibration = try Calibration(positiveProbabilities: Self.probabilities, labels: Self.labels)
        #expect(calibration.kind == .positiveClass)
        #expect(calibration.sampleCount == 8)
        // Bins (index: members -> |share of positives - mean p|):
        // 0: {0.0 y0} -> 0; 1: {0.1 y0} -> 0.1; 2: {0.2 y1} -> 0.8; 8: {0.6 y1} -> 0.4;
        // 9: {0.65 y0} -> 0.65; 13: {0.9 y1} -> 0.1; 14: {0.95 y1, 1.0 y1} -> |1 - 0.975| = 0.025.
        // ECE = (0.1 + 0.8 + 0.4 + 0.65 + 0.1) / 8 + 2/8 * 0.025 = 2.1 / 8 = 0.2625
        // (Python float64: 0.26250000000000007).
        expectMetric(calibration.expectedCalibrationError, 0.2625, rtol: 1e-14, "ECE")
        // Brier = (0.01 + 0.64 + 0.16 + 0.4225 + 0.01 + 0.0025 + 0 + 0) / 8 = 1.245 / 8 = 0.155625.
        expectMetric(calibration.brierScore, 0.155625, rtol: 1e-14, "Brier")
        #expect(calibration.bins.count == 15)
        #expect(calibration.bins.map(\.count) == [1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 2])
        expectMetrics(calibration.bins.map(\.meanConfidence), [0, 0.1, 0.2, 0, 0, 0, 0, 0, 0.6, 0.65, 0, 0, 0, 0.9, 0.975],
                      rtol: 1e-15, "mean confidence")
        #expect(calibration.bins.map(\.observedFrequency) == [0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1])
        #expect(calibration.bins[0].lowerEdge == 0 && calibration.bins[14].upperEdge == 1)
        #expect(calibration.bins[2].upperEdge == 0.2 && calibration.bins[3].lowerEdge == 0.2)
    }

    @Test("Binary, 1 and 2 bins: ECE 0.075 and 0.1")
    func binaryFewBins() throws {
        // One bin: |5/8 - 4.4/8| = 0.075 (Python: 0.07499999999999996).
        let one = try Calibration(positiveProbabilities: Self.probabilities, labels: Self.labels, binCount: 1)
        expectMetric(one.expectedCalibrationError, 0.075, rtol: 1e-13, "ECE, 1 bin")
        // Two bins, (0, 0.5] = {0, 0.1, 0.2}: |1/3 - 0.1| * 3/8 = 0.0875; (0.5, 1]: |4/5 - 0.82| * 5/8 =
        // 0.0125; ECE 0.1 (Python: 0.09999999999999992).
        let two = try Calibration(positiveProbabilities: Self.probabilities, labels: Self.labels, binCount: 2)
        expectMetric(two.expectedCalibrationError, 0.1, rtol: 1e-13, "ECE, 2 bins")
        #expect(two.bins.map(\.count) == [3, 5])
        // The Brier score does not depend on the bins.
        expectMetric(two.brierScore, 0.155625, rtol: 1e-14, "Brier")
    }

    @Test("Perfect and worst binary predictions: ECE and Brier 0, then 1")
    func extremes() throws {
        let perfect = try Calibration(positiveProbabilities: [0, 1, 1, 0], labels: [0, 1, 1, 0])
        #expect(perfect.expectedCalibrationError == 0 && perfect.brierScore == 0)
        let worst = try Calibration(positiveProbabilities: [1, 0, 0, 1], labels: [0, 1, 1, 0])
        #expect(worst.expectedCalibrationError == 1 && worst.brierScore == 1)
    }

    @Test("Multi-class, top-class confidence: ECE 0.35 and Brier score 0.36, computed by hand")
    func multiclass() throws {
        let probabilities = [0.7, 0.2, 0.1,
                             0.3, 0.4, 0.3,
                             0.5, 0.5, 0.0,
                             0.1, 0.1, 0.8]
        let labels = [0, 2, 1, 2]
        let calibration = try Calibration(classProbabilities: probabilities, labels: labels, classCount: 3)
        #expect(calibration.kind == .topClass)
        // Top classes 0, 1, 0 (the tie 0.5 / 0.5 goes to the lower class), 2: right, wrong, wrong, right.
        // Confidences 0.7 (bin 10), 0.4 = 6/15 (bin 5, on its upper edge), 0.5 (bin 7), 0.8 = 12/15 (bin 11).
        // ECE = (|1 - 0.7| + |0 - 0.4| + |0 - 0.5| + |1 - 0.8|) / 4 = 1.4 / 4 = 0.35 (Python: 0.35000000000000003).
        expectMetric(calibration.expectedCalibrationError, 0.35, rtol: 1e-14, "ECE")
        #expect(calibration.bins.enumerated().filter { $0.element.count > 0 }.map(\.offset) == [5, 7, 10, 11])
        // Brier, sum over classes then mean over rows:
        // (0.09+0.04+0.01) + (0.09+0.16+0.49) + (0.25+0.25+0) + (0.01+0.01+0.04) = 0.14+0.74+0.5+0.06 = 1.44; / 4 = 0.36.
        expectMetric(calibration.brierScore, 0.36, rtol: 1e-14, "Brier")
    }

    @Test("Two classes through the multi-class formula: the Brier score is twice the binary one")
    func multiclassOfTwo() throws {
        let matrix = Self.probabilities.flatMap { [1 - $0, $0] }
        let calibration = try Calibration(classProbabilities: matrix, labels: Self.labels, classCount: 2)
        expectMetric(calibration.brierScore, 2 * 0.155625, rtol: 1e-14, "Brier")
    }

    @Test("Bad input: a typed error naming the argument, value and position")
    func errors() {
        #expect(throws: MetricsError.emptyInput(argument: "labels")) {
            try Calibration(positiveProbabilities: [], labels: [])
        }
        #expect(throws: MetricsError.countMismatch(argument: "positiveProbabilities", count: 2, expected: 3)) {
            try Calibration(positiveProbabilities: [0.1, 0.2], labels: [0, 1, 1])
        }
        #expect(throws: MetricsError.probabilityOutOfRange(argument: "positiveProbabilities", value: 1.5, index: 2, position: [])) {
            try Calibration(positiveProbabilities: [0.1, 0.2, 1.5], labels: [0, 1, 1])
        }
        #expect(throws: MetricsError.nonFiniteScore(argument: "positiveProbabilities", value: .infinity, index: 0, position: [])) {
            try Calibration(positiveProbabilities: [.infinity], labels: [1])
        }
        #expect(throws: MetricsError.labelOutOfRange(argument: "labels", label: 2, index: 1, classCount: 2)) {
            try Calibration(positiveProbabilities: [0.1, 0.2], labels: [0, 2])
        }
        #expect(throws: MetricsError.invalidParameter(name: "binCount", value: 0, requirement: "must be >= 1")) {
            try Calibration(positiveProbabilities: [0.1], labels: [0], binCount: 0)
        }
        #expect(throws: MetricsError.probabilityOutOfRange(argument: "classProbabilities", value: -0.25, index: 3, position: [1, 1])) {
            try Calibration(classProbabilities: [0.5, 0.5, 0.75, -0.25], labels: [0, 1], classCount: 2)
        }
        #expect(throws: MetricsError.invalidParameter(name: "classCount", value: 1, requirement: "must be >= 2")) {
            try Calibration(classProbabilities: [1], labels: [0], classCount: 1)
        }
        let message = MetricsError.probabilityOutOfRange(argument: "classProbabilities", value: -0.25, index: 3, position: [1, 1]).description
        #expect(message == "classProbabilities: value -0.25 at index 3 (row 1, column 1) is not a probability in [0, 1]")
    }
}
