import FocalLoss
import Testing

/// Class-balanced weights against values worked out by hand, and their errors.
@Suite("Class-balanced weights")
struct ClassBalancedWeightsTests {
    @Test("Inverse frequency: 1/6 : 1/3 : 1/2 is 0.5, 1, 1.5 (sum 3), in Double and Float")
    func inverseFrequency() throws {
        let double: [Double] = try ClassBalancedWeights.inverseFrequency(counts: [6, 3, 2])
        #expect(zip(double, [0.5, 1, 1.5]).allSatisfy { abs($0 - $1) <= 1e-15 })
        let float: [Float] = try ClassBalancedWeights.inverseFrequency(counts: [6, 3, 2])
        #expect(zip(float, [0.5, 1, 1.5]).allSatisfy { abs($0 - $1) <= 1e-7 })
        let balanced: [Double] = try ClassBalancedWeights.inverseFrequency(counts: [7, 7, 7, 7])
        #expect(balanced == [1, 1, 1, 1])
    }

    @Test("Effective number: (1 - β)/(1 - β^n) with β 0.5 on counts 1, 2 is 1 : 2/3, i.e. 1.2, 0.8")
    func effectiveNumber() throws {
        let weights: [Double] = try ClassBalancedWeights.effectiveNumber(counts: [1, 2], beta: 0.5)
        #expect(abs(weights[0] - 1.2) <= 1e-15 && abs(weights[1] - 0.8) <= 1e-15)
        let equal: [Double] = try ClassBalancedWeights.effectiveNumber(counts: [5, 500], beta: 0)
        #expect(equal == [1, 1])
        // β → 1 tends to the inverse frequency: 90 and 10 examples give 0.2 and 1.8.
        let nearOne: [Double] = try ClassBalancedWeights.effectiveNumber(counts: [90, 10], beta: 1 - 1e-9)
        #expect(abs(nearOne[0] - 0.2) <= 1e-6 && abs(nearOne[1] - 1.8) <= 1e-6)
        // Counts far beyond 1 / (1 - β): the weights tend to equal, and stay finite.
        let large: [Float] = try ClassBalancedWeights.effectiveNumber(counts: [1_000_000_000, 2_000_000_000], beta: 0.9)
        #expect(large == [1, 1])
    }

    @Test("An empty class, no class, a negative count and a bad β are typed errors")
    func errors() {
        #expect(errorMessage { let _: [Double] = try ClassBalancedWeights.inverseFrequency(counts: [4, 0, 2]) }
            == "counts: value 0.0 at index 1 must be > 0: a class with no example has no balanced weight")
        #expect(errorMessage { let _: [Float] = try ClassBalancedWeights.effectiveNumber(counts: [3, -1], beta: 0.9) }
            == "counts: value -1.0 at index 1 must be > 0: a class with no example has no balanced weight")
        #expect(errorMessage { let _: [Double] = try ClassBalancedWeights.inverseFrequency(counts: []) }
            == "counts: is empty; at least one element is needed")
        #expect(errorMessage { let _: [Double] = try ClassBalancedWeights.effectiveNumber(counts: [3, 4], beta: 1) }
            == "beta: value 1.0 must be in [0, 1)")
        #expect(errorMessage { let _: [Double] = try ClassBalancedWeights.effectiveNumber(counts: [3, 4], beta: .nan) }
            == "beta: value nan must be in [0, 1)")
    }
}
