/// The `Float16` entry points' pipeline: the input cut into slabs of whole α or class blocks,
/// each slab widened into `Float` scratch memory that stays in cache, run through the `Float`
/// entry point with the whole call's reduction, and its gradient rounded once to `Float16`.
///
/// A slab is about 128 Ki values (half a MiB of `Float` per array), so the `Float` kernels read
/// and write cache rather than memory, and the call moves only the `Float16` bytes. The slabs
/// depend only on the input's shape, so the loss is bit-identical whatever the number of threads.
struct HalfStorage {
    /// The values in a slab, about.
    static let slabValues = 1 << 17

    /// All values, and the row-major shape of the values and of the items (elements or
    /// positions) for the locations in errors.
    let valueShape: TensorShape
    let itemShape: TensorShape
    /// The values of one item (1, or the classes of a softmax position).
    let valuesPerItem: Int
    /// The values that a slab boundary must not split (a block of per-class α, a block of all
    /// classes of channels-first positions).
    let block: Int

    /// The mean's normalizer for a `.mean` reduction whose denominator is `denominator`:
    /// `.normalized(by:)` over the whole call, or `.sum` when nothing counts (every weight 0 or
    /// every position ignored), whose loss and gradient are then 0.
    static func slabReduction(_ reduction: FocalReduction, denominator: () -> Double) -> FocalReduction {
        guard case .mean = reduction else { return reduction }
        let total = denominator()
        return total > 0 ? .normalized(by: total) : .sum
    }

    /// Runs `body` over each slab with the slab's values range and its predictions widened to
    /// `Float`, and, when `gradient` is given, a `Float` gradient buffer, which is then rounded
    /// once into `gradient` after multiplying by `gradientScale`. Returns the sum of the slabs'
    /// losses.
    ///
    /// - Throws: A bad `gradientScale` or gradient count, `body`'s error with its location moved
    ///   from the slab to the whole input, or an entry of the scaled gradient beyond `Float16`'s
    ///   range (naming `gradientScale` and the entry).
    func run(
        _ predictions: UnsafeBufferPointer<Float16>, gradient: UnsafeMutableBufferPointer<Float16>?, gradientScale: Float,
        _ body: (Range<Int>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>?) throws(FocalLossError) -> Float
    ) throws(FocalLossError) -> Float {
        guard gradientScale.isFinite, gradientScale > 0 else {
            throw .invalidParameter(name: "gradientScale", value: Double(gradientScale), requirement: "must be finite and > 0")
        }
        if let gradient { try Validation.count(gradient.count, expected: predictions.count, argument: "gradient") }
        let count = predictions.count
        let step = slabStep
        let capacity = min(count, step)
        let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: 2 * capacity)
        defer { scratch.deallocate() }
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + step)
            let x = UnsafeMutableBufferPointer(rebasing: scratch[0..<(end - start)])
            let g = UnsafeMutableBufferPointer(rebasing: scratch[capacity..<(capacity + end - start)])
            HalfConversion.widen(predictions.baseAddress! + start, into: x.baseAddress!, count: end - start)
            do {
                total += Double(try body(start..<end, UnsafeBufferPointer(x), gradient == nil ? nil : g))
            } catch {
                throw moved(error, by: start)
            }
            if let gradient {
                let destination = gradient.baseAddress! + start
                if let overflow = HalfConversion.narrow(g.baseAddress!, scale: gradientScale, into: destination, count: end - start) {
                    throw .invalidElement(
                        argument: "gradient", value: Double(g[overflow]) * Double(gradientScale),
                        location: valueShape.location(ofOffset: start + overflow),
                        requirement: "must fit Float16 (magnitude below 65520) once multiplied by gradientScale \(gradientScale); lower the scale")
                }
            }
            start = end
        }
        return Float(total)
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
