@testable import FocalTraining
import Testing

@Suite("Training: matrix products")
struct TrainingMatrixTests {
    /// The product in Double, summed in the same order.
    func reference(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { c[i * n + j] += Double(a[i * k + p]) * Double(b[p * n + j]) } } }
        return c
    }

    @Test("A small product computed by hand")
    func byHand() {
        // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
        var c = [Float](repeating: 0, count: 4)
        MatrixMultiply.multiply([1, 2, 3, 4], [5, 6, 7, 8], into: &c, m: 2, n: 2, k: 2, threads: 1)
        #expect(c == [19, 22, 43, 50])
        MatrixMultiply.multiply([1, 2, 3, 4], [5, 6, 7, 8], into: &c, m: 2, n: 2, k: 2, accumulate: true, threads: 1)
        #expect(c == [38, 44, 86, 100])
    }

    @Test("Odd shapes agree with a Double reference and are bit-identical across thread counts",
          arguments: [(1, 1, 1), (5, 9, 3), (13, 17, 33), (70, 64, 30), (257, 30, 64), (64, 1, 32)])
    func shapes(m: Int, n: Int, k: Int) {
        var generator = SeededGenerator(seed: UInt64(m * 1000 + n * 10 + k))
        let a = (0..<(m * k)).map { _ in Float(generator.nextGaussian()) }
        let b = (0..<(k * n)).map { _ in Float(generator.nextGaussian()) }
        var one = [Float](repeating: 0, count: m * n)
        var many = one
        MatrixMultiply.multiply(a, b, into: &one, m: m, n: n, k: k, threads: 1)
        MatrixMultiply.multiply(a, b, into: &many, m: m, n: n, k: k, threads: 7)
        #expect(one == many)
        let expected = reference(a, b, m: m, n: n, k: k)
        for index in one.indices {
            #expect(abs(Double(one[index]) - expected[index]) <= 1e-5 * Double(k), "element \(index)")
        }
    }

    @Test("Transpose")
    func transpose() {
        var t = [Float](repeating: 0, count: 6)
        MatrixMultiply.transpose([1, 2, 3, 4, 5, 6], rows: 2, columns: 3, into: &t)
        #expect(t == [1, 4, 2, 5, 3, 6])
    }
}
