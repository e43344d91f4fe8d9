/// How well predicted probabilities match the frequencies they predict: the expected calibration
/// error (ECE) over equal-width bins, the bins themselves (a reliability diagram) and the Brier
/// score.
///
/// The ECE follows Mukhoti et al. (NeurIPS 2020, "Calibrating deep neural networks using focal
/// loss", after Guo et al. 2017): the `N` examples fall into ``paperBinCount`` (15) bins of equal
/// width by their confidence, bin `k` holding confidences in `(k/15, (k+1)/15]`, and
///
///     ECE = Σ_k (n_k / N) · |frequency_k − confidence_k|,
///
/// where `confidence_k` is the mean confidence of bin `k` and `frequency_k` the share of its
/// examples whose event happened; empty bins count 0.
///
/// - Multi-class (``init(classProbabilities:labels:classCount:binCount:)``), as the paper: the
///   confidence is the top-class probability and the event is "the top class is the true class"
///   (the lowest class wins a tie, as in ``ClassificationReport``).
/// - Binary (``init(positiveProbabilities:labels:binCount:)``): the confidence is the positive
///   class's probability and the event is "the example is positive" — the paper's class-wise ECE
///   term for the positive class, not its top-label ECE (which would bin `max(p, 1 − p)` and
///   say nothing about the positive class of an imbalanced problem). A probability of exactly 0
///   falls in the first bin.
///
/// The Brier score is the mean squared difference between the probabilities and the outcomes:
/// binary, the mean over examples of `(p − y)²` with `y` 1 for a positive example (from 0 to 1);
/// multi-class, the mean over examples of the sum over classes of `(p_c − [y = c])²` (Brier's
/// original definition, as the paper's code; from 0 to 2, and twice the binary score for two
/// classes).
///
/// ```swift
/// let calibration = try Calibration(positiveProbabilities: [0.1, 0.8, 0.7, 0.2], labels: [0, 1, 0, 0])
/// print(calibration.expectedCalibrationError, calibration.brierScore)   // 0.3 and 0.145
/// ```
public struct Calibration: Sendable, Hashable, Codable {
    /// The number of bins of Mukhoti et al. (2020): 15.
    public static let paperBinCount = 15

    /// Which probability is binned.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The positive class's probability, against the share of positive examples.
        case positiveClass
        /// The top-class probability, against the share of examples whose top class is right.
        case topClass
    }

    /// One bin of the reliability diagram.
    public struct Bin: Sendable, Hashable, Codable {
        /// The lower edge, excluded (except 0 for the first bin).
        public let lowerEdge: Double
        /// The upper edge, included.
        public let upperEdge: Double
        /// The number of examples in the bin.
        public let count: Int
        /// The mean confidence of its examples (0 when it is empty).
        public let meanConfidence: Double
        /// The share of its examples whose event happened (positive, or top class right; 0 when
        /// it is empty).
        public let observedFrequency: Double
    }

    /// Which probability is binned.
    public let kind: Kind
    /// The number of examples.
    public let sampleCount: Int
    /// The expected calibration error, in `[0, 1]`.
    public let expectedCalibrationError: Double
    /// The Brier score: binary in `[0, 1]`, multi-class in `[0, 2]`.
    public let brierScore: Double
    /// The bins, from the lowest confidence up.
    public let bins: [Bin]

    /// The calibration of a binary classifier's positive-class probabilities.
    ///
    /// - Parameters:
    ///   - positiveProbabilities: One probability in `[0, 1]` per example.
    ///   - labels: The true class of each example: 1 positive, 0 negative.
    ///   - binCount: The number of equal-width bins, at least 1 (default: 15, as the paper).
    /// - Throws: ``MetricsError``: empty input, counts that differ, a probability that is not in
    ///   `[0, 1]`, a label other than 0 or 1, or fewer than one bin.
    public init(positiveProbabilities: [Double], labels: [Int], binCount: Int = paperBinCount) throws(MetricsError) {
        try Self.validate(positiveProbabilities, labels: labels, classCount: 2, columns: 0, binCount: binCount)
        var squares = 0.0
        for (p, label) in zip(positiveProbabilities, labels) {
            let difference = p - Double(label)
            squares += difference * difference
        }
        self.init(kind: .positiveClass, confidences: positiveProbabilities, events: labels.map { $0 == 1 },
                  brierScore: squares / Double(labels.count), binCount: binCount)
    }

    /// The calibration of a multi-class classifier's class probabilities.
    ///
    /// - Parameters:
    ///   - classProbabilities: Row-major, `labels.count × classCount` probabilities in `[0, 1]`
    ///     (rows should sum to 1; this is not checked).
    ///   - labels: The true class of each example, in `0..<classCount`.
    ///   - classCount: The number of classes, at least 2.
    ///   - binCount: The number of equal-width bins, at least 1 (default: 15, as the paper).
    /// - Throws: ``MetricsError``: too few classes or bins, empty input, counts that differ, a
    ///   probability that is not in `[0, 1]` or a label out of range.
    public init(classProbabilities: [Double], labels: [Int], classCount: Int, binCount: Int = paperBinCount) throws(MetricsError) {
        try MetricsValidation.classCount(classCount)
        try Self.validate(classProbabilities, labels: labels, classCount: classCount, columns: classCount, binCount: binCount)
        var confidences = [Double](), events = [Bool]()
        confidences.reserveCapacity(labels.count)
        events.reserveCapacity(labels.count)
        var squares = 0.0
        for (row, label) in labels.enumerated() {
            let base = row * classCount
            var top = 0
            for c in 0..<classCount {
                if classProbabilities[base + c] > classProbabilities[base + top] { top = c }
                let difference = classProbabilities[base + c] - (c == label ? 1 : 0)
                squares += difference * difference
            }
            confidences.append(classProbabilities[base + top])
            events.append(top == label)
        }
        self.init(kind: .topClass, confidences: confidences, events: events,
                  brierScore: squares / Double(labels.count), binCount: binCount)
    }

    private init(kind: Kind, confidences: [Double], events: [Bool], brierScore: Double, binCount: Int) {
        var counts = [Int](repeating: 0, count: binCount)
        var confidenceSums = [Double](repeating: 0, count: binCount)
        var eventCounts = [Int](repeating: 0, count: binCount)
        for (confidence, event) in zip(confidences, events) {
            let k = Self.binIndex(confidence, binCount: binCount)
            counts[k] += 1
            confidenceSums[k] += confidence
            if event { eventCounts[k] += 1 }
        }
        let total = Double(confidences.count)
        var error = 0.0
        var bins = [Bin]()
        for k in 0..<binCount {
            let count = counts[k]
            let meanConfidence = count > 0 ? confidenceSums[k] / Double(count) : 0
            let frequency = count > 0 ? Double(eventCounts[k]) / Double(count) : 0
            error += Double(count) / total * abs(frequency - meanConfidence)
            bins.append(Bin(lowerEdge: Self.edge(k, binCount), upperEdge: Self.edge(k + 1, binCount), count: count,
                            meanConfidence: meanConfidence, observedFrequency: frequency))
        }
        self.kind = kind
        self.sampleCount = confidences.count
        self.expectedCalibrationError = error
        self.brierScore = brierScore
        self.bins = bins
    }

    /// Edge `k` of `binCount` equal-width bins: `k / binCount`, correctly rounded.
    private static func edge(_ k: Int, _ binCount: Int) -> Double { Double(k) / Double(binCount) }

    /// The bin of `confidence` in `[0, 1]`: `k` with `edge(k) < confidence <= edge(k + 1)`, and
    /// bin 0 for a confidence of 0. The first guess is corrected against the edges themselves, so
    /// a confidence equal to an edge goes to the bin below it whatever the rounding of the product.
    private static func binIndex(_ confidence: Double, binCount: Int) -> Int {
        var k = min(binCount - 1, max(0, Int((confidence * Double(binCount)).rounded(.up)) - 1))
        while k > 0, confidence <= edge(k, binCount) { k -= 1 }
        while k < binCount - 1, confidence > edge(k + 1, binCount) { k += 1 }
        return k
    }

    private static func validate(
        _ probabilities: [Double], labels: [Int], classCount: Int, columns: Int, binCount: Int
    ) throws(MetricsError) {
        let argument = columns > 0 ? "classProbabilities" : "positiveProbabilities"
        guard binCount >= 1 else {
            throw .invalidParameter(name: "binCount", value: Double(binCount), requirement: "must be >= 1")
        }
        try MetricsValidation.nonEmpty(labels.count, argument: "labels")
        try MetricsValidation.count(probabilities.count, expected: labels.count * max(columns, 1), argument: argument)
        try MetricsValidation.finite(probabilities, argument: argument, columns: columns)
        for index in probabilities.indices where !(0...1).contains(probabilities[index]) {
            let position = columns > 0 ? [index / columns, index % columns] : []
            throw .probabilityOutOfRange(argument: argument, value: probabilities[index], index: index, position: position)
        }
        try MetricsValidation.labels(labels, classCount: classCount, argument: "labels")
    }
}
