extension NumPyArray {
    /// The elements as floating-point numbers, in row-major (C) order.
    ///
    /// Every element type converts: floating-point elements are rounded to the nearest `T` (so
    /// `float64` to `Float` may round, and overflow to infinity); integers are converted to the
    /// nearest `T` (exact for `Double` up to 2⁵³); `bool` becomes 0 or 1. To keep a file's
    /// precision, choose `T` from ``dtype``. Check ``NumPyDType/isFloatingPoint`` first to refuse
    /// integer input.
    ///
    /// This makes the one copy of the data: a native-order, C-order `float32` array read as
    /// `[Float]` (or `float64` as `[Double]`) is copied in blocks, without conversion.
    ///
    /// - Parameter type: The floating-point type to convert to, such as `Float.self`; it can be
    ///   left out when the result's type is known.
    /// - Returns: All ``count`` elements, in row-major order.
    public func elements<T: BinaryFloatingPoint>(as type: T.Type = T.self) -> [T] {
        // Concrete entry points for the common types, so they run specialised code.
        if T.self == Float.self { return unsafeBitCast(floatingPoint(as: Float.self), to: [T].self) }
        if T.self == Double.self { return unsafeBitCast(floatingPoint(as: Double.self), to: [T].self) }
        return floatingPoint(as: T.self)
    }

    /// The elements as integers of type `T`, in row-major (C) order.
    ///
    /// Integer elements of any width and signedness convert when their value fits in `T`;
    /// `bool` becomes 0 or 1. An `int64` array read as `[Int]` (on a 64-bit platform) in native
    /// and C order is copied in blocks, without conversion.
    ///
    /// - Parameter type: The integer type to convert to, such as `Int.self`; it can be left out
    ///   when the result's type is known.
    /// - Returns: All ``count`` elements, in row-major order.
    /// - Throws: ``NumPyError`` if the array holds floating-point numbers, or if an element does
    ///   not fit in `T`, naming the first such element in row-major order: its value, flat index
    ///   and position.
    public func integers<T: FixedWidthInteger>(as type: T.Type = T.self) throws(NumPyError) -> [T] {
        if T.self == Int.self { return unsafeBitCast(try integer(as: Int.self), to: [T].self) }
        if T.self == Int64.self { return unsafeBitCast(try integer(as: Int64.self), to: [T].self) }
        if T.self == Int32.self { return unsafeBitCast(try integer(as: Int32.self), to: [T].self) }
        return try integer(as: T.self)
    }

    private func floatingPoint<T: BinaryFloatingPoint>(as _: T.Type) -> [T] {
        func convert<Stored: StoredScalar>(_ stored: Stored.Type, _ transform: (Stored) -> T) -> [T] {
            let copiesBits = Stored.self == T.self
            // The transform cannot throw, so neither can decoding.
            return (try? decode(stored, copiesBits: copiesBits, placeholder: 0) { value, _ in transform(value) }) ?? []
        }
        switch dtype {
        case .bool: return convert(Bool.self) { $0 ? 1 : 0 }
        case .int8: return convert(Int8.self) { T($0) }
        case .int16: return convert(Int16.self) { T($0) }
        case .int32: return convert(Int32.self) { T($0) }
        case .int64: return convert(Int64.self) { T($0) }
        case .uint8: return convert(UInt8.self) { T($0) }
        case .uint16: return convert(UInt16.self) { T($0) }
        case .uint32: return convert(UInt32.self) { T($0) }
        case .uint64: return convert(UInt64.self) { T($0) }
        case .float16: return convert(UInt16.self) { T(HalfPrecision.float(fromBits: $0)) }
        case .float32: return convert(Float.self) { T($0) }
        case .float64: return convert(Double.self) { T($0) }
        }
    }

    private func integer<T: FixedWidthInteger>(as _: T.Type) throws(NumPyError) -> [T] {
        func convert<Stored: StoredScalar & FixedWidthInteger>(_ stored: Stored.Type) throws(NumPyError) -> [T] {
            let copiesBits = Stored.bitWidth == T.bitWidth && Stored.isSigned == T.isSigned
            return try decode(stored, copiesBits: copiesBits, placeholder: 0) { (value, index) throws(NumPyError) in
                guard let converted = T(exactly: value) else {
                    throw NumPyError(path: source, reason: .valueOutOfRange(
                        value: String(value), index: index,
                        coordinates: coordinates(ofRowMajorIndex: index), type: String(describing: T.self)))
                }
                return converted
            }
        }
        switch dtype {
        case .float16, .float32, .float64:
            throw NumPyError(path: source, reason: .notInteger(dtype))
        case .bool: return try decode(Bool.self, placeholder: 0) { value, _ in value ? 1 : 0 }
        case .int8: return try convert(Int8.self)
        case .int16: return try convert(Int16.self)
        case .int32: return try convert(Int32.self)
        case .int64: return try convert(Int64.self)
        case .uint8: return try convert(UInt8.self)
        case .uint16: return try convert(UInt16.self)
        case .uint32: return try convert(UInt32.self)
        case .uint64: return try convert(UInt64.self)
        }
    }
}
