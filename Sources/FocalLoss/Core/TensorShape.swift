/// The row-major shape of the flat arrays the kernels read, with the arithmetic they need.

struct TensorShape: Sendable, Hashable {
    let extents: [Int]
    let count: Int

    /// Validates `extents` (each `>= 0`) for an argument named `argument`.

    init(_ extents: [Int], argument: String) throws(FocalLossError) {
        var count = 1
        for extent in extents {
            guard extent >= 0 else {
                throw .invalidShape(argument: argument, shape: extents, reason: "has a negative extent")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw .invalidShape(argument: argument, shape: extents, reason: "has too many elements")
            }
            count = product
        }
        self.extents = extents
        self.count = count
    }

    /// The shape given, or `[count]` when none is given; checked against the element count.

    init(_ extents: [Int]?, elementCount: Int, argument: String) throws(FocalLossError) {
        try self.init(extents ?? [elementCount], argument: "shape")
        guard count == elementCount else {
            throw .countMismatch(argument: argument, count: elementCount, expected: count)
        }
    }

    /// The axis `axis` counted from the front (`0...`) or, when negative, from the back (`-1` is
    /// the last axis).

    func resolvedAxis(_ axis: Int, argument: String) throws(FocalLossError) -> Int {
        let resolved = axis < 0 ? axis + extents.count : axis
        guard resolved >= 0, resolved < extents.count else {
            throw .invalidShape(
                argument: argument, shape: extents,
                reason: "has no axis \(axis) (rank \(extents.count))")
        }
        return resolved
    }

    /// The coordinates of the element at a flat row-major offset.

    func coordinates(ofOffset offset: Int) -> [Int] {
        var remainder = offset
        var coordinates = [Int](repeating: 0, count: extents.count)
        for axis in extents.indices.reversed() where extents[axis] > 0 {
            coordinates[axis] = remainder % extents[axis]
            remainder /= extents[axis]
        }
        return coordinates
    }


    func location(ofOffset offset: Int) -> ElementLocation {
        ElementLocation(offset: offset, coordinates: coordinates(ofOffset: offset))
    }

    /// The shape split around `axis` into the product of the extents before it, the extent of
    /// the axis, and the product of those after it.

    func split(around axis: Int) -> (outer: Int, axis: Int, inner: Int) {
        let outer = extents[..<axis].reduce(1, *)
        let inner = extents[(axis + 1)...].reduce(1, *)
        return (outer, extents[axis], inner)
    }

    /// The shape with `axis` removed.

    func removing(axis: Int) -> [Int] {
        var copy = extents
        copy.remove(at: axis)
        return copy
    }
}
