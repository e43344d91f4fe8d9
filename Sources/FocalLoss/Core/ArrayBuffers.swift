// How the array entry points reach the buffer entry points: one way for every loss.

extension Optional {
    /// Calls `body` with a buffer of the array's elements, or with `nil` when there is no array.
    @inline(__always)
    func withOptionalBuffer<Element, Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<Element>?) throws(Failure) -> Result
    ) throws(Failure) -> Result where Wrapped == [Element] {
        guard let array = self else { return try body(nil) }
        return try array.withUnsafeBufferPointer { (buffer) throws(Failure) in try body(buffer) }
    }
}

/// Calls `body` with buffers of the predictions, the targets (a target tensor or integer
/// labels) and the optional weights.
@inline(__always)
func withBuffers<Scalar, Target, Result>(
    _ predictions: [Scalar], _ targets: [Target], _ weights: [Scalar]?,
    _ body: (UnsafeBufferPointer<Scalar>, UnsafeBufferPointer<Target>, UnsafeBufferPointer<Scalar>?) throws(FocalLossError) -> Result
) throws(FocalLossError) -> Result {
    try predictions.withUnsafeBufferPointer { (x) throws(FocalLossError) in
        try targets.withUnsafeBufferPointer { (t) throws(FocalLossError) in
            try weights.withOptionalBuffer { (w) throws(FocalLossError) in try body(x, t, w) }
        }
    }
}
