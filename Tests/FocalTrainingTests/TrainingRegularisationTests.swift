import Foundation
@testable import FocalTraining
import Testing

/// The L2 penalty, its choice by cross-validation, best-epoch restoration and the refit.
@Suite("Training: regularisation and model selection")
struct TrainingRegularisationTests {
    /// A tiny MLP, a batch and its loss, as in the gradient tests.
    struct Case {
        var network: Network
        let loss: BatchLoss
        let x: [Float]
        let labels: [Int32]
        let rows = 6

        init() throws {
            var generator = SeededGenerator(seed: 21)
            network = Network(architecture: .mlp(hidden: [4]), inputCount: 3, outputBias: [0.2], generator: &generator)
            for l in network.layers.indices {
                for i in network.layers[l].weights.indices { network.layers[l].weights[i] = Float(generator.nextGaussian()) }
                for i in network.layers[l].bias.indices { network.layers[l].bias[i] = Float(generator.nextGaussian()) * 0.1 + 0.05 }
            }
            x = (0..<18).map { _ in Float(generator.nextGaussian()) }
            labels = [0, 1, 0, 0, 1, 0]
            loss = try BatchLoss(settings: LossSettings(kind: .focal, gamma: 2), classCounts: [4, 2])
        }

        /// The penalised objective in Double: the batch's mean loss plus `λ/2 Σ w²` over the weights only.
        func objective(_ network: Network, penalty: Double) throws -> Double {
            let data = try TrainingGradientTests().batchLoss(network, loss, x: x, labels: labels, rows: rows)
            let squares = network.layers.reduce(0.0) { sum, layer in sum + layer.weights.reduce(0.0) { $0 + Double($1) * Double($1) } }
            return Double(data) + penalty / 2 * squares
        }

        /// The loss gradients of the weights and biases of every layer (back-propagation).
        func lossGradients() throws -> (weights: [[Float]], biases: [[Float]]) {
            var workspace = NetworkWorkspace(network: network, batchCapacity: rows)
            x.withUnsafeBufferPointer { workspace.forward(network, input: $0.baseAddress!, rows: rows, threads: 1) }
            let logits = workspace.activations[network.layers.count]
            var targets = [Float](repeating: 0, count: rows)
            _ = try logits.withUnsafeBufferPointer { z in
                try labels.withUnsafeBufferPointer { y in
                    try targets.withUnsafeMutableBufferPointer { t in
                        try workspace.deltas[network.layers.count - 1].withUnsafeMutableBufferPointer { g in
                            try loss.lossAndGradient(logits: z, labels: y, targets: t, rows: rows, gradient: g)
                        }
                    }
                }
            }
            workspace.backward(network, rows: rows, threads: 1)
            return (workspace.weightGradients, workspace.biasGradients)
        }
    }

    @Test("The penalised step's gradient matches finite differences of loss + λ/2 Σw² (biases unpenalised)",
          arguments: [0.0, 0.05, 0.7])
    func penaltyGradient(penalty: Double) throws {
        let problem = try Case()
        let (weightGradients, biasGradients) = try problem.lossGradients()
        // Plain SGD with learning rate 1: the step is minus the gradient the optimiser used.
        let settings = try OptimizerSettings(kind: .sgd(momentum: 0), learningRate: 1)
        var optimizer = Optimizer(settings: settings, sizes: problem.network.layers.flatMap { [$0.weights.count, $0.bias.count] },
                                  l2Penalty: penalty)
        var stepped = problem.network
        optimizer.beginStep()
        for l in stepped.layers.indices {
            optimizer.update(&stepped.layers[l].weights, gradient: weightGradients[l], slot: 2 * l, isWeight: true)
            optimizer.update(&stepped.layers[l].bias, gradient: biasGradients[l], slot: 2 * l + 1, isWeight: false)
        }
        let h = 1e-3
        for l in problem.network.layers.indices {
            for (isWeight, count) in [(true, problem.network.layers[l].weights.count), (false, problem.network.layers[l].bias.count)] {
                for i in 0..<count {
                    var plus = problem.network, minus = problem.network
                    if isWeight {
                        plus.layers[l].weights[i] += Float(h); minus.layers[l].weights[i] -= Float(h)
                    } else {
                        plus.layers[l].bias[i] += Float(h); minus.layers[l].bias[i] -= Float(h)
                    }
                    let numeric = (try problem.objective(plus, penalty: penalty) - problem.objective(minus, penalty: penalty)) / (2 * h)
                    let used = isWeight
                        ? Double(problem.network.layers[l].weights[i] - stepped.layers[l].weights[i])
                        : Double(problem.network.layers[l].bias[i] - stepped.layers[l].bias[i])
                    #expect(abs(numeric - used) <= 3e-3 + 2e-2 * abs(numeric),
                            "layer \(l) \(isWeight ? "weight" : "bias") \(i), λ \(penalty): step \(used) vs \(numeric)")
                }
            }
        }
    }

    @Test("Adam's and AdamW's first step with no loss gradient: the penalty and the decay move weights only")
    func penaltyInAdam() throws {
        let weights: [Float] = [0.5, -2, 0.25], bias: [Float] = [0.3]
        let zeroW = [Float](repeating: 0, count: 3), zeroB: [Float] = [0]
        // Adam with L2 in the loss: the gradient is λw, the first step is -lr · sign(w) (to Adam's epsilon).
        var adam = Optimizer(settings: try OptimizerSettings(kind: .adam, learningRate: 0.01), sizes: [3, 1], l2Penalty: 0.1)
        var w = weights, b = bias
        adam.beginStep()
        adam.update(&w, gradient: zeroW, slot: 0, isWeight: true)
        adam.update(&b, gradient: zeroB, slot: 1, isWeight: false)
        for i in w.indices {
            let expected = Double(weights[i]) - 0.01 * (weights[i] > 0 ? 1 : -1)
            #expect(abs(Double(w[i]) - expected) < 1e-6, "weight \(i): \(w[i]) vs \(expected)")
        }
        #expect(b == bias)
        // AdamW: weights scaled by 1 - lr · decay, biases untouched.
        var adamW = Optimizer(settings: try OptimizerSettings(kind: .adamW(weightDecay: 0.5), learningRate: 0.01), sizes: [3, 1])
        w = weights; b = bias
        adamW.beginStep()
        adamW.update(&w, gradient: zeroW, slot: 0, isWeight: true)
        adamW.update(&b, gradient: zeroB, slot: 1, isWeight: false)
        for i in w.indices { #expect(abs(Double(w[i]) - Double(weights[i]) * (1 - 0.005)) < 1e-7) }
        #expect(b == bias)
    }

    @Test("A larger penalty gives smaller weights; the penalty and the search are stored in the model")
    func penaltyShrinks() throws {
        let data = try separableData(rows: 400, seed: 31)
        func weightNorm(_ penalty: Double) throws -> Double {
            let configuration = try TrainingConfiguration(epochs: 10, seed: 3, l2Penalty: penalty)
            let model = try Trainer(configuration: configuration, threads: 1).train(data)
            #expect(model.configuration.l2Penalty == penalty)
            return model.network.layers[0].weights.reduce(0) { $0 + Double($1) * Double($1) }
        }
        let none = try weightNorm(0), some = try weightNorm(0.01), strong = try weightNorm(0.3)
        #expect(none > some && some > strong, "\(none) \(some) \(strong)")
    }

    @Test("Folds are stratified (per class and in size within one row), a partition, and reproducible for a seed")
    func foldsStratified() throws {
        var generator = SeededGenerator(seed: 4)
        let labels = (0..<203).map { _ in [0, 0, 0, 0, 0, 1, 1, 2][Int(generator.next() % 8)] }
        let counts = (0..<3).map { c in labels.filter { $0 == c }.count }
        for k in [2, 5, 7] {
            let folds = StratifiedFolds(labels: labels, classCount: 3, count: k, seed: 9)
            #expect(folds.folds.count == k)
            #expect(folds.folds.flatMap { $0 }.sorted() == Array(0..<labels.count), "\(k) folds: not a partition")
            let sizes = folds.folds.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1)
            for c in 0..<3 {
                let perFold = folds.folds.map { fold in fold.filter { labels[$0] == c }.count }
                #expect(perFold.max()! - perFold.min()! <= 1, "class \(c) over \(k) folds: \(perFold)")
                #expect(perFold.reduce(0, +) == counts[c])
            }
            #expect(folds.trainingRows(outside: 1) == Array(0..<labels.count).filter { !folds.folds[1].contains($0) })
            #expect(StratifiedFolds(labels: labels, classCount: 3, count: k, seed: 9) == folds)
            #expect(StratifiedFolds(labels: labels, classCount: 3, count: k, seed: 10) != folds)
        }
    }

    @Test("The search scores every candidate on every fold, chooses the best mean, and is the same on any thread count")
    func searchChoosesBestMean() throws {
        let data = try blobData(rows: 300, seed: 12)
        let search = try PenaltySearch(candidates: [0, 0.01, 3], folds: 3)
        let configuration = try TrainingConfiguration(architecture: .mlp(hidden: [6]), epochs: 4, batchSize: 32, seed: 5)
        let one = try search.run(on: data, configuration: configuration, threads: 1)
        let three = try search.run(on: data, configuration: configuration, threads: 3)
        #expect(one == three)
        #expect(one.metric == "macro-F1" && one.meanScores.count == 3 && one.standardErrors.count == 3)
        let best = one.meanScores.indices.max { one.meanScores[$0] < one.meanScores[$1] || (one.meanScores[$0] == one.meanScores[$1] && one.candidates[$0] < one.candidates[$1]) }!
        #expect(one.chosen == one.candidates[best])
        // Each mean is that of the folds trained by hand (independently of the parallel runner).
        let folds = StratifiedFolds(labels: data.labels, classCount: 3, count: 3, seed: configuration.seed ^ 0xF01D_5EED)
        for (c, penalty) in search.candidates.enumerated() {
            var scores: [Double] = []
            for f in 0..<3 {
                var fold = configuration
                fold.l2Penalty = penalty
                let prepared = try PreparedData(training: data.rows(folds.trainingRows(outside: f)), validation: data.rows(folds.folds[f]))
                let network = try Trainer(configuration: fold, threads: 1).runEpochs(on: prepared, progress: nil).network
                let logits = network.logits(prepared.validationFeatures, rowCount: prepared.validation.rowCount, threads: 1)
                scores.append(try ClassificationReport(classScores: TrainedModel.probabilities(logits: logits, classCount: 3),
                                                       labels: prepared.validation.labels, classCount: 3).macroF1)
            }
            #expect(abs(one.meanScores[c] - scores.reduce(0, +) / 3) < 1e-12, "candidate \(penalty)")
        }
        // The strongest penalty (3) flattens the network: it must not win on separable blobs.
        #expect(one.chosen != 3)
    }

    @Test("Too few rows of a class for the folds is a clear error naming the class")
    func searchTooFewRows() throws {
        var labels = [Int](repeating: 0, count: 40)
        labels[3] = 1; labels[17] = 1; labels[30] = 1
        let data = try Dataset(features: (0..<40).map { Float($0) }, labels: labels, featureNames: ["x"], classNames: ["no", "yes"])
        let configuration = try TrainingConfiguration(validationFraction: 0, penaltySearch: PenaltySearch(folds: 5))
        #expect {
            _ = try Trainer(configuration: configuration).train(data)
        } throws: { error in
            "\(error)".contains("class 'yes' has 3 training rows: too few for 5-fold cross-validation")
        }
        #expect(throws: TrainingError.self) { try PenaltySearch(candidates: [0.1, 0.1]) }
        #expect(throws: TrainingError.self) { try PenaltySearch(candidates: [-1]) }
        #expect(throws: TrainingError.self) { try PenaltySearch(folds: 1) }
        #expect(throws: TrainingError.self) { try TrainingConfiguration(l2Penalty: .nan) }
        #expect(throws: TrainingError.self) { try TrainingConfiguration(validationFraction: 0, restoresBestEpoch: true) }
    }

    @Test("Restoring the best epoch keeps the epoch of the best validation AP, and its weights, after every epoch is trained")
    func restoresBestEpoch() throws {
        // Noisy labels and a large learning rate: the validation AP goes up and down.
        var data = try separableData(rows: 500, seed: 13)
        var generator = SeededGenerator(seed: 2)
        let labels = data.labels.map { generator.next() % 4 == 0 ? 1 - $0 : $0 }
        data = try Dataset(features: data.features, labels: labels, featureNames: data.featureNames, classNames: data.classNames)
        let configuration = try TrainingConfiguration(
            architecture: .mlp(hidden: [32]), optimizer: OptimizerSettings(kind: .adam, learningRate: 0.05), epochs: 25,
            batchSize: 16, seed: 4, restoresBestEpoch: true, refitsOnAllRows: false)
        let model = try Trainer(configuration: configuration, threads: 1).train(data)
        let history = model.summary.history.map { $0.validationAveragePrecision! }
        #expect(history.count == 25 && !model.summary.stoppedEarly)
        let best = history.indices.first { history[$0] == history.max()! }! + 1
        #expect(model.summary.selectedEpoch == best)
        #expect(best < 25, "the test needs a best epoch before the last (history \(history))")
        // The kept weights are that epoch's: their validation AP is the one recorded for it.
        let prepared = try PreparedData(data, configuration: configuration)
        #expect(try prepared.validationAveragePrecision(of: model.network, threads: 1) == history[best - 1])
        // And they are the weights of a run stopped at that epoch.
        var shorter = configuration
        shorter.epochs = best
        shorter.restoresBestEpoch = false
        #expect(try Trainer(configuration: shorter, threads: 1).train(data).network == model.network)
    }

    @Test("A refit trains again on every row for the chosen epochs and keeps the validated threshold; none without validation rows")
    func refit() throws {
        let data = try separableData(rows: 400, seed: 17)
        let configuration = try TrainingConfiguration(
            optimizer: OptimizerSettings(kind: .adam, learningRate: 0.05), epochs: 12, seed: 6, l2Penalty: 1e-3,
            restoresBestEpoch: true, refitsOnAllRows: true)
        let model = try Trainer(configuration: configuration, threads: 1).train(data)
        #expect(model.summary.refitRows == 400)
        var validated = configuration
        validated.refitsOnAllRows = false
        let validatedModel = try Trainer(configuration: validated, threads: 1).train(data)
        #expect(model.threshold == validatedModel.threshold)
        #expect(model.summary.validation == validatedModel.summary.validation)
        let all = try TrainingConfiguration(
            optimizer: OptimizerSettings(kind: .adam, learningRate: 0.05), epochs: validatedModel.summary.selectedEpoch,
            validationFraction: 0, seed: 6, l2Penalty: 1e-3)
        let direct = try Trainer(configuration: all, threads: 1).train(data)
        #expect(model.network == direct.network)
        #expect(model.standardizer == direct.standardizer)
        #expect(direct.summary.refitRows == nil)
        // Separate validation rows stay out of the model: no refit.
        let separate = try Trainer(configuration: configuration, threads: 1).train(data, validation: separableData(rows: 100, seed: 18))
        #expect(separate.summary.refitRows == nil && separate.summary.trainingRows == 400)
    }

    @Test("With the penalty search, restoration and refit, the model bytes do not depend on the thread count")
    func reproducibleWithSearch() throws {
        let data = try separableData(rows: 600, seed: 19)
        let configuration = try TrainingConfiguration(
            architecture: .mlp(hidden: [8]), epochs: 3, batchSize: 32, seed: 8,
            penaltySearch: PenaltySearch(candidates: [0, 1e-3, 1e-1], folds: 3), restoresBestEpoch: true, refitsOnAllRows: true)
        let first = try Trainer(configuration: configuration, threads: 1).train(data)
        #expect(first.summary.penaltySearch != nil)
        #expect(first.configuration.l2Penalty == first.summary.penaltySearch!.chosen)
        for threads in [2, 5] {
            #expect(try Trainer(configuration: configuration, threads: threads).train(data).jsonData() == first.jsonData())
        }
    }

    @Test("A model file without the new settings (an earlier version's) reads with no penalty, no search, no refit")
    func earlierModelFile() throws {
        let data = try separableData(rows: 200, seed: 23)
        let model = try Trainer(configuration: TrainingConfiguration(epochs: 2), threads: 1).train(data)
        var object = try #require(JSONSerialization.jsonObject(with: model.jsonData()) as? [String: Any])
        var configuration = try #require(object["configuration"] as? [String: Any])
        for key in ["l2Penalty", "penaltySearch", "restoresBestEpoch", "refitsOnAllRows"] { configuration.removeValue(forKey: key) }
        object["configuration"] = configuration
        let old = try JSONSerialization.data(withJSONObject: object)
        let read = try JSONDecoder().decode(TrainedModel.self, from: old)
        #expect(read.configuration.l2Penalty == 0 && read.configuration.penaltySearch == nil)
        #expect(!read.configuration.restoresBestEpoch && !read.configuration.refitsOnAllRows)
        #expect(read.network == model.network)
    }
}
