import FocalLoss
import Testing

/// `Float` logits are checked inside the vector kernels' pass rather than by a scan before it.
/// Whatever the position of a bad element (first lane, middle of a vector, the partial vector at
/// the end, a later chunk of a multi-threaded call) the error must be the same as the scan's: the
/// first bad element, with its value and index.
@Suite("Checks inside the fused pass")
struct FusedValidationTests {
    /// Counts that end on a partial vector, and one large enough to run on several threads.
    static let counts = [13, 1001, 70_003]

    @Test("Sigmoid: bad logits and targets anywhere are found and named", arguments: counts)
    func sigmoid(count: Int) throws {
        let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
        let x = (0..<count).map { Float($0 % 17) - 8 }
        let t = (0..<count).map { Float($0 % 3 == 0 ? 1 : 0) }
        let offsets = Set([0, 5, 8, count / 2 + 3, count - 1])
        for offset in offsets.sorted() {
            for value: Float in [.nan, .infinity, -.infinity] {
                var bad = x
                bad[offset] = value
                // A second bad element later on: the first must be the one reported.
                if offset + 9 < count { bad[offset + 9] = .nan }
                var gradient = [Float]()
                #expect(errorMessage { _ = try focal.lossAndGradient(bad, targets: t, gradient: &gradient) }
                        == "logits: value \(value) at index \(offset) is not finite")
                #expect(errorMessage { _ = try focal.elementwiseLosses(bad, targets: t) }
                        == "logits: value \(value) at index \(offset) is not finite")
            }
            for value: Float in [1.5, -0.25, .nan] {
                var bad = t
                bad[offset] = value
                #expect(errorMessage { _ = try focal.loss(x, targets: bad) }
                        == "targets: value \(value) at index \(offset) is outside [0, 1]")
            }
        }
        // Logits are reported before targets, as the scan does.
        var badX = x, badT = t
        badX[count - 1] = .nan
        badT[0] = 2
        #expect(errorMessage { _ = try focal.loss(badX, targets: badT) } == "logits: value nan at index \(count - 1) is not finite")
        // Good input passes and the unchecked entry point agrees with the checked one.
        let checked = try focal.loss(x, targets: t)
        let unchecked = try x.withUnsafeBufferPointer { xs in
            try t.withUnsafeBufferPointer { ts in
                try focal.uncheckedLossAndGradient(xs, targets: ts, gradient: nil)
            }
        }
        #expect(checked.isFinite && checked == unchecked)
    }

    @Test("Softmax: bad logits anywhere are found and named, both layouts", arguments: [3, 8, 80, 1000])
    func softmax(classes: Int) throws {
        let focal = try SoftmaxFocalLoss<Float>(gamma: 2)
        for (rows, layout) in [(1237, "class-last"), (40, "channels-first")] {
            let inner = layout == "class-last" ? 1 : 11
            let shape = layout == "class-last" ? [rows, classes] : [rows, classes, inner]
            let count = rows * classes * inner
            let x = (0..<count).map { Float($0 % 23) * 0.25 - 2 }
            let labels = (0..<(rows * inner)).map { Int32($0 % classes) }
            let axis = layout == "class-last" ? -1 : 1
            for offset in Set([0, 7, count / 2 + 1, count - 1]).sorted() {
                var bad = x
                bad[offset] = offset % 2 == 0 ? .nan : -.infinity
                let expected = try #require(errorMessage {
                    _ = try SoftmaxFocalLoss<Double>(gamma: 2).loss(bad.map(Double.init), shape: shape, classAxis: axis, labels: labels)
                })
                #expect(errorMessage { _ = try focal.loss(bad, shape: shape, classAxis: axis, labels: labels) } == expected,
                        "\(layout), \(classes) classes, offset \(offset)")
                var gradient = [Float]()
                #expect(errorMessage {
                    _ = try focal.lossAndGradient(bad, shape: shape, classAxis: axis, labels: labels, gradient: &gradient)
                } == expected)
            }
            #expect(try focal.loss(x, shape: shape, classAxis: axis, labels: labels).isFinite)
        }
        // Logits of ignored and zero-weight rows are checked all the same.
        let rows = 20
        var x = [Float](repeating: 0.5, count: rows * classes)
        x[5 * classes + classes - 1] = .nan
        x[9 * classes] = .infinity
        var labels = [Int32](repeating: 0, count: rows)
        labels[5] = -100
        #expect(errorMessage { _ = try focal.loss(x, shape: [rows, classes], classAxis: -1, labels: labels, ignoreIndex: -100) }
                == "logits: value nan at index \(5 * classes + classes - 1) (position [5, \(classes - 1)]) is not finite")
        x[5 * classes + classes - 1] = 0
        var weights = [Float](repeating: 1, count: rows)
        weights[9] = 0
        #expect(errorMessage { _ = try focal.loss(x, shape: [rows, classes], classAxis: -1, labels: labels, ignoreIndex: -100, weights: weights) }
                == "logits: value inf at index \(9 * classes) (position [9, 0]) is not finite")
    }
}
