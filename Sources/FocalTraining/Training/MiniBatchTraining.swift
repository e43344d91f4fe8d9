import FocalLoss

/// Mini-batch training of one network: the network, its optimiser, the batch order and the
/// buffers of one batch, carried from batch to batch and epoch to epoch so that a step allocates
/// nothing.
struct MiniBatchTraining {
    /// The network as trained so far.
    private(set) var network: Network
    /// The number of batches per epoch (the last may be smaller than the others).
    let batchCount: Int

    private let data: PreparedData
    private let loss: BatchLoss
    private let threads: Int
    private let batchSize: Int
    private let labels: [Int32]
    private var generator: SeededGenerator
    private var workspace: NetworkWorkspace
    private var optimizer: Optimizer
    private var order: [Int]
    private var batchFeatures: [Float]
    private var batchLabels: [Int32]
    private var targets: [Float]

    /// Starts training a freshly initialised network.
    ///
    /// - Parameters:
    ///   - data: The training rows (their standardised features).
    ///   - configuration: The architecture, loss, optimiser, batch size and seed.
    ///   - outputBias: The output layer's initial biases.
    ///   - threads: The most threads the matrix products may use.
    /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` for loss settings
    ///   the loss kernels reject.
    init(_ data: PreparedData, configuration: TrainingConfiguration, outputBias: [Float], threads: Int) throws(TrainingError) {
        let training = data.training
        self.data = data
        self.threads = threads
        loss = try BatchLoss(settings: configuration.loss, classCounts: data.classCounts)
        generator = SeededGenerator(seed: configuration.seed ^ 0x5EED_0F_1417)
        network = Network(architecture: configuration.architecture, inputCount: training.featureCount,
                          outputBias: outputBias, initialization: configuration.weightInitialization, generator: &generator)
        batchSize = min(configuration.batchSize, training.rowCount)
        batchCount = (training.rowCount + batchSize - 1) / batchSize
        workspace = NetworkWorkspace(network: network, batchCapacity: batchSize)
        optimizer = Optimizer(settings: configuration.optimizer, sizes: network.layers.flatMap { [$0.weights.count, $0.bias.count] },
                              l2Penalty: configuration.l2Penalty)
        order = Array(0..<training.rowCount)
        labels = training.labels.map { Int32($0) }
        batchFeatures = [Float](repeating: 0, count: batchSize * training.featureCount)
        batchLabels = [Int32](repeating: 0, count: batchSize)
        targets = [Float](repeating: 0, count: batchSize)
    }

    /// One pass over the training rows in a fresh random order.
    ///
    /// - Parameters:
    ///   - epoch: The epoch, from 1 (for progress and errors).
    ///   - progress: Called after every batch.
    /// - Returns: The mean training loss (weighted by batch size) and the share of easy rows.
    /// - Throws: ``TrainingError/diverged(epoch:batch:)`` when the loss or a logit is not finite;
    ///   ``TrainingError/unsuitableData(reason:)`` when the loss kernel rejects a batch.
    mutating func trainEpoch(
        _ epoch: Int, progress: ((TrainingEvent) -> Void)?
    ) throws(TrainingError) -> (loss: Double, easyFraction: Double) {
        let rowCount = data.training.rowCount
        generator.shuffle(&order)
        var lossSum = 0.0
        var easy = 0
        for batch in 0..<batchCount {
            let start = batch * batchSize
            let count = min(batchSize, rowCount - start)
            let value = try trainBatch(rows: start..<(start + count), easy: &easy)
            guard let value else { throw .diverged(epoch: epoch, batch: batch + 1) }
            lossSum += Double(value) * Double(count)
            progress?(.batch(epoch: epoch, completed: batch + 1, total: batchCount,
                             runningLoss: lossSum / Double(start + count)))
        }
        return (lossSum / Double(rowCount), Double(easy) / Double(rowCount))
    }

    /// One optimiser step on the rows at `positions` of the epoch's order: forward pass, loss and
    /// gradient, backward pass, update.
    ///
    /// - Parameter easy: Increased by the number of easy rows of the batch.
    /// - Returns: The batch's mean loss, or `nil` (and no update) when it or a logit is not finite.
    private mutating func trainBatch(rows positions: Range<Int>, easy: inout Int) throws(TrainingError) -> Float? {
        let count = positions.count
        gather(positions)
        batchFeatures.withUnsafeBufferPointer { x in
            workspace.forward(network, input: x.baseAddress!, rows: count, threads: threads)
        }
        let logits = workspace.activations[network.layers.count]
        let last = network.layers.count - 1
        let value: Float
        do {
            value = try logits.withUnsafeBufferPointer { z throws(FocalLossError) in
                try batchLabels.withUnsafeBufferPointer { y throws(FocalLossError) in
                    easy += loss.easyCount(logits: z, labels: y, rows: count)
                    return try targets.withUnsafeMutableBufferPointer { t throws(FocalLossError) in
                        try workspace.deltas[last].withUnsafeMutableBufferPointer { g throws(FocalLossError) in
                            try loss.lossAndGradient(logits: z, labels: y, targets: t, rows: count, gradient: g)
                        }
                    }
                }
            }
        } catch {
            throw .unsuitableData(reason: "loss kernel: \(error)")
        }
        guard value.isFinite, logits[0..<(count * loss.outputCount)].allSatisfy(\.isFinite) else { return nil }
        workspace.backward(network, rows: count, threads: threads)
        optimizer.beginStep()
        for l in network.layers.indices {
            optimizer.update(&network.layers[l].weights, gradient: workspace.weightGradients[l], slot: 2 * l, isWeight: true)
            optimizer.update(&network.layers[l].bias, gradient: workspace.biasGradients[l], slot: 2 * l + 1, isWeight: false)
        }
        return value
    }

    /// Copies the features and labels of the rows at `positions` of the epoch's order into the
    /// batch buffers.
    private mutating func gather(_ positions: Range<Int>) {
        let featureCount = data.training.featureCount
        data.trainingFeatures.withUnsafeBufferPointer { x in
            batchFeatures.withUnsafeMutableBufferPointer { destination in
                for (r, source) in order[positions].enumerated() {
                    batchLabels[r] = labels[source]
                    (destination.baseAddress! + r * featureCount)
                        .update(from: x.baseAddress! + source * featureCount, count: featureCount)
                }
            }
        }
    }
}
