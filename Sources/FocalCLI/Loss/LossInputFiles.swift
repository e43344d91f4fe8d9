import FocalNumPy

/// Reading and checking the `.npy` files `focal loss` is given.
///
/// Every failure is a ``CLIError`` that starts with the option and the file, such as
/// `--targets t.npy: shape (8,) does not match X's shape (8, 4)`.
enum LossInputFiles {
    /// Reads the `.npy` file given to `option`.
    static func read(_ path: String, option: String) throws(CLIError) -> NumPyArray {
        do {
            return try NumPyArray(contentsOfFile: path)
        } catch {
            throw CLIError(option: option, error)
        }
    }

    /// Reads X and checks that it holds floating-point numbers.
    static func readPredictions(_ path: String) throws(CLIError) -> NumPyArray {
        let array = try read(path, option: "--x")
        guard array.dtype.isFloatingPoint else {
            throw CLIError(option: "--x \(path)", "holds \(array.dtype) values; X must be float16, float32 or float64 (logits or probabilities)")
        }
        return array
    }

    /// The class axis resolved against X's shape: `0..<rank`.
    ///
    /// - Throws: ``CLIError`` naming `--class-axis` if the axis is out of range.
    static func resolveClassAxis(_ axis: Int, shape: [Int], xPath: String) throws(CLIError) -> Int {
        let rank = shape.count
        guard (-rank..<rank).contains(axis) else {
            let allowed = rank == 0 ? "X is a scalar and has no class axis" : "the class axis must be in \(-rank)...\(rank - 1)"
            throw CLIError(option: "--class-axis \(axis)", "X (\(xPath)) has shape \(shapeText(shape)); \(allowed)")
        }
        return axis < 0 ? axis + rank : axis
    }

    /// Reads a float array that must have `expectedShape` (targets).
    static func readFloats(
        _ path: String, option: String, expectedShape: [Int], described description: String
    ) throws(CLIError) -> NumPyArray {
        let array = try read(path, option: option)
        guard array.dtype.isFloatingPoint else {
            let hint = option == "--targets" ? " (use --labels for integer class labels, softmax)" : ""
            throw CLIError(option: "\(option) \(path)", "holds \(array.dtype) values; \(description) must be float16, float32 or float64\(hint)")
        }
        try checkShape(array, option: option, expected: expectedShape, of: "X's shape")
        return array
    }

    /// Reads the weights: any numeric dtype, with `expectedShape`.
    static func readWeights(_ path: String, expectedShape: [Int], shapeDescription: String) throws(CLIError) -> NumPyArray {
        let array = try read(path, option: "--weights")
        try checkShape(array, option: "--weights", expected: expectedShape, of: shapeDescription)
        return array
    }

    /// Reads integer labels shaped `expectedShape` (X's shape without the class axis), keeping
    /// the file's integer type so that a `uint8` mask stays one byte per pixel.
    static func readLabels(_ path: String, expectedShape: [Int], xShape: [Int], classAxis: Int) throws(CLIError) -> any ClassLabels {
        let array = try read(path, option: "--labels")
        let subject = "--labels \(path)"
        guard array.dtype.isInteger else {
            let hint = array.dtype.isFloatingPoint ? "; use --targets for float one-hot or soft targets" : ""
            throw CLIError(option: subject, "holds \(array.dtype) values; labels must be integers (int8/16/32/64 or uint8/16/32/64)\(hint)")
        }
        try checkShape(array, option: "--labels", expected: expectedShape,
                       of: "X's shape \(shapeText(xShape)) without class axis \(classAxis) (see --class-axis)")
        do {
            switch array.dtype {
            case .int8: return TypedLabels(values: try array.integers(as: Int8.self))
            case .int16: return TypedLabels(values: try array.integers(as: Int16.self))
            case .int32: return TypedLabels(values: try array.integers(as: Int32.self))
            case .uint8: return TypedLabels(values: try array.integers(as: UInt8.self))
            case .uint16: return TypedLabels(values: try array.integers(as: UInt16.self))
            case .uint32: return TypedLabels(values: try array.integers(as: UInt32.self))
            case .uint64: return TypedLabels(values: try array.integers(as: UInt64.self))
            default: return TypedLabels(values: try array.integers(as: Int64.self))
            }
        } catch {
            throw CLIError(option: "--labels", error)
        }
    }

    /// Checks that `array` has the shape `expected` (a one-element array matches a one-element
    /// expectation of any rank only if the shapes are equal: no broadcasting).
    static func checkShape(_ array: NumPyArray, option: String, expected: [Int], of description: String) throws(CLIError) {
        guard array.shape == expected else {
            throw CLIError(option: "\(option) \(array.source)",
                           "shape \(shapeText(array.shape)) does not match \(description): expected \(shapeText(expected))")
        }
    }
}

/// Integer class labels in the integer type their file stores.
protocol ClassLabels {
    /// The stored integer type.
    associatedtype Label: FixedWidthInteger
    /// The labels, row-major.
    var values: [Label] { get }
}

/// ``ClassLabels`` of one integer type.
struct TypedLabels<Label: FixedWidthInteger>: ClassLabels {
    let values: [Label]
}
