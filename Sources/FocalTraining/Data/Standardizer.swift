/// Feature standardisation: `(x - mean) / scale` per column, fitted on training rows only.
///
/// The mean and the population standard deviation (as scikit-learn's `StandardScaler`) are
/// computed in `Double` over the values that are present; a column that is constant (or has no
/// value) keeps scale 1. A missing value (NaN) becomes 0 after the transform: the training mean.
public struct Standardizer: Sendable, Hashable, Codable {
    /// The mean of each column over the training rows.
    public let means: [Double]
    /// The standard deviation of each column over the training rows (1 for a constant column).
    public let scales: [Double]

    /// Creates a standardiser from known means and scales (each scale finite and `> 0`).
    public init(means: [Double], scales: [Double]) {
        self.means = means
        self.scales = scales
    }

    /// Fits the means and scales of a row-major matrix's columns.
    ///
    /// - Parameters:
    ///   - features: `rowCount * featureCount` values; NaN marks a missing value.
    ///   - featureCount: The number of columns.
    public init(fitting features: [Float], featureCount: Int) {
        var sums = [Double](repeating: 0, count: featureCount)
        var counts = [Int](repeating: 0, count: featureCount)
        let rowCount = featureCount == 0 ? 0 : features.count / featureCount
        for row in 0..<rowCount {
            for column in 0..<featureCount {
                let value = features[row * featureCount + column]
                if !value.isNaN {
                    sums[column] += Double(value)
                    counts[column] += 1
                }
            }
        }
        let means = (0..<featureCount).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
        var squares = [Double](repeating: 0, count: featureCount)
        for row in 0..<rowCount {
            for column in 0..<featureCount {
                let value = features[row * featureCount + column]
                if !value.isNaN {
                    let deviation = Double(value) - means[column]
                    squares[column] += deviation * deviation
                }
            }
        }
        let scales = (0..<featureCount).map { column -> Double in
            guard counts[column] > 0 else { return 1 }
            let deviation = (squares[column] / Double(counts[column])).squareRoot()
            return deviation > 0 && deviation.isFinite ? deviation : 1
        }
        self.init(means: means, scales: scales)
    }

    /// The standardised copy of a row-major matrix with ``means``.count columns; NaN becomes 0.
    public func transform(_ features: [Float]) -> [Float] {
        let featureCount = means.count
        guard featureCount > 0 else { return features }
        return [Float](unsafeUninitializedCapacity: features.count) { result, initialized in
            if let start = result.baseAddress { HugePages.advise(start, count: features.count * MemoryLayout<Float>.stride) }
            features.withUnsafeBufferPointer { features in
                means.withUnsafeBufferPointer { means in
                    scales.withUnsafeBufferPointer { scales in
                        var index = 0
                        while index < features.count {
                            for column in 0..<min(featureCount, features.count - index) {
                                let value = features[index]
                                result[index] = value.isNaN ? 0 : Float((Double(value) - means[column]) / scales[column])
                                index += 1
                            }
                        }
                    }
                }
            }
            initialized = features.count
        }
    }
}
