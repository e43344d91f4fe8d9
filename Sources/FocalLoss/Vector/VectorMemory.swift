/// Loads and stores of whole and partial vectors.
extension UnsafePointer where Pointee == Float {
    @inline(__always)
    func loadVector(at offset: Int) -> Vector {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Vector.self)
    }

    /// The `count < 16` floats at `offset`, the other lanes set to `padding`.
    @inline(__always)
    func loadPartialVector(at offset: Int, count: Int, padding: Float) -> Vector {
        var vector = Vector(repeating: padding)
        for lane in 0..<count { vector[lane] = self[offset + lane] }
        return vector
    }
}

extension UnsafeMutablePointer where Pointee == Float {
    @inline(__always)
    func loadVector(at offset: Int) -> Vector {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    func storeVector(_ vector: Vector, at offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: vector, as: Vector.self)
    }

    @inline(__always)
    func storePartialVector(_ vector: Vector, at offset: Int, count: Int) {
        for lane in 0..<count { self[offset + lane] = vector[lane] }
    }
}

extension Vector {
    /// The sum of the lanes, in `Double`.
    @inline(__always)
    var laneSum: Double {
        var total = 0.0
        for lane in 0..<scalarCount { total += Double(self[lane]) }
        return total
    }
}
