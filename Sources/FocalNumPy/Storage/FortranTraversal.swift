/// Visits the elements of a column-major (Fortran-order) array, pairing each element's row-major
/// index with its offset in storage.
///
/// Converting between the two orders reverses the axes: in storage the first axis varies fastest,
/// in the result the last one does. Visiting elements in result order would read storage with a
/// huge stride (a cache and TLB miss per element on large arrays). Instead the last axis is
/// walked in bands of a few indices; within a band, each result row gets a short contiguous run
/// of writes, and reads sweep through one contiguous slab of storage, a few cache lines at a
/// time. Once a band is done, its slab of storage is never read again.
enum FortranTraversal {
    /// How many indices of the last axis a band spans.
    static let bandWidth = 32

    /// Calls `body(rowMajorIndex, storageOffset)` once for every element of an array of `shape`,
    /// which must have at least two axes and no zero dimension, and `bandDone(storageOffsets)`
    /// after each band, with the storage offsets it covered.
    @inline(__always)
    static func forEach(
        shape: [Int],
        _ body: (_ rowMajorIndex: Int, _ storageOffset: Int) -> Void,
        bandDone: (_ storageOffsets: Range<Int>) -> Void
    ) {
        let rank = shape.count
        precondition(rank >= 2 && !shape.contains(where: { $0 <= 0 }), "not a non-empty array with two axes or more")
        // Strides of each axis in storage (column-major) and in the result (row-major).
        var storageStrides = [Int](repeating: 1, count: rank)
        for axis in 1..<rank { storageStrides[axis] = storageStrides[axis - 1] * shape[axis - 1] }
        var resultStrides = [Int](repeating: 1, count: rank)
        for axis in (0..<(rank - 1)).reversed() { resultStrides[axis] = resultStrides[axis + 1] * shape[axis + 1] }

        let rows = shape[0], columns = shape[rank - 1]
        let rowStride = resultStrides[0], columnStride = storageStrides[rank - 1]
        for firstColumn in stride(from: 0, to: columns, by: bandWidth) {
            let columnEnd = min(firstColumn + bandWidth, columns)
            // The position along the middle axes (1 ..< rank - 1), and where it starts in each order.
            var middle = [Int](repeating: 0, count: rank)
            var storageBase = 0, resultBase = 0
            while true {
                for row in 0..<rows {
                    let result = resultBase + row * rowStride
                    let storage = storageBase + row
                    for column in firstColumn..<columnEnd {
                        body(result + column, storage + column * columnStride)
                    }
                }
                // Next position along the middle axes; the band is done when they wrap around.
                var axis = rank - 2
                while axis >= 1 {
                    middle[axis] += 1
                    storageBase += storageStrides[axis]
                    resultBase += resultStrides[axis]
                    if middle[axis] < shape[axis] { break }
                    storageBase -= shape[axis] * storageStrides[axis]
                    resultBase -= shape[axis] * resultStrides[axis]
                    middle[axis] = 0
                    axis -= 1
                }
                if axis < 1 { break }
            }
            bandDone((firstColumn * columnStride)..<(columnEnd * columnStride))
        }
    }
}
