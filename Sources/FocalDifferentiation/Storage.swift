#if canImport(_Differentiation)
// The arrays the derivatives fill, allocated here rather than by FocalLoss's array-returning
// entry points.
//
// Generic code called from another module runs unspecialised unless it is specialised where it
// is compiled: filling a million-element generic array one value-witness call at a time costs
// as much as the fused kernel itself. So every per-element loop of this module is specialised
// for `Float` and `Double` (`@_specialize`, as FocalLoss does), and the kernels are called in
// their buffer forms, which write into storage allocated here.

/// `count` zeros.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func zeros<Scalar: FloatingPoint>(count: Int) -> [Scalar] {
    [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
        buffer.initialize(repeating: 0)
        initialized = count
    }
}

/// Calls `body` with buffers of predictions, targets or labels, and optional weights.
@inline(__always)
func withBuffers<Scalar, Target, Result, Failure: Error>(
    _ a: [Scalar], _ b: [Target], _ c: [Scalar]?,
    _ body: (UnsafeBufferPointer<Scalar>, UnsafeBufferPointer<Target>, UnsafeBufferPointer<Scalar>?) throws(Failure) -> Result
) throws(Failure) -> Result {
    try a.withUnsafeBufferPointer { (a) throws(Failure) in
        try b.withUnsafeBufferPointer { (b) throws(Failure) in
            guard let c else { return try body(a, b, nil) }
            return try c.withUnsafeBufferPointer { (c) throws(Failure) in try body(a, b, c) }
        }
    }
}

/// Calls `body` with mutable buffers of `losses` and, when `wanted`, of `gradient` (else `nil`).
@inline(__always)
func withOutputs<Scalar, Failure: Error>(
    _ losses: inout [Scalar], _ gradient: inout [Scalar], wanted: Bool,
    _ body: (UnsafeMutableBufferPointer<Scalar>, UnsafeMutableBufferPointer<Scalar>?) throws(Failure) -> Void
) throws(Failure) {
    try losses.withUnsafeMutableBufferPointer { (l) throws(Failure) in
        try gradient.withUnsafeMutableBufferPointer { (g) throws(Failure) in
            try body(l, wanted ? g : nil)
        }
    }
}
#endif
