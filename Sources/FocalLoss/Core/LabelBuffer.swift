/// Integer class labels of any fixed-width type, read as `Int` without making the kernels generic
/// over the label type (so they are compiled once, not once per label type).
struct LabelBuffer: @unchecked Sendable {
    enum Width { case int8, uint8, int16, uint16, int32, uint32, int64, uint64 }

    let base: UnsafeRawPointer?
    let count: Int
    let width: Width

    init<Label: FixedWidthInteger>(_ labels: UnsafeBufferPointer<Label>) {
        if let address = labels.baseAddress { base = UnsafeRawPointer(address) } else { base = nil }
        count = labels.count
        switch (Label.bitWidth, Label.isSigned) {
        case (8, true): width = .int8
        case (8, false): width = .uint8
        case (16, true): width = .int16
        case (16, false): width = .uint16
        case (32, true): width = .int32
        case (32, false): width = .uint32
        case (_, true): width = .int64
        default: width = .uint64
        }
    }

    /// The label at `index`; values beyond `Int.max` read as `Int.max`.
    @inline(__always)
    subscript(index: Int) -> Int {
        let base = base!
        switch width {
        case .int8: return Int(base.load(fromByteOffset: index, as: Int8.self))
        case .uint8: return Int(base.load(fromByteOffset: index, as: UInt8.self))
        case .int16: return Int(base.load(fromByteOffset: 2 * index, as: Int16.self))
        case .uint16: return Int(base.load(fromByteOffset: 2 * index, as: UInt16.self))
        case .int32: return Int(base.load(fromByteOffset: 4 * index, as: Int32.self))
        case .uint32: return Int(base.load(fromByteOffset: 4 * index, as: UInt32.self))
        case .int64: return Int(base.load(fromByteOffset: 8 * index, as: Int64.self))
        case .uint64: return Int(clamping: base.load(fromByteOffset: 8 * index, as: UInt64.self))
        }
    }
}
