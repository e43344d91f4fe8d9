/// The `Float16` entry points' shared steps: widening the inputs to `Float`, and rounding the
/// `Float` gradient once to `Float16`, scaled.
enum HalfStorage {
    /// `values` as `Float`s (exactly: every `Float16` is a `Float`).
    static func widened(_ values: UnsafeBufferPointer<Float16>) -> [Float] {
        [Float](unsafeUninitializedCapacity: values.count) { buffer, count in
            if let source = values.baseAddress {
                HalfConversion.widen(source, into: buffer.baseAddress!, count: values.count)
            }
            count = values.count
        }
    }

    /// Runs `body` with the inputs widened to `Float` and, when `gradient` is given, a `Float`
    /// gradient buffer, which is then rounded once into `gradient` after multiplying by
    /// `gradientScale`.
    ///
    /// - Throws: `body`'s error, a bad `gradientScale` or gradient count, or an entry of the
    ///   scaled gradient beyond `Float16`'s range (naming `gradientScale` and the entry).
    static func run(
        _ predictions: UnsafeBufferPointer<Float16>, _ weights: UnsafeBufferPointer<Float16>?,
        gradient: UnsafeMutableBufferPointer<Float16>?, gradientScale: Float, shape: [Int]?,
        _ body: (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>?) throws(FocalLossError) -> Float
    ) throws(FocalLossError) -> Float {
        guard gradientScale.isFinite, gradientScale > 0 else {
            throw .invalidParameter(name: "gradientScale", value: Double(gradientScale), requirement: "must be finite and > 0")
        }
        if let gradient { try Validation.count(gradient.count, expected: predictions.count, argument: "gradient") }
        let x = widened(predictions)
        let w = weights.map(widened)
        var g: [Float] = gradient == nil ? [] : zeros(predictions.count)
        let loss = try x.withUnsafeBufferPointer { (x) throws(FocalLossError) in
            try w.withOptionalBuffer { (w) throws(FocalLossError) in
                try g.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
                    try body(x, w, gradient == nil ? nil : g)
                }
            }
        }
        if let gradient, let destination = gradient.baseAddress {
            let overflow = g.withUnsafeBufferPointer {
                HalfConversion.narrow($0.baseAddress!, scale: gradientScale, into: destination, count: gradient.count)
            }
            if let overflow {
                let location = (try? TensorShape(shape ?? [predictions.count], argument: "shape"))?.location(ofOffset: overflow)
                    ?? ElementLocation(offset: overflow, coordinates: [overflow])
                throw .invalidElement(
                    argument: "gradient", value: Double(g[overflow]) * Double(gradientScale), location: location,
                    requirement: "must fit Float16 (magnitude below 65520) once multiplied by gradientScale \(gradientScale); lower the scale")
            }
        }
        return loss
    }
}
