/// The dictionary in a `.npy` header, checked: element type, memory order and shape.
struct NPYHeader: Equatable, Sendable {
    var descriptor: TypeDescriptor
    /// Whether the data is stored column-major (first axis varying fastest).
    var isFortranOrder: Bool
    var shape: [Int]
    /// The number of elements, the product of `shape` (1 for a 0-d array).
    var count: Int
    /// The number of data bytes, `count` times the element size.
    var byteCount: Int

    init(descriptor: TypeDescriptor, isFortranOrder: Bool, shape: [Int]) throws(NPYFormatError) {
        self.descriptor = descriptor
        self.isFortranOrder = isFortranOrder
        self.shape = shape
        self.count = try Self.elementCount(of: shape)
        let bytes = count.multipliedReportingOverflow(by: descriptor.dtype.byteCount)
        guard !bytes.overflow else { throw NPYFormatError(.shapeOverflow(shape: PythonSyntax.abbreviated(PythonSyntax.tuple(shape)))) }
        self.byteCount = bytes.partialValue
    }

    /// The product of the dimensions, or an error if one is negative or the product overflows.
    static func elementCount(of shape: [Int]) throws(NPYFormatError) -> Int {
        if shape.contains(where: { $0 < 0 }) { throw NPYFormatError(.negativeDimension(shape: PythonSyntax.abbreviated(PythonSyntax.tuple(shape)))) }
        if shape.contains(0) { return 0 }
        var count = 1
        for dimension in shape {
            let product = count.multipliedReportingOverflow(by: dimension)
            guard !product.overflow else { throw NPYFormatError(.shapeOverflow(shape: PythonSyntax.abbreviated(PythonSyntax.tuple(shape)))) }
            count = product.partialValue
        }
        return count
    }

    /// Reads the header dictionary from its text.
    ///
    /// Keys may come in any order and extra keys are ignored; `descr`, `fortran_order` and `shape`
    /// must be present, once each.
    init(text: String) throws(NPYFormatError) {
        let literal: PythonLiteral
        do {
            literal = try PythonLiteralParser.parse(text)
        } catch {
            throw NPYFormatError(.malformedHeader(error.message))
        }
        guard case .dictionary(let entries) = literal else {
            throw NPYFormatError(.malformedHeader("not a dictionary: \(Self.abbreviated(literal.python))"))
        }
        var values: [String: PythonLiteral] = [:]
        for entry in entries {
            guard case .string(let key) = entry.key else {
                throw NPYFormatError(.malformedHeader("key \(Self.abbreviated(entry.key.python)) is not a string"))
            }
            guard values.updateValue(entry.value, forKey: key) == nil else {
                throw NPYFormatError(.malformedHeader("key '\(key)' appears twice"))
            }
        }
        func value(_ key: String) throws(NPYFormatError) -> PythonLiteral {
            guard let value = values[key] else { throw NPYFormatError(.malformedHeader("missing key '\(key)'")) }
            return value
        }

        let descr = try value("descr")
        guard case .string(let descrText) = descr, let descriptor = TypeDescriptor(descr: descrText) else {
            throw NPYFormatError(.unsupportedDType(Self.abbreviated(descr.python)))
        }
        guard case .boolean(let isFortranOrder) = try value("fortran_order") else {
            throw NPYFormatError(.malformedHeader("fortran_order is not True or False: \(Self.abbreviated(try value("fortran_order").python))"))
        }
        let shapeLiteral = try value("shape")
        let shape = try Self.shape(from: shapeLiteral)
        try self.init(descriptor: descriptor, isFortranOrder: isFortranOrder, shape: shape)
    }

    private static func shape(from literal: PythonLiteral) throws(NPYFormatError) -> [Int] {
        let items: [PythonLiteral]
        switch literal {
        case .tuple(let values), .list(let values): items = values
        default: throw NPYFormatError(.malformedHeader("shape is not a tuple of integers: \(abbreviated(literal.python))"))
        }
        var shape: [Int] = []
        for item in items {
            guard case .integer(let digits) = item else {
                throw NPYFormatError(.malformedHeader("shape is not a tuple of integers: \(abbreviated(literal.python))"))
            }
            guard let dimension = Int(digits) else {
                // Digits too long for Int: a negative one is still reported as negative.
                if digits.hasPrefix("-") { throw NPYFormatError(.negativeDimension(shape: abbreviated(literal.python))) }
                throw NPYFormatError(.shapeOverflow(shape: abbreviated(literal.python)))
            }
            shape.append(dimension)
        }
        return shape
    }

    private static func abbreviated(_ text: String) -> String {
        PythonSyntax.abbreviated(text)
    }

    /// The dictionary as `numpy.save` writes it, including the spare spaces NumPy leaves so the
    /// growth axis can be rewritten in place; alignment padding and the final newline are added by
    /// ``NPYPreamble``.
    var text: String {
        let shapeText = PythonSyntax.tuple(shape)
        var text = "{'descr': '\(descriptor.descr)', 'fortran_order': \(isFortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        if let growthAxis = isFortranOrder ? shape.last : shape.first {
            let spare = 21 - String(growthAxis).count
            if spare > 0 { text += String(repeating: " ", count: spare) }
        }
        return text
    }
}

/// A problem with the bytes of a `.npy` file, before the file's path is known.
struct NPYFormatError: Error, Equatable {
    var reason: NumPyError.Reason

    init(_ reason: NumPyError.Reason) {
        self.reason = reason
    }
}
