/// The modulating factor `m^γ` of the vector kernels, one type per kind of γ so that each kernel
/// is compiled with its own fast path: integer γ by multiplication, any other γ as
/// `exp(γ·log m)`.
protocol VectorModulation {
    /// γ as a vector (for the gradient's `γ·...` term).
    var gamma: Vector { get }
    /// Whether γ is 0, which drops the gradient's second term.
    var isZero: Bool { get }
    /// `m^γ` for `m` in `[0, 1]`.
    func power(_ m: Vector, _ math: VectorMath) -> Vector
}

struct GammaZero: VectorModulation {
    var gamma: Vector { Vector(repeating: 0) }
    var isZero: Bool { true }
    @inline(__always) func power(_ m: Vector, _ math: VectorMath) -> Vector { math.one }
}

struct GammaOne: VectorModulation {
    var gamma: Vector { Vector(repeating: 1) }
    var isZero: Bool { false }
    @inline(__always) func power(_ m: Vector, _ math: VectorMath) -> Vector { m }
}

struct GammaTwo: VectorModulation {
    var gamma: Vector { Vector(repeating: 2) }
    var isZero: Bool { false }
    @inline(__always) func power(_ m: Vector, _ math: VectorMath) -> Vector { m * m }
}

struct GammaThree: VectorModulation {
    var gamma: Vector { Vector(repeating: 3) }
    var isZero: Bool { false }
    @inline(__always) func power(_ m: Vector, _ math: VectorMath) -> Vector { m * m * m }
}

struct GammaGeneral: VectorModulation {
    let gamma: Vector
    var isZero: Bool { false }
    @inline(__always) func power(_ m: Vector, _ math: VectorMath) -> Vector {
        let value = math.exp(nonPositive: gamma * math.log(positive: m))
        return value.replacing(with: math.zero, where: m .<= math.zero)
    }
}
