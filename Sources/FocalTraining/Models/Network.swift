import Foundation

/// The layers of a classifier, from the (standardised) features to the output logits.
///
/// Hidden layers are followed by ReLU; the last layer's outputs are logits: one for a sigmoid
/// head (two classes), one per class for a softmax head.
public struct Network: Sendable, Hashable, Codable {
    /// The layers, from the input.
    public internal(set) var layers: [DenseLayer]

    /// The number of input features.
    public var inputCount: Int { layers[0].inputs }
    /// The number of logits per example.
    public var outputCount: Int { layers[layers.count - 1].outputs }

    /// Creates a network from layers whose sizes chain (each layer's inputs are the previous
    /// layer's outputs).
    ///
    /// - Throws: ``TrainingError/invalidSetting(name:value:requirement:)`` when there is no layer
    ///   or the sizes do not chain.
    public init(layers: [DenseLayer]) throws(TrainingError) {
        guard !layers.isEmpty else { throw .invalidSetting(name: "layers", value: "[]", requirement: "must hold at least one layer") }
        for index in 1..<layers.count where layers[index].inputs != layers[index - 1].outputs {
            throw .invalidSetting(name: "layers", value: "layer \(index) has \(layers[index].inputs) inputs",
                                  requirement: "must have \(layers[index - 1].outputs) inputs, the previous layer's outputs")
        }
        self.layers = layers
    }

    /// A freshly initialised network: He-normal weights (`N(0, 2 / fan_in)`) in every layer of an
    /// MLP, zero hidden biases, and the given output biases (the prior initialisation of
    /// RetinaNet, so the first predictions centre on the prior). Logistic regression starts from
    /// small weights, `N(0, 0.01²)`, as RetinaNet's classification head, so its first predictions
    /// are the prior itself.
    ///
    /// - Parameters:
    ///   - architecture: Logistic regression or an MLP.
    ///   - inputCount: The number of features.
    ///   - outputBias: The biases of the output layer; their count is the number of logits.
    ///   - generator: The source of the random weights.
    public init(architecture: ModelArchitecture, inputCount: Int, outputBias: [Float], generator: inout SeededGenerator) {
        var layers = [DenseLayer]()
        var width = inputCount
        for hidden in architecture.hiddenSizes {
            layers.append(DenseLayer(
                inputs: width, outputs: hidden, standardDeviation: (2 / Double(width)).squareRoot(),
                bias: [Float](repeating: 0, count: hidden), generator: &generator))
            width = hidden
        }
        layers.append(DenseLayer(
            inputs: width, outputs: outputBias.count,
            standardDeviation: architecture.hiddenSizes.isEmpty ? 0.01 : (2 / Double(width)).squareRoot(),
            bias: outputBias, generator: &generator))
        self.layers = layers
    }

    /// The logits of `rowCount` examples (row-major, `rowCount * outputCount` values).
    ///
    /// - Parameters:
    ///   - features: Standardised features, row-major, `rowCount * inputCount` values.
    ///   - rowCount: The number of examples.
    ///   - threads: The most threads to use (default: one per processor); results do not depend on it.
    public func logits(_ features: [Float], rowCount: Int, threads: Int? = nil) -> [Float] {
        precondition(features.count == rowCount * inputCount, "features must hold rowCount x inputCount values")
        var workspace = NetworkWorkspace(network: self, batchCapacity: max(1, min(rowCount, 4096)))
        var result = [Float](repeating: 0, count: rowCount * outputCount)
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        var start = 0
        while start < rowCount {
            let rows = min(workspace.batchCapacity, rowCount - start)
            features.withUnsafeBufferPointer { x in
                workspace.forward(self, input: x.baseAddress! + start * inputCount, rows: rows, threads: threadCount)
            }
            let output = workspace.activations[layers.count]
            result.replaceSubrange((start * outputCount)..<((start + rows) * outputCount),
                                   with: output[0..<(rows * outputCount)])
            start += rows
        }
        return result
    }
}
