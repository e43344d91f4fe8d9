import FocalLoss
import FocalTestSupport
import Foundation
import Testing

/// Layouts, ignore index, smoothing, target forms, extreme logits and the gradient's consistency.
@Suite("Softmax focal loss: layouts, targets and special cases")
struct SoftmaxSpecialCaseTests {
    /// A random channels-first problem `(n, c, h, w)` and its class-last transpose `(n, h, w, c)`.
    static func problem(n: Int, c: Int, h: Int, w: Int, seed: UInt64) -> (first: [Double], last: [Double], labels: [Int]) {
        var rng = SplitMix64(seed: seed)
        let first = (0..<(n * c * h * w)).map { _ in Double.random(in: -6...6, using: &rng) }
        var last = first
        for i in 0..<n { for k in 0..<c { for y in 0..<h { for x in 0..<w {
            last[((i * h + y) * w + x) * c + k] = first[((i * c + k) * h + y) * w + x]
        } } } }
        let labels = (0..<(n * h * w)).map { _ in Int.random(in: 0..<c, using: &rng) }
        return (first, last, labels)
    }

    @Test("Channels-first and class-last give identical results on transposed data", arguments: [0.0, 0.5, 2.0])
    func layoutsAgree(gamma: Double) throws {
        let (n, c, h, w) = (2, 7, 3, 5)
        let (first, last, labels) = Self.problem(n: n, c: c, h: h, w: w, seed: 21)
        let focal = try SoftmaxFocalLoss<Double>(gamma: gamma, alpha: .perClass((0..<c).map { 0.5 + Double($0) / 10 }), labelSmoothing: 0.05)
        let (lossFirst, gradientFirst) = try focal.lossAndGradient(first, shape: [n, c, h, w], classAxis: 1, labels: labels)
        let (lossLast, gradientLast) = try focal.lossAndGradient(last, shape: [n, h, w, c], classAxis: -1, labels: labels)
        #expect(lossFirst == lossLast)
        for i in 0..<n { for k in 0..<c { for y in 0..<h { for x in 0..<w {
            #expect(gradientFirst[((i * c + k) * h + y) * w + x] == gradientLast[((i * h + y) * w + x) * c + k])
        } } } }
        let elementsFirst = try focal.elementwiseLosses(first, shape: [n, c, h, w], classAxis: 1, labels: labels)
        let elementsLast = try focal.elementwiseLosses(last, shape: [n, h, w, c], classAxis: 3, labels: labels)
        #expect(elementsFirst == elementsLast)
    }

    @Test("Float vector kernels: channels-first and class-last agree to rounding", arguments: [0.0, 0.5, 2.0])
    func vectorLayoutsAgree(gamma: Double) throws {
        // No smoothing, integer labels: class-last takes the row kernel, channels-first the
        // column kernel (8 positions per vector, and the scalar kernel for the rest of a row).
        let (n, c, h, w) = (3, 21, 4, 5)
        let (first, last, labels) = Self.problem(n: n, c: c, h: h, w: w, seed: 22)
        var masked = labels
        masked[3] = -100
        masked[17] = -100
        let weights = (0..<(n * h * w)).map { Float($0 % 4) / 2 }
        let focal = try SoftmaxFocalLoss<Float>(gamma: Float(gamma), alpha: .perClass((0..<c).map { 0.5 + Float($0) / 10 }))
        let (lossFirst, gradientFirst) = try focal.lossAndGradient(
            first.map(Float.init), shape: [n, c, h, w], classAxis: 1, labels: masked, ignoreIndex: -100, weights: weights)
        let (lossLast, gradientLast) = try focal.lossAndGradient(
            last.map(Float.init), shape: [n, h, w, c], classAxis: -1, labels: masked, ignoreIndex: -100, weights: weights)
        expectClose(Double(lossFirst), Double(lossLast), rtol: 2e-6, atol: 0, "loss")
        let scale = Double(gradientLast.map(abs).max()!)
        for i in 0..<n { for k in 0..<c { for y in 0..<h { for x in 0..<w {
            let a = Double(gradientFirst[((i * c + k) * h + y) * w + x]), b = Double(gradientLast[((i * h + y) * w + x) * c + k])
            expectClose(a, b, rtol: 2e-6, atol: 1e-7 * scale, "gradient at \([i, k, y, x])")
        } } } }
        let double = try SoftmaxFocalLoss<Double>(gamma: gamma, alpha: .perClass((0..<c).map { 0.5 + Double($0) / 10 }))
        let reference = try double.loss(first, shape: [n, c, h, w], labels: masked, ignoreIndex: -100, weights: weights.map(Double.init))
        expectClose(Double(lossFirst), reference, rtol: 2e-6, atol: 0, "loss against Double")
    }

    @Test("Ignored positions give no loss, no gradient and no count")
    func ignoreIndex() throws {
        let (n, c, h, w) = (1, 4, 2, 3)
        let (x, _, labels) = Self.problem(n: n, c: c, h: h, w: w, seed: 5)
        var masked = labels.map { UInt8($0) }
        masked[1] = 255
        masked[4] = 255
        let focal = try SoftmaxFocalLoss<Double>(gamma: 2)
        let (loss, gradient) = try focal.lossAndGradient(x, shape: [n, c, h, w], labels: masked, ignoreIndex: 255)
        let kept = [0, 2, 3, 5]
        // The same positions as a class-last (4, C) problem without ignored ones.
        let subset = kept.flatMap { p in (0..<c).map { k in x[k * 6 + p] } }
        let (subsetLoss, subsetGradient) = try focal.lossAndGradient(subset, shape: [4, c], labels: kept.map { labels[$0] })
        expectClose(loss, subsetLoss, rtol: 1e-15, atol: 0, "mean over the positions not ignored")
        // The two layouts take different vector kernels (columns, rows), which round differently.
        for (row, p) in kept.enumerated() {
            for k in 0..<c { expectClose(gradient[k * 6 + p], subsetGradient[row * c + k], rtol: 1e-14, atol: 0, "gradient \(p), \(k)") }
        }
        for p in [1, 4] { for k in 0..<c { #expect(gradient[k * 6 + p] == 0) } }
        let losses = try focal.elementwiseLosses(x, shape: [n, c, h, w], labels: masked, ignoreIndex: 255)
        #expect(losses[1] == 0 && losses[4] == 0 && losses[0] > 0)

        let all = [UInt8](repeating: 255, count: 6)
        let (none, noneGradient) = try focal.lossAndGradient(x, shape: [n, c, h, w], labels: all, ignoreIndex: 255)
        #expect(none == 0 && noneGradient.allSatisfy { $0 == 0 }, "all ignored: 0, not NaN")
    }

    @Test("Label smoothing equals the smoothed one-hot target tensor; one-hot tensors equal labels")
    func smoothingAndOneHot() throws {
        let (x, _, labels) = Self.problem(n: 6, c: 5, h: 1, w: 1, seed: 9)
        let classes = 5
        let oneHot = labels.flatMap { y in (0..<classes).map { $0 == y ? 1.0 : 0.0 } }
        for gamma in [0.0, 1, 2] {
            let alpha: SoftmaxFocalLoss<Double>.Alpha = [0.5, 1, 1.5, 2, 0.25]
            let plain = try SoftmaxFocalLoss<Double>(gamma: gamma, alpha: alpha)
            let (fromLabels, labelGradient) = try plain.lossAndGradient(x, shape: [6, 5], labels: labels)
            let (fromTensor, tensorGradient) = try plain.lossAndGradient(x, shape: [6, 5], targets: oneHot)
            expectClose(fromTensor, fromLabels, rtol: 1e-14, atol: 0, "one-hot tensor vs labels, gamma \(gamma)")
            for i in x.indices { expectClose(tensorGradient[i], labelGradient[i], rtol: 1e-12, atol: 1e-16, "gradient[\(i)]") }

            let e = 0.1
            let smoothed = try SoftmaxFocalLoss<Double>(gamma: gamma, alpha: alpha, labelSmoothing: e)
            let smoothTargets = oneHot.map { (1 - e) * $0 + e / Double(classes) }
            let (fromSmoothing, smoothingGradient) = try smoothed.lossAndGradient(x, shape: [6, 5], labels: labels)
            let (fromSmoothTensor, smoothTensorGradient) = try plain.lossAndGradient(x, shape: [6, 5], targets: smoothTargets)
            expectClose(fromSmoothing, fromSmoothTensor, rtol: 1e-14, atol: 0, "smoothing vs smoothed tensor, gamma \(gamma)")
            for i in x.indices { expectClose(smoothingGradient[i], smoothTensorGradient[i], rtol: 1e-12, atol: 1e-16, "gradient[\(i)]") }
        }
    }

    @Test("Logit gaps of 1e3 and more stay finite for every gamma, Float and Double", arguments: [0.1, 0.25, 0.5, 0.9, 1, 2])
    func extremeLogits(gamma: Double) throws {
        let rows: [[Double]] = [[1e3, -1e3, 0], [-5e3, 5e3, 4999], [1e4, 1e4, -1e4], [88, -88, 3], [0, 0, 0]]
        let x = rows.flatMap { $0 }
        for labels in [[0, 0, 0, 0, 0], [1, 2, 2, 1, 1], [2, 0, 1, 2, 0]] {
            let double = try SoftmaxFocalLoss<Double>(gamma: gamma, alpha: 0.25)
            let (losses, gradient) = try double.elementwiseLossesAndGradient(x, shape: [5, 3], labels: labels)
            #expect(losses.allSatisfy { $0.isFinite } && gradient.allSatisfy { $0.isFinite })
            let smooth = try SoftmaxFocalLoss<Float>(gamma: Float(gamma), labelSmoothing: 0.1)
            let (lossesF, gradientF) = try smooth.elementwiseLossesAndGradient(x.map(Float.init), shape: [5, 3], labels: labels)
            #expect(lossesF.allSatisfy { $0.isFinite } && gradientF.allSatisfy { $0.isFinite })
            let soft = try SoftmaxFocalLoss<Float>(gamma: Float(gamma))
            let (mean, meanGradient) = try soft.lossAndGradient(x.map(Float.init), shape: [5, 3], targets: [Float](repeating: 1.0 / 3, count: 15))
            #expect(mean.isFinite && meanGradient.allSatisfy { $0.isFinite })
        }
    }

    @Test("Float vector kernels: exponentials near and below the normal range, both layouts")
    func tinyExponentials() throws {
        // One row: the label's logit is the top; the others lie 80 to 110 below it, where
        // e^gap crosses Float's normal range (-87.3) and its subnormal range (-103.3).
        let classes = 16
        let gaps = (0..<classes).map { $0 == 3 ? 0 : -80 - 2 * Double($0) }
        let others = gaps.indices.filter { $0 != 3 }.map { expl(Float80(gaps[$0])) }.reduce(0, +)
        func check(_ loss: Float, _ gradient: (Int) -> Float, _ layout: String) {
            // gamma 0: loss = log(1 + R) = R to Float precision, the gradient is p_c = e^gap_c
            // off the label (S = 1 + R rounds to 1) and -R/(1 + R) at it.
            expectClose(Double(loss), Double(others), rtol: 2e-6, atol: 4e-45, "\(layout) loss")
            for c in 0..<classes {
                let expected = c == 3 ? -Double(others) : Double(expl(Float80(gaps[c])))
                expectClose(Double(gradient(c)), expected, rtol: 2e-6, atol: 4e-45, "\(layout) gradient[\(c)], gap \(gaps[c])")
            }
        }
        let focal = try SoftmaxFocalLoss<Float>(gamma: 0)
        let row = gaps.map { Float($0 + 5) }
        // Class-last: 9 identical rows (8 go through the tail together, 1 alone).
        let (lastLoss, lastGradient) = try focal.lossAndGradient(
            Array([[Float]](repeating: row, count: 9).joined()), shape: [9, classes], classAxis: -1,
            labels: [Int](repeating: 3, count: 9), reduction: .sum)
        check(lastLoss / 9, { lastGradient[8 * classes + $0] }, "class-last")
        // Channels-first: 8 positions per class, one vector across positions.
        let first = row.flatMap { [Float](repeating: $0, count: 8) }
        let (firstLoss, firstGradient) = try focal.lossAndGradient(
            first, shape: [1, classes, 8], labels: [Int](repeating: 3, count: 8), reduction: .sum)
        check(firstLoss / 8, { firstGradient[$0 * 8 + 5] }, "channels-first")
    }

    @Test("The fused gradient is the derivative of the loss the library computes", arguments: 0..<12)
    func finiteDifferences(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(1000 + seed))
        let classes = [2, 3, 7, 40][seed % 4]
        let shape = seed % 2 == 0 ? [3, classes] : [2, classes, 3]
        let count = shape.reduce(1, *)
        let x = (0..<count).map { _ in Double.random(in: -4...4, using: &rng) }
        let positions = count / classes
        let labels = (0..<positions).map { _ in Int.random(in: 0..<classes, using: &rng) }
        let weights = (0..<positions).map { _ in Double.random(in: 0...2, using: &rng) }
        let focal = try SoftmaxFocalLoss<Double>(gamma: [0, 0.5, 1.5, 2][seed % 4], alpha: 0.5, labelSmoothing: seed % 3 == 0 ? 0.1 : 0)
        let (_, gradient) = try focal.lossAndGradient(x, shape: shape, labels: labels, weights: weights)
        let scale = gradient.map(abs).max()!
        for i in x.indices {
            let h = 1e-6
            var plus = x, minus = x
            plus[i] += h
            minus[i] -= h
            let difference = (try focal.loss(plus, shape: shape, labels: labels, weights: weights)
                - focal.loss(minus, shape: shape, labels: labels, weights: weights)) / (2 * h)
            expectClose(gradient[i], difference, rtol: 1e-6, atol: 1e-7 * scale, "gradient[\(i)]")
        }
    }

    @Test("The gradient buffer is reused and the buffer forms agree with the array forms")
    func buffers() throws {
        let (x, _, labels) = Self.problem(n: 4, c: 6, h: 2, w: 2, seed: 33)
        let focal = try SoftmaxFocalLoss<Double>(gamma: 2)
        var gradient = [Double]()
        _ = try focal.lossAndGradient(x, shape: [4, 6, 2, 2], labels: labels, gradient: &gradient)
        let address = gradient.withUnsafeBufferPointer { $0.baseAddress }
        let loss = try focal.lossAndGradient(x, shape: [4, 6, 2, 2], labels: labels, gradient: &gradient)
        #expect(gradient.withUnsafeBufferPointer { $0.baseAddress } == address)
        let int32 = labels.map { Int32($0) }
        let unchecked = try x.withUnsafeBufferPointer { xs in
            try int32.withUnsafeBufferPointer { ys in
                try focal.uncheckedLossAndGradient(xs, shape: [4, 6, 2, 2], labels: ys, gradient: nil)
            }
        }
        #expect(unchecked == loss)
    }
}
