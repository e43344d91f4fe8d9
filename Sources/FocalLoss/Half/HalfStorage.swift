/// The `Float16` entry points' pipeline: the input cut into slabs of whole α or class blocks,
/// each slab widened into `Float` scratch memory that stays in cache, run through the `Float`
/// entry point with the whole call's reduction, and its gradient rounded once to `Float16`.
///
/// A slab is about 32 Ki values (128 KiB of `Float` per array), so the widened slab, the `Float`
/// kernel's reads and writes and the rounding of its gradient stay in the second-level cache and
/// the call moves only the `Float16` bytes through memory, while the `Float` entry point's fixed
/// cost per call (checks and set-up) is spread over enough values to vanish: slabs of 4 Ki values
/// added a fifth to the softmax kernel's instructions (65536 x 1000 classes, callgrind). Slabs run
/// on one thread each, spread over the threads in fixed chunks (`chunkedSum`); they depend only
/// on the input's shape, so the loss is bit-identical whatever the number of threads.
struct HalfStorage {
    /// The values in a slab, about.
    static let slabValues = 1 << 15

    /// All values, and the row-major shape of the values and of the items (elements or
    /// positions) for the locations in errors.
    let valueShape: TensorShape
    let itemShape: TensorShape
    /// The values of one item (1, or the classes of a softmax position).
    let valuesPerItem: Int
    /// The values that a slab boundary must not split (a block of per-class α, a block of all
    /// classes of channels-first positions).
    let block: Int
    /// The most threads the call may use; `nil` means one per processor.
    let threads: Int?

    /// The mean's normalizer for a `.mean` reduction whose denominator is `denominator`:
    /// `.normalized(by:)` over the whole call, or `.sum` when nothing counts (every weight 0 or
    /// every position ignored), whose loss and gradient are then 0.
    static func slabReduction(_ reduction: FocalReduction, denominator: () -> Double) -> FocalReduction {
        guard case .mean = reduction else { return reduction }
        let total = denominator()
        return total > 0 ? .normalized(by: total) : .sum
    }

    /// Runs `body` over each slab with the slab's values range, its predictions widened to
    /// `Float`, when `gradient` is given a `Float` gradient buffer (then rounded once into
    /// `gradient` after multiplying by `gradientScale`), and scratch memory of ``slabCapacity``
    /// values for the slab's other arrays. `body` runs on one thread per slab and several slabs
    /// at once. Returns the sum of the slabs' losses.
    ///
    /// - Throws: A bad `gradientScale` or gradient count, the first slab's error with its
    ///   location moved from the slab to the whole input, or an entry of the scaled gradient
    ///   beyond `Float16`'s range (naming `gradientScale` and the entry).
    func run(
        _ predictions: UnsafeBufferPointer<Float16>, gradient: UnsafeMutableBufferPointer<Float16>?, gradientScale: Float,
        _ body: (Range<Int>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>)
            throws(FocalLossError) -> Float
    ) throws(FocalLossError) -> Float {
        guard gradientScale.isFinite, gradientScale > 0 else {
            throw .invalidParameter(name: "gradientScale", value: Double(gradientScale), requirement: "must be finite and > 0")
        }
        if let gradient { try Validation.count(gradient.count, expected: predictions.count, argument: "gradient") }
        let count = predictions.count, step = slabStep, capacity = slabCapacity
        let slabCount = (count + step - 1) / step
        let failures = UnsafeMutableBufferPointer<FocalLossError?>.allocate(capacity: slabCount)
        failures.initialize(repeating: nil)
        defer { failures.deallocate() }
        nonisolated(unsafe) let failed = failures
        let threadCount = count < FocalThreading.parallelThreshold ? 1 : (threads ?? FocalThreading.defaultThreadCount)
        // At most 16 chunks of slabs, each with its own scratch memory (allocated once per chunk).
        let total = chunkedSum(count: slabCount, granularity: max(1, slabCount / 16), threads: threadCount) { slabs in
            let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4 * capacity)
            defer { scratch.deallocate() }
            let x = UnsafeMutableBufferPointer(rebasing: scratch[0..<capacity])
            let g = UnsafeMutableBufferPointer(rebasing: scratch[capacity..<(2 * capacity)])
            let rest = UnsafeMutableBufferPointer(rebasing: scratch[(2 * capacity)...])
            var sum = 0.0
            for slab in slabs {
                let start = slab * step, end = min(count, start + step)
                do throws(FocalLossError) {
                    sum += Double(try self.slab(start..<end, predictions, gradient, gradientScale, x, g, rest, body))
                } catch {
                    failed[slab] = error
                    return sum
                }
            }
            return sum
        }
        if let failure = failures.first(where: { $0 != nil }) { throw failure! }
        return Float(total)
    }

    /// One slab: widen, run `body`, round the gradient.
    private func slab(
        _ range: Range<Int>, _ predictions: UnsafeBufferPointer<Float16>, _ gradient: UnsafeMutableBufferPointer<Float16>?,
        _ gradientScale: Float, _ x: UnsafeMutableBufferPointer<Float>, _ g: UnsafeMutableBufferPointer<Float>,
        _ rest: UnsafeMutableBufferPointer<Float>,
        _ body: (Range<Int>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>)
            throws(FocalLossError) -> Float
    ) throws(FocalLossError) -> Float {
        let values = predictions.widened(range, into: x)
        let slabGradient = UnsafeMutableBufferPointer(rebasing: g[0..<range.count])
        let loss: Float
        do {
            loss = try body(range, values, gradient == nil ? nil : slabGradient, rest)
        } catch {
            throw moved(error, by: range.lowerBound)
        }
        if let gradient, let overflow = HalfConversion.narrow(
            g.baseAddress!, scale: gradientScale, into: gradient.baseAddress! + range.lowerBound, count: range.count) {
            throw .invalidElement(
                argument: "gradient", value: Double(g[overflow]) * Double(gradientScale),
                location: valueShape.location(ofOffset: range.lowerBound + overflow),
                requirement: "must fit Float16 (magnitude below 65520) once multiplied by gradientScale \(gradientScale); lower the scale")
        }
        return loss
    }

    /// The values in each slab but the last: a whole number of blocks.
    var slabStep: Int { max(block, Self.slabValues / block * block) }

    /// The most values a slab holds.
    var slabCapacity: Int { min(valueShape.count, slabStep) }

    /// A slab's error with its location in the whole input (values for predictions and targets,
    /// items for labels and weights).
    private func moved(_ error: FocalLossError, by valueStart: Int) -> FocalLossError {
        switch error {
        case .invalidElement(let argument, let value, let location, let requirement):
            let isItem = argument == "weights" && valuesPerItem > 1
            let offset = isItem ? valueStart / valuesPerItem + location.offset : valueStart + location.offset
            return .invalidElement(argument: argument, value: value,
                                   location: (isItem ? itemShape : valueShape).location(ofOffset: offset), requirement: requirement)
        case .labelOutOfRange(let label, let classCount, let location):
            return .labelOutOfRange(label: label, classCount: classCount,
                                    location: itemShape.location(ofOffset: valueStart / valuesPerItem + location.offset))
        default:
            return error
        }
    }
}

extension UnsafeBufferPointer<Float16> {
    /// `range` of the values widened into `scratch` (which holds at least `range.count`).
    func widened(_ range: Range<Int>, into scratch: UnsafeMutableBufferPointer<Float>) -> UnsafeBufferPointer<Float> {
        HalfConversion.widen(baseAddress! + range.lowerBound, into: scratch.baseAddress!, count: range.count)
        return UnsafeBufferPointer<Float>(UnsafeMutableBufferPointer(rebasing: scratch[0..<range.count]))
    }

    /// The sum of the values in `Double`, or of those whose index `isCounted`.
    func total(where isCounted: (Int) -> Bool = { _ in true }) -> Double {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 1024) { scratch in
            var sum = 0.0
            var start = 0
            while start < count {
                let end = Swift.min(count, start + 1024)
                let values = widened(start..<end, into: scratch)
                for index in start..<end where isCounted(index) { sum += Double(values[index - start]) }
                start = end
            }
            return sum
        }
    }
}
