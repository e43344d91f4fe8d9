import Foundation

extension NumPyArray {
    /// Decodes every stored element as `Stored` and transforms it, producing the results in
    /// row-major (C) order whatever the storage order.
    ///
    /// When `copiesBits` is true the caller promises that `Result` has the same representation as
    /// `Stored` and that `transform` returns its input unchanged; native-order, row-major storage
    /// is then copied in blocks.
    ///
    /// If `transform` throws, the error for the lowest row-major index is rethrown.
    ///
    /// - Parameters:
    ///   - placeholder: Stands in for an element whose transform failed while the rest of a
    ///     Fortran-order array is converted (its elements are not produced in order).
    ///   - transform: Called with each element and its row-major index.
    func decode<Stored: StoredScalar, Result>(
        _: Stored.Type,
        copiesBits: Bool = false,
        placeholder: Result,
        _ transform: (Stored, Int) throws(NumPyError) -> Result
    ) throws(NumPyError) -> [Result] {
        precondition(MemoryLayout<Stored>.size == dtype.byteCount, "decoded as the wrong type")
        let count = self.count
        let shape = self.shape
        let isSwapped = header.descriptor.isBigEndian != TypeDescriptor.hostIsBigEndian
        let isTransposed = header.isFortranOrder && shape.count > 1
        let elementSize = MemoryLayout<Stored>.size
        let mappedRegion = self.mappedRegion
        var failure: (index: Int, error: NumPyError)?
        let results = bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Result] in
            guard count > 0, let base = raw.baseAddress else { return [] }
            return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
                /// Converts one element; false (and the error recorded) if it cannot be.
                func convert(_ index: Int, from source: Int) -> Bool {
                    do throws(NumPyError) {
                        let value = try transform(Stored.load(from: base, at: source, isSwapped: isSwapped), index)
                        buffer.initializeElement(at: index, to: value)
                        return true
                    } catch {
                        if failure.map({ index < $0.index }) ?? true { failure = (index, error) }
                        return false
                    }
                }
                // Storage is visited in order, a slab at a time (a band of a Fortran-order
                // array, a chunk of a C-order one); the pages of a mapped file are released once
                // copied, so that the file's data and its copy are not both resident.
                func release(_ storageOffsets: Range<Int>) {
                    guard let mappedRegion else { return }
                    MappedFile.releasePages(
                        base + storageOffsets.lowerBound * elementSize,
                        byteCount: storageOffsets.count * elementSize, in: mappedRegion)
                }
                if isTransposed {
                    // Elements are produced out of order, so every one must be initialized
                    // before the buffer is handed back, even after a failure.
                    FortranTraversal.forEach(shape: shape, { index, source in
                        if !convert(index, from: source) { buffer.initializeElement(at: index, to: placeholder) }
                    }, bandDone: release)
                    initialized = count
                    return
                }
                var start = 0
                while start < count {
                    let end = min(start + Self.chunkElementCount, count)
                    if copiesBits && !isSwapped {
                        let destination = UnsafeMutableRawBufferPointer(buffer)[(start * elementSize)..<(end * elementSize)]
                        UnsafeMutableRawBufferPointer(rebasing: destination)
                            .copyMemory(from: UnsafeRawBufferPointer(start: base + start * elementSize, count: (end - start) * elementSize))
                    } else {
                        for index in start..<end {
                            guard convert(index, from: index) else { return }
                            initialized = index + 1
                        }
                    }
                    initialized = end
                    release(start..<end)
                    start = end
                }
            }
        }
        if let failure { throw failure.error }
        return results
    }

    /// How many elements are converted between releases of mapped pages (16 to 64 MiB).
    static var chunkElementCount: Int { 1 << 23 }

    /// The index along each axis of the element at row-major offset `index`.
    func coordinates(ofRowMajorIndex index: Int) -> [Int] {
        var coordinates = [Int](repeating: 0, count: shape.count)
        var remainder = index
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            coordinates[axis] = remainder % shape[axis]
            remainder /= shape[axis]
        }
        return coordinates
    }
}

