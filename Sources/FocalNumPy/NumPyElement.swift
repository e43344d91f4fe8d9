/// A Swift type that can be written to a `.npy` file as is: its in-memory bits are exactly those
/// of the NumPy element type ``numPyDType`` in native byte order.
///
/// The library conforms `Float`, `Double`, `Float16` (where Swift has it), `Bool`, the fixed-width integers, `Int`
/// and `UInt`. Do not conform other types: their bytes would be written unchanged.
public protocol NumPyElement: BitwiseCopyable, Sendable {
    /// The NumPy element type with the same representation.
    static var numPyDType: NumPyDType { get }
}

/// `Float` is stored as `float32`.
extension Float: NumPyElement { public static var numPyDType: NumPyDType { .float32 } }
/// `Double` is stored as `float64`.
extension Double: NumPyElement { public static var numPyDType: NumPyDType { .float64 } }
#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
/// `Float16` is stored as `float16`.
extension Float16: NumPyElement { public static var numPyDType: NumPyDType { .float16 } }
#endif
/// `Bool` is stored as `bool`, one byte per element.
extension Bool: NumPyElement { public static var numPyDType: NumPyDType { .bool } }
/// `Int8` is stored as `int8`.
extension Int8: NumPyElement { public static var numPyDType: NumPyDType { .int8 } }
/// `Int16` is stored as `int16`.
extension Int16: NumPyElement { public static var numPyDType: NumPyDType { .int16 } }
/// `Int32` is stored as `int32`.
extension Int32: NumPyElement { public static var numPyDType: NumPyDType { .int32 } }
/// `Int64` is stored as `int64`.
extension Int64: NumPyElement { public static var numPyDType: NumPyDType { .int64 } }
/// `UInt8` is stored as `uint8`.
extension UInt8: NumPyElement { public static var numPyDType: NumPyDType { .uint8 } }
/// `UInt16` is stored as `uint16`.
extension UInt16: NumPyElement { public static var numPyDType: NumPyDType { .uint16 } }
/// `UInt32` is stored as `uint32`.
extension UInt32: NumPyElement { public static var numPyDType: NumPyDType { .uint32 } }
/// `UInt64` is stored as `uint64`.
extension UInt64: NumPyElement { public static var numPyDType: NumPyDType { .uint64 } }

/// `Int` is stored as `int64` on 64-bit platforms and `int32` on 32-bit ones.
extension Int: NumPyElement {
    /// `int64` on 64-bit platforms, `int32` on 32-bit ones.
    public static var numPyDType: NumPyDType { MemoryLayout<Int>.size == 8 ? .int64 : .int32 }
}

/// `UInt` is stored as `uint64` on 64-bit platforms and `uint32` on 32-bit ones.
extension UInt: NumPyElement {
    /// `uint64` on 64-bit platforms, `uint32` on 32-bit ones.
    public static var numPyDType: NumPyDType { MemoryLayout<UInt>.size == 8 ? .uint64 : .uint32 }
}
