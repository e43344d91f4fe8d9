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
    /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` when there is no layer
    ///   or the sizes do not chain.
    public init(layers: [DenseLayer]) throws(TrainingError) {
        guard !layers.isEmpty else { throw .invalidSetting(parameter: .layers, value: "[]", requirement: "must hold at least one layer") }
        for index in 1..<layers.count where layers[index].inputs != layers[index - 1].outputs {
            throw .invalidSetting(parameter: .layers, value: "layer \(index) has \(layers[index].inputs) inputs",
                                  requirement: "must have \(layers[index - 1].outputs) inputs, the previous layer's outputs")
        }
        self.layers = layers
    }

    /// A freshly initialised network: He-normal weights (`N(0, 2 / fan_in)`) in every layer of an
    /// MLP, zero hidden biases, and the given output biases (the prior initialisation of
    /// RetinaNet, so the first predictions centre on the prior); or, with
    /// ``WeightInitialization/uniform``, PyTorch's default uniform weights and hidden biases.
    /// Logistic regression starts from small weights, `N(0, 0.01²)`, as RetinaNet's
    /// classification head, so its first predictions are the prior itself.
    ///
    /// - Parameters:
    ///   - architecture: Logistic regression or an MLP.
    ///   - inputCount: The number of features.
    ///   - outputBias: The biases of the output layer; their count is the number of logits.
    ///   - initialization: How an MLP's layers start (default He-normal).
    ///   - generator: The source of the random weights.
    public init(
        architecture: ModelArchitecture, inputCount: Int, outputBias: [Float],
        initialization: WeightInitialization = .heNormal, generator: inout SeededGenerator
    ) {
        var layers = [DenseLayer]()
        var width = inputCount
        func layer(inputs: Int, outputs: Int, bias: [Float]?) -> DenseLayer {
            switch initialization {
            case .heNormal:
                return DenseLayer(inputs: inputs, outputs: outputs, standardDeviation: (2 / Double(inputs)).squareRoot(),
                                  bias: bias ?? [Float](repeating: 0, count: outputs), generator: &generator)
            case .uniform:
                return DenseLayer(inputs: inputs, outputs: outputs, uniformBound: 1 / Double(inputs).squareRoot(),
                                  bias: bias, generator: &generator)
            }
        }
        for hidden in architecture.hiddenSizes {
            layers.append(layer(inputs: width, outputs: hidden, bias: nil))
            width = hidden
        }
        if architecture.hiddenSizes.isEmpty {
            layers.append(DenseLayer(inputs: width, outputs: outputBias.count, standardDeviation: 0.01, bias: outputBias,
                                     generator: &generator))
        } else {
            layers.append(layer(inputs: width, outputs: outputBias.count, bias: outputBias))
        }
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

extension Network {
    /// Why the layers of a decoded network cannot be used, or `nil`: no layer, a size that is not
    /// positive, a weight count that does not match (or overflows) its layer's size, sizes that do
    /// not chain, or a non-finite value. A model file is user input, so each is checked before any
    /// size is used.
    func layerProblem() -> String? {
        if layers.isEmpty { return "the network has no layer" }
        for (index, layer) in layers.enumerated() {
            guard layer.inputs > 0, layer.outputs > 0 else {
                return "layer \(index) has \(layer.inputs) inputs and \(layer.outputs) outputs (both must be > 0)"
            }
            let (count, overflow) = layer.inputs.multipliedReportingOverflow(by: layer.outputs)
            if overflow || layer.weights.count != count || layer.bias.count != layer.outputs {
                return "layer \(index) does not hold \(layer.outputs) x \(layer.inputs) weights and \(layer.outputs) biases"
            }
            if index > 0, layer.inputs != layers[index - 1].outputs {
                return "layer \(index) has \(layer.inputs) inputs, but layer \(index - 1) has \(layers[index - 1].outputs) outputs"
            }
            if !(layer.weights.allSatisfy(\.isFinite) && layer.bias.allSatisfy(\.isFinite)) {
                return "layer \(index) holds a non-finite weight"
            }
        }
        return nil
    }
}
