import FocalTraining

/// One trained setting of the grid or a baseline: its metric over the seeds.
struct TuneCell: Codable, Equatable {
    /// `focal`, `ce` or `balanced-ce`.
    let loss: String
    let gamma: Double
    /// The alpha as given (`0.25`, `auto`, ...; `none` for cross-entropy).
    let alpha: String
    /// Poly-1's epsilon (`nil` for the other losses, and then absent from the JSON).
    var epsilon: Double? = nil
    /// The metric of each seed, in the order of the seeds.
    let values: [Double]
    /// The mean over seeds.
    var mean: Double { values.reduce(0, +) / Double(values.count) }
    /// The sample standard deviation over seeds (0 for one seed).
    var std: Double {
        guard values.count > 1 else { return 0 }
        let m = mean
        return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }

    enum CodingKeys: String, CodingKey { case loss, gamma, alpha, epsilon, values, mean, std }

    init(loss: String, gamma: Double, alpha: String, epsilon: Double? = nil, values: [Double]) {
        self.loss = loss
        self.gamma = gamma
        self.alpha = alpha
        self.epsilon = epsilon
        self.values = values
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(loss: try c.decode(String.self, forKey: .loss), gamma: try c.decode(Double.self, forKey: .gamma),
                  alpha: try c.decode(String.self, forKey: .alpha), epsilon: try c.decodeIfPresent(Double.self, forKey: .epsilon),
                  values: try c.decode([Double].self, forKey: .values))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(loss, forKey: .loss)
        try c.encode(gamma, forKey: .gamma)
        try c.encode(alpha, forKey: .alpha)
        try c.encodeIfPresent(epsilon, forKey: .epsilon)
        try c.encode(values, forKey: .values)
        try c.encode(mean, forKey: .mean)
        try c.encode(std, forKey: .std)
    }
}

/// The outcome of `focal tune`: the gamma × alpha (or gamma × epsilon) grid and the cross-entropy baselines.
struct TuneResult {
    let data: DemoData
    let split: HoldOutSplit
    let configuration: TrainingConfiguration
    let metric: TuneMetric
    let seeds: [UInt64]
    let gammas: [Double]
    let columns: TuneColumns
    /// `grid[g][c]`: gamma `gammas[g]`, the parameter of column `c` of `columns`.
    let grid: [[TuneCell]]
    /// Cross-entropy and alpha-balanced cross-entropy (alpha auto).
    let baselines: [TuneCell]
    /// The number of rows of `--validation-data`, or `nil` when the validation rows are held out
    /// of the training rows.
    var validationRows: Int? = nil

    /// The grid cell with the highest mean (the first on a tie, row by row).
    var best: (gamma: Int, column: Int) {
        var best = (0, 0)
        for g in grid.indices { for c in grid[g].indices where grid[g][c].mean > grid[best.0][best.1].mean { best = (g, c) } }
        return best
    }
}
