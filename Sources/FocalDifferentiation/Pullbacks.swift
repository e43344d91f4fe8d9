#if canImport(_Differentiation)
// The products the pullbacks compute: the incoming seed times the gradient the fused kernel
// wrote in the forward pass. Nothing here differentiates `exp` or `log`.

extension Array where Element: FloatingPoint {
    /// The array times `seed`.
    ///
    /// A seed of exactly 1, the case of a loss that is the output being differentiated, returns
    /// the array itself: its storage is shared, not copied.
    @_specialize(where Element == Float)
    @_specialize(where Element == Double)
    func scaled(by seed: Element) -> [Element] {
        if seed == 1 { return self }
        return [Element](unsafeUninitializedCapacity: count) { output, initialized in
            self.withUnsafeBufferPointer { gradient in
                for index in gradient.indices { output[index] = gradient[index] * seed }
            }
            initialized = count
        }
    }
}

/// `seeds[i] · gradient[i]`: the pullback of unreduced losses where each loss depends on one
/// prediction alone (the sigmoid focal loss); the softmax pullback with one class per position.
///
/// An empty `seeds` is the zero tangent of an array (`Array.DifferentiableView.zero` holds no
/// elements) and gives a zero gradient of full length.
func elementwiseProducts<Scalar: FloatingPoint>(seeds: [Scalar], gradient: [Scalar], entryPoint: StaticString) -> [Scalar] {
    positionwiseProducts(seeds: seeds, gradient: gradient, layout: ClassLayout(elements: gradient.count), entryPoint: entryPoint)
}

/// Where the classes of each position lie in a flat, row-major softmax input: `outer` blocks
/// of `classes × inner` values; the classes of position `o · inner + j` start at
/// `o · classes · inner + j`, `inner` apart.
struct ClassLayout {
    var outer: Int
    var classes: Int
    var inner: Int

    /// The layout of `shape` with its classes along `classAxis`; all zero when the shape or axis
    /// is unusable (the kernel call reports that).
    init(shape: [Int], classAxis: Int) {
        let axis = classAxis < 0 ? classAxis + shape.count : classAxis
        var valid = shape.indices.contains(axis)
        var count = 1
        for extent in shape where valid {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            valid = extent >= 0 && !overflow
            count = product
        }
        guard valid else {
            (outer, classes, inner) = (0, 0, 0)
            return
        }
        outer = shape[..<axis].reduce(1, *)
        classes = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }

    /// The layout of independent elements: one class per position.
    init(elements: Int) {
        (outer, classes, inner) = (elements, 1, 1)
    }

    var positions: Int { outer * inner }
}

/// `seeds[position] · gradient[values of position]`: the pullback of unreduced softmax losses,
/// where each position's loss depends on that position's `classes` predictions alone and the
/// kernel has written the gradient of each position's own loss.
///
/// An empty `seeds` (the zero tangent) gives a zero gradient of full length.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func positionwiseProducts<Scalar: FloatingPoint>(
    seeds: [Scalar], gradient: [Scalar], layout: ClassLayout, entryPoint: StaticString
) -> [Scalar] {
    if seeds.isEmpty { return zeros(count: gradient.count) }
    precondition(
        seeds.count == layout.positions,
        "\(entryPoint): the cotangent has \(seeds.count) elements, the losses \(layout.positions)")
    return [Scalar](unsafeUninitializedCapacity: gradient.count) { output, initialized in
        seeds.withUnsafeBufferPointer { seeds in
            gradient.withUnsafeBufferPointer { gradient in
                let (classes, inner) = (layout.classes, layout.inner)
                for position in 0..<layout.positions {
                    // Class-last (and one class per position) needs no division.
                    let base: Int
                    if inner == 1 {
                        base = position * classes
                    } else {
                        let (o, j) = position.quotientAndRemainder(dividingBy: inner)
                        base = o * classes * inner + j
                    }
                    let seed = seeds[position]
                    for c in 0..<classes {
                        output[base + c * inner] = seed * gradient[base + c * inner]
                    }
                }
            }
        }
        initialized = gradient.count
    }
}
#endif
