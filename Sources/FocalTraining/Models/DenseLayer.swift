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
    /// - Throws: ``TrainingError/invalidSetting(name:value:requirement:)`` when the counts do not
    ///   match or a value is not finite.
    public init(inputs: Int, outputs: Int, weights: [Float], bias: [Float]) throws(TrainingError) {
        guard inputs > 0, outputs > 0, inputs.multipliedReportingOverflow(by: outputs) == (weights.count, false),
              bias.count == outputs else {
            throw .invalidSetting(name: "layer", value: "\(outputs)x\(inputs) with \(weights.count) weights and \(bias.count) biases",
                                  requirement: "must hold outputs x inputs weights and one bias per output")
        }
        guard weights.allSatisfy(\.isFinite), bias.allSatisfy(\.isFinite) else {
            throw .invalidSetting(name: "layer", value: "\(outputs)x\(inputs)", requirement: "must hold finite values")
        }
        self.inputs = inputs
        self.outputs = outputs
        self.weights = weights
        self.bias = bias
    }

    /// A layer with weights drawn from `N(0, standardDeviation²)` and the given biases.
    init(inputs: Int, outputs: Int, standardDeviation: Double, bias: [Float], generator: inout SeededGenerator) {
        self.inputs = inputs
        self.outputs = outputs
        self.weights = (0..<(inputs * outputs)).map { _ in Float(generator.nextGaussian() * standardDeviation) }
        self.bias = bias
    }
}
