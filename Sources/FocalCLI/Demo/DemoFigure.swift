import FocalTraining

/// The picture of `focal demo`: six panels in a 2 × 3 grid.
///
/// 1. The precision-recall curves of the three models on the test split.
/// 2. and 3. Figure 4 of the focal-loss paper: the cumulative distribution of the normalised focal
///    loss of the trained focal model's positive and negative test rows, for gamma 0, 0.5, 1, 2.
/// 4. The share of easy training examples (`p_t > 0.5`) per epoch of each training.
/// 5. The reliability diagram of each model on the test split: in each of the 15 bins of the
///    positive class's probability, the share of positive rows against the mean probability
///    (on the diagonal when calibrated).
/// 6. How many test rows each bin holds (log scale), which says how far to trust each point of 5.
enum DemoFigure {
    /// The most points drawn per line (longer lines are thinned, keeping first and last).
    static let maxPoints = 600

    static func figure(_ result: DemoResult) -> ChartFigure {
        let models = result.models
        let pr = ChartPanel(
            title: "Precision-recall on the test split (\(result.split.test.classCounts[1]) positive rows)",
            x: ChartAxis(label: "recall", range: 0...1), y: ChartAxis(label: "precision", range: 0...1),
            series: models.enumerated().map { index, model in
                LineSeries(name: "\(model.name) (AP \(format(model.evaluation.report.averagePrecision, digits: 3)))",
                           points: thin(zip(model.curve.recall, model.curve.precision).map { ChartPoint(x: $0, y: $1) }),
                           color: ChartPalette.color(index))
            },
            legend: .bottomLeft)
        func distribution(_ title: String, _ values: KeyPath<DemoLossDistribution, [Double]>) -> ChartPanel {
            ChartPanel(
                title: title,
                x: ChartAxis(label: "fraction of examples", range: 0...1),
                y: ChartAxis(label: "cumulative normalised loss", range: 0...1),
                series: result.lossDistributions.enumerated().map { index, curve in
                    let ys = curve[keyPath: values]
                    return LineSeries(
                        name: "γ = \(number(curve.gamma))",
                        points: thin(ys.enumerated().map { ChartPoint(x: Double($0 + 1) / Double(ys.count), y: $1) }),
                        color: ChartPalette.color(4 + index))
                },
                legend: .topLeft)
        }
        let positives = distribution("Loss CDF of positives (focal model, test split)", \.positives)
        let negatives = distribution("Loss CDF of negatives (focal model, test split)", \.negatives)
        let easy = ChartPanel(
            title: "Easy training examples (p_t > 0.5) per epoch",
            x: ChartAxis(label: "epoch", range: 1...Double(max(2, result.configuration.epochs))),
            y: ChartAxis(label: "share of training rows", range: easyRange(models)),
            series: models.enumerated().map { index, model in
                LineSeries(name: model.name,
                           points: model.model.summary.history.map { ChartPoint(x: Double($0.epoch), y: $0.easyFraction) },
                           color: ChartPalette.color(index))
            },
            legend: .bottomRight)
        return ChartFigure(
            title: "Focal loss on \(result.data.name): cross-entropy vs balanced CE vs focal loss (γ = 2, α = 0.25)",
            panels: [pr, positives, negatives, easy, reliability(models), binCounts(models)], columns: 2,
            panelWidth: 600, panelHeight: 440)
    }

    /// Panel 5: observed share of positives against the mean predicted probability, per bin.
    static func reliability(_ models: [DemoModelResult]) -> ChartPanel {
        let diagonal = LineSeries(name: "perfectly calibrated", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 1)],
                                  color: "#7f7f7f", dashed: true, width: 1)
        return ChartPanel(
            title: "Reliability on the test split (15 bins of P(positive))",
            x: ChartAxis(label: "mean predicted probability in the bin", range: 0...1),
            y: ChartAxis(label: "share of positive rows in the bin", range: 0...1),
            series: [diagonal] + models.enumerated().map { index, model in
                let calibration = model.evaluation.calibration
                return LineSeries(
                    name: "\(model.name) (ECE \(format(calibration.expectedCalibrationError, digits: 3)))",
                    points: calibration.bins.filter { $0.count > 0 }.map { ChartPoint(x: $0.meanConfidence, y: $0.observedFrequency) },
                    color: ChartPalette.color(index))
            },
            legend: .topLeft)
    }

    /// Panel 6: the number of test rows in each bin of panel 5, at the bin's centre.
    static func binCounts(_ models: [DemoModelResult]) -> ChartPanel {
        ChartPanel(
            title: "Test rows per bin of P(positive)",
            x: ChartAxis(label: "predicted probability (bin centre)", range: 0...1),
            y: ChartAxis(label: "rows", scale: .logarithmic),
            series: models.enumerated().map { index, model in
                LineSeries(
                    name: model.name,
                    points: model.evaluation.calibration.bins.filter { $0.count > 0 }.map {
                        ChartPoint(x: ($0.lowerEdge + $0.upperEdge) / 2, y: Double($0.count))
                    },
                    color: ChartPalette.color(index))
            },
            legend: .topRight)
    }

    /// The easy panel's y range: from below the lowest share (so the lines use the upper half and
    /// the legend the lower corner) up to 1.
    static func easyRange(_ models: [DemoModelResult]) -> ClosedRange<Double> {
        let lowest = models.flatMap { $0.model.summary.history.map(\.easyFraction) }.min() ?? 0
        let bottom = max(0, lowest - max(1 - lowest, 0.01))
        return ((bottom * 20).rounded(.down) / 20)...1
    }

    /// At most ``maxPoints`` points of `points`, evenly spaced, first and last kept.
    static func thin(_ points: [ChartPoint]) -> [ChartPoint] {
        guard points.count > maxPoints else { return points }
        let step = Double(points.count - 1) / Double(maxPoints - 1)
        return (0..<maxPoints).map { points[Int((Double($0) * step).rounded())] }
    }

    /// `2`, `0.5`: a gamma without a trailing `.0`.
    static func number(_ value: Double) -> String { messageNumber(value) }
}
