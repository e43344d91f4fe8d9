/// A fully connected layer `y = W x + b`, its weights stored row-major as `outputs x inputs`.
public struct DenseLayer: Sendable, Hashable, Codable {
    /// The number of inputs.
    public let inputs: Int
    /// The number of outputs.
    public let outputs: Int
    /// The weights, row-major: `weights[o * inputs + i]`.
    public internal(set) var weights: [Float]
    /// The biases, one per output.
    public internal(set) var bias: [Float]

    /// Creates a layer from its weights and biases.
    ///
    /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` naming
    ///   ``TrainingParameter/weights`` or ``TrainingParameter/bias`` when a count does not match the
    ///   sizes (or a size is not positive) or a value is not finite.
    public init(inputs: Int, outputs: Int, weights: [Float], bias: [Float]) throws(TrainingError) {
        guard inputs > 0, outputs > 0, inputs.multipliedReportingOverflow(by: outputs) == (weights.count, false) else {
            throw .invalidSetting(parameter: .weights, value: "\(weights.count) values for \(outputs) outputs x \(inputs) inputs",
                                  requirement: "must hold outputs x inputs values, with both sizes > 0")
        }
        guard bias.count == outputs else {
            throw .invalidSetting(parameter: .bias, value: "\(bias.count) values for \(outputs) outputs",
                                  requirement: "must hold one value per output")
        }
        for (parameter, values) in [(TrainingParameter.weights, weights), (.bias, bias)] {
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                throw .invalidSetting(parameter: parameter, value: "\(values[index]) at index \(index)", requirement: "must be finite")
            }
        }
        self.inputs = inputs
        self.outputs = outputs
        self.weights = weights
        self.bias = bias
    }

    /// A layer with weights and biases drawn uniformly from `[-bound, bound]`.
    init(inputs: Int, outputs: Int, uniformBound bound: Double, bias: [Float]?, generator: inout SeededGenerator) {
        self.inputs = inputs
        self.outputs = outputs
        self.weights = (0..<(inputs * outputs)).map { _ in Float((2 * generator.nextUnit() - 1) * bound) }
        self.bias = bias ?? (0..<outputs).map { _ in Float((2 * generator.nextUnit() - 1) * bound) }
    }

    /// A layer with weights drawn from `N(0, standardDeviation²)` and the given biases.
    init(inputs: Int, outputs: Int, standardDeviation: Double, bias: [Float], generator: inout SeededGenerator) {
        self.inputs = inputs
        self.outputs = outputs
        self.weights = (0..<(inputs * outputs)).map { _ in Float(generator.nextGaussian() * standardDeviation) }
        self.bias = bias
    }
}
