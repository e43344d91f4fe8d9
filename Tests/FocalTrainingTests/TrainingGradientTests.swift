@testable import FocalTraining
import Testing

/// The network's back-propagation against central finite differences of the loss, in a tiny MLP
/// whose every weight is checked.
@Suite("Training: gradients")
struct TrainingGradientTests {
    /// The mean loss of a batch through `network` (forward pass + the kernel), in Float.
    func batchLoss(_ network: Network, _ loss: BatchLoss, x: [Float], labels: [Int32], rows: Int) throws -> Float {
        var workspace = NetworkWorkspace(network: network, batchCapacity: rows)
        x.withUnsafeBufferPointer { workspace.forward(network, input: $0.baseAddress!, rows: rows, threads: 1) }
        let logits = workspace.activations[network.layers.count]
        var targets = [Float](repeating: 0, count: rows)
        var gradient = [Float](repeating: 0, count: logits.count)
        return try logits.withUnsafeBufferPointer { z in
            try labels.withUnsafeBufferPointer { y in
                try targets.withUnsafeMutableBufferPointer { t in
                    try gradient.withUnsafeMutableBufferPointer { g in
                        try loss.lossAndGradient(logits: z, labels: y, targets: t, rows: rows, gradient: g)
                    }
                }
            }
        }
    }

    @Test("Back-propagated gradients match finite differences", arguments: [2, 3])
    func finiteDifferences(classCount: Int) throws {
        var generator = SeededGenerator(seed: 7)
        let rows = 6, inputs = 3
        let outputs = classCount == 2 ? 1 : classCount
        var network = Network(architecture: .mlp(hidden: [5, 4]), inputCount: inputs,
                              outputBias: [Float](repeating: 0.1, count: outputs), generator: &generator)
        // Larger output weights than the initialisation, so every path carries gradient.
        for i in network.layers[2].weights.indices { network.layers[2].weights[i] = Float(generator.nextGaussian()) }
        for l in 0..<2 { for i in network.layers[l].bias.indices { network.layers[l].bias[i] = 0.05 } }
        let x = (0..<(rows * inputs)).map { _ in Float(generator.nextGaussian()) }
        let labels: [Int32] = (0..<rows).map { Int32($0 % classCount) }
        let loss = try BatchLoss(settings: LossSettings(kind: .focal, gamma: 2, alpha: .inverseFrequency),
                                 classCounts: (0..<classCount).map { c in (0..<rows).filter { $0 % classCount == c }.count + c })

        var workspace = NetworkWorkspace(network: network, batchCapacity: rows)
        x.withUnsafeBufferPointer { workspace.forward(network, input: $0.baseAddress!, rows: rows, threads: 1) }
        let logits = workspace.activations[3]
        var targets = [Float](repeating: 0, count: rows)
        _ = try logits.withUnsafeBufferPointer { z in
            try labels.withUnsafeBufferPointer { y in
                try targets.withUnsafeMutableBufferPointer { t in
                    try workspace.deltas[2].withUnsafeMutableBufferPointer { g in
                        try loss.lossAndGradient(logits: z, labels: y, targets: t, rows: rows, gradient: g)
                    }
                }
            }
        }
        workspace.backward(network, rows: rows, threads: 1)

        let h: Float = 1e-3
        for l in 0..<3 {
            for i in network.layers[l].weights.indices {
                var plus = network, minus = network
                plus.layers[l].weights[i] += h
                minus.layers[l].weights[i] -= h
                let numeric = (try batchLoss(plus, loss, x: x, labels: labels, rows: rows)
                    - batchLoss(minus, loss, x: x, labels: labels, rows: rows)) / (2 * h)
                let analytic = workspace.weightGradients[l][i]
                #expect(abs(numeric - analytic) <= 2e-3 + 2e-2 * abs(analytic), "layer \(l) weight \(i): \(analytic) vs \(numeric)")
            }
            for i in network.layers[l].bias.indices {
                var plus = network, minus = network
                plus.layers[l].bias[i] += h
                minus.layers[l].bias[i] -= h
                let numeric = (try batchLoss(plus, loss, x: x, labels: labels, rows: rows)
                    - batchLoss(minus, loss, x: x, labels: labels, rows: rows)) / (2 * h)
                let analytic = workspace.biasGradients[l][i]
                #expect(abs(numeric - analytic) <= 2e-3 + 2e-2 * abs(analytic), "layer \(l) bias \(i): \(analytic) vs \(numeric)")
            }
        }
    }
}
