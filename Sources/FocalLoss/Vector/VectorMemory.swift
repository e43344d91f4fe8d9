/// Loads and stores of whole and partial vectors.
extension UnsafePointer where Pointee: FocalScalar {
    @inline(__always)
    func loadVector<V: SIMD>(at offset: Int) -> V where V.Scalar == Pointee {
        UnsafeRawPointer(self + offset).loadUnaligned(as: V.self)
    }

    /// The `count < V.scalarCount` values at `offset`, the other lanes set to `padding`.
    @inline(__always)
    func loadPartialVector<V: SIMD>(at offset: Int, count: Int, padding: Pointee) -> V where V.Scalar == Pointee {
        var vector = V(repeating: padding)
        for lane in 0..<count { vector[lane] = self[offset + lane] }
        return vector
    }
}

extension UnsafeMutablePointer where Pointee: FocalScalar {
    @inline(__always)
    func loadVector<V: SIMD>(at offset: Int) -> V where V.Scalar == Pointee {
        UnsafeRawPointer(self + offset).loadUnaligned(as: V.self)
    }

    @inline(__always)
    func storeVector<V: SIMD>(_ vector: V, at offset: Int) where V.Scalar == Pointee {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: vector, as: V.self)
    }

    @inline(__always)
    func storePartialVector<V: SIMD>(_ vector: V, at offset: Int, count: Int) where V.Scalar == Pointee {
        for lane in 0..<count { self[offset + lane] = vector[lane] }
    }
}
