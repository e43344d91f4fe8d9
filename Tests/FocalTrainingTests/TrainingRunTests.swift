import Foundation
@testable import FocalTraining
import Testing

@Suite("Training: runs")
struct TrainingRunTests {
    @Test("Logistic regression and an MLP learn a separable problem", arguments: ["logistic", "mlp:16,8"])
    func separable(model: String) throws {
        let data = try separableData(rows: 600, seed: 1)
        let configuration = try TrainingConfiguration(
            architecture: ModelArchitecture(parsing: model), loss: LossSettings(kind: .focal),
            optimizer: OptimizerSettings(kind: .adam, learningRate: 0.02), epochs: 30, batchSize: 32, seed: 5)
        let trained = try Trainer(configuration: configuration).train(data)
        let report = try #require(trained.summary.validation)
        #expect(report.averagePrecision > 0.99)
        #expect(report.rocAUC > 0.99)
        let test = try separableData(rows: 300, seed: 2)
        let testReport = try trained.report(on: test)
        #expect(testReport.rocAUC > 0.99)
        #expect(testReport.macroF1 > 0.9)
        #expect(trained.summary.history.last!.trainingLoss < trained.summary.history.first!.trainingLoss)
    }

    @Test("A softmax model learns three blobs, with every optimiser", arguments: ["adam", "adamw", "sgd"])
    func blobs(optimizer: String) throws {
        let kind: OptimizerSettings.Kind = optimizer == "adam" ? .adam : (optimizer == "adamw" ? .adamW(weightDecay: 0.01) : .sgd(momentum: 0.9))
        let configuration = try TrainingConfiguration(
            architecture: .mlp(hidden: [8]), loss: LossSettings(kind: .focal, alpha: .inverseFrequency),
            optimizer: OptimizerSettings(kind: kind, learningRate: optimizer == "sgd" ? 0.05 : 0.02), epochs: 15, batchSize: 16)
        let trained = try Trainer(configuration: configuration).train(blobData(rows: 400, seed: 3))
        let report = try #require(trained.summary.validation)
        #expect(report.macroF1 > 0.95, "\(optimizer): \(report.macroF1)")
        #expect(report.kind == .multiclass && report.classCount == 3)
    }

    @Test("The same seed and data give the same model bytes, whatever the thread count; another seed differs")
    func reproducible() throws {
        let data = try separableData(rows: 3000, seed: 9)
        let configuration = try TrainingConfiguration(architecture: .mlp(hidden: [64, 32]), epochs: 3, batchSize: 256, seed: 11)
        let first = try Trainer(configuration: configuration, threads: 1).train(data).jsonData()
        let second = try Trainer(configuration: configuration, threads: 2).train(data).jsonData()
        let third = try Trainer(configuration: configuration, threads: 5).train(data).jsonData()
        #expect(first == second)
        #expect(first == third)
        var other = configuration
        other.seed = 12
        #expect(try Trainer(configuration: other).train(data).jsonData() != first)
    }

    @Test("The focal loss history shows easy examples; the prior bias starts predictions at pi")
    func easyShareAndPrior() throws {
        let data = try separableData(rows: 400, seed: 4)
        let configuration = try TrainingConfiguration(
            optimizer: OptimizerSettings(kind: .adam, learningRate: 0.1), epochs: 5, batchSize: 16, seed: 1)
        let trainer = Trainer(configuration: configuration)
        #expect(abs(Double(trainer.initialBias(counts: [99, 1])[0]) - log(0.01 / 0.99)) < 1e-6)
        let multi = Trainer(configuration: configuration).initialBias(counts: [2, 1, 1])
        #expect(multi.map { Double($0) }.enumerated().allSatisfy { abs($1 - log([0.5, 0.25, 0.25][$0])) < 1e-6 })
        var events: [TrainingEvent] = []
        let trained = try trainer.train(data) { events.append($0) }
        let epochs = events.compactMap { if case .epoch(let report) = $0 { return report } else { return nil } }
        #expect(epochs.count == 5 && epochs == trained.summary.history)
        #expect(epochs.allSatisfy { (0...1).contains($0.easyFraction) && $0.validationAveragePrecision != nil })
        #expect(epochs.last!.easyFraction > epochs.first!.easyFraction)
        #expect(epochs.last!.easyFraction > 0.75)
    }

    @Test("Early stopping keeps the best epoch's weights")
    func earlyStopping() throws {
        let data = try separableData(rows: 400, seed: 6)
        let configuration = try TrainingConfiguration(
            optimizer: OptimizerSettings(kind: .adam, learningRate: 0.05), epochs: 60, seed: 2, earlyStoppingPatience: 2)
        let trained = try Trainer(configuration: configuration).train(data)
        let history = trained.summary.history
        let best = history.map { $0.validationAveragePrecision! }.max()!
        #expect(history[trained.summary.selectedEpoch - 1].validationAveragePrecision == best)
        #expect(trained.summary.stoppedEarly == (history.count < 60))
        #expect(history.count - trained.summary.selectedEpoch <= 2)
    }

    @Test("A huge learning rate with SGD is reported as divergence, not NaN weights")
    func divergence() throws {
        var features: [Float] = []
        for i in 0..<200 { features += [Float(i), Float(i % 7)] }
        let data = try Dataset(features: features, labels: (0..<200).map { $0 % 2 }, featureNames: ["a", "b"], classNames: ["0", "1"])
        let configuration = try TrainingConfiguration(
            architecture: .mlp(hidden: [32]), loss: LossSettings(kind: .crossEntropy),
            optimizer: OptimizerSettings(kind: .sgd(momentum: 0.9), learningRate: 1e6), epochs: 50)
        #expect {
            _ = try Trainer(configuration: configuration).train(data)
        } throws: { error in
            guard case TrainingError.diverged = error else { return false }
            return true
        }
    }

    @Test("Missing values are imputed by the training mean, and kept so at prediction")
    func imputation() throws {
        var data = try separableData(rows: 400, seed: 8)
        var features = data.features
        features[0] = .nan
        features[4] = .nan
        data = try Dataset(features: features, labels: data.labels, featureNames: data.featureNames, classNames: data.classNames)
        let trained = try Trainer(configuration: TrainingConfiguration(epochs: 3)).train(data)
        #expect(trained.missingValues == .imputeTrainingMean)
        let p = trained.probabilities(features: [.nan, .nan, .nan], rowCount: 1)
        #expect(p.allSatisfy(\.isFinite) && abs(p[0] + p[1] - 1) < 1e-12)
    }
}
