import FocalLoss
import FocalTestSupport
import Testing

/// The loss is bit-identical whatever the number of threads, and so is the gradient.
@Suite("Threads")
struct ThreadingTests {
    static let rows = 3000  // 3000 x 80 = 240,000 values, above the parallel threshold

    @Test("Sigmoid: 1, 2 and 3 threads give the same bits", arguments: [Float(2), 1.5])
    func sigmoid(gamma: Float) throws {
        var rng = SplitMix64(seed: 77)
        let count = Self.rows * 80
        #expect(count > FocalThreading.parallelThreshold)
        let x = (0..<count).map { _ in Float.random(in: -6...6, using: &rng) }
        let t = (0..<count).map { _ in Float.random(in: 0...1, using: &rng) < 0.02 ? Float(1) : 0 }
        let w = (0..<count).map { _ in Float.random(in: 0...1, using: &rng) }
        var results = [(Float, [Float])]()
        var doubles = [Double]()
        for threads in [1, 2, 3] {
            let focal = try SigmoidFocalLoss<Float>(gamma: gamma, alpha: .perClass((0..<80).map { Float($0) / 80 }, classAxis: -1), threads: threads)
            results.append(try focal.lossAndGradient(x, targets: t, shape: [Self.rows, 80], weights: w))
            doubles.append(try SigmoidFocalLoss<Double>(gamma: Double(gamma), threads: threads)
                .loss(x.map(Double.init), targets: t.map(Double.init), reduction: .sum))
        }
        for result in results.dropFirst() {
            #expect(result.0.bitPattern == results[0].0.bitPattern)
            #expect(result.1 == results[0].1)
        }
        #expect(doubles.allSatisfy { $0.bitPattern == doubles[0].bitPattern })
    }

    @Test("Softmax: 1, 2 and 3 threads give the same bits, both layouts")
    func softmax() throws {
        var rng = SplitMix64(seed: 78)
        let count = Self.rows * 80
        let x = (0..<count).map { _ in Float.random(in: -6...6, using: &rng) }
        let labels = (0..<Self.rows).map { _ in Int16.random(in: 0..<80, using: &rng) }
        for (shape, axis) in [([Self.rows, 80], -1), ([Self.rows / 3, 80, 3], 1)] {
            var results = [(Float, [Float])]()
            for threads in [1, 2, 3] {
                let focal = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: .constant(0.5), threads: threads)
                results.append(try focal.lossAndGradient(x, shape: shape, classAxis: axis, labels: labels))
            }
            for result in results.dropFirst() {
                #expect(result.0.bitPattern == results[0].0.bitPattern)
                #expect(result.1 == results[0].1)
            }
        }
    }
}
