import Foundation
@testable import FocalTraining
import Testing

/// The two initialisations of an MLP's layers.
@Suite("Training: weight initialisation")
struct TrainingInitializationTests {
    /// The population standard deviation of `values`, in Double.
    func deviation(_ values: [Float]) -> Double {
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        return (values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)).squareRoot()
    }

    @Test("He-normal: sd √(2/fan_in), zero hidden biases; uniform: within ±1/√fan_in, sd 1/√(3 fan_in), uniform hidden biases; the output bias as given")
    func initialisations() {
        let fanIn = 50, hidden = 400
        var generator = SeededGenerator(seed: 1)
        let he = Network(architecture: .mlp(hidden: [hidden]), inputCount: fanIn, outputBias: [0.25], generator: &generator)
        #expect(abs(deviation(he.layers[0].weights) / (2 / Double(fanIn)).squareRoot() - 1) < 0.03)
        #expect(he.layers[0].bias.allSatisfy { $0 == 0 })
        #expect(he.layers[1].bias == [0.25])
        generator = SeededGenerator(seed: 1)
        let uniform = Network(architecture: .mlp(hidden: [hidden]), inputCount: fanIn, outputBias: [0.25], initialization: .uniform,
                              generator: &generator)
        let bound = 1 / Double(fanIn).squareRoot()
        #expect(uniform.layers[0].weights.allSatisfy { abs(Double($0)) <= bound })
        #expect(abs(deviation(uniform.layers[0].weights) / (bound / 3.0.squareRoot()) - 1) < 0.03)
        #expect(uniform.layers[0].bias.allSatisfy { abs(Double($0)) <= bound } && Set(uniform.layers[0].bias).count > hidden / 2)
        #expect(uniform.layers[1].weights.allSatisfy { abs(Double($0)) <= 1 / Double(hidden).squareRoot() })
        #expect(uniform.layers[1].bias == [0.25])
        // Logistic regression ignores the choice: N(0, 0.01²) either way.
        var a = SeededGenerator(seed: 2), b = SeededGenerator(seed: 2)
        #expect(Network(architecture: .logistic, inputCount: 5, outputBias: [0], generator: &a)
            == Network(architecture: .logistic, inputCount: 5, outputBias: [0], initialization: .uniform, generator: &b))
    }
}
