import RealModule

/// The floating-point types the focal-loss kernels compute in: `Float` and `Double`.
///
/// The kernels are generic over this protocol so that one implementation serves both precisions.
/// It gathers what they need: IEEE arithmetic (`BinaryFloatingPoint`), the elementary functions
/// of swift-numerics (`Real`), and SIMD lanes for the vectorised paths.
public protocol FocalScalar: BinaryFloatingPoint, Real, SIMDScalar, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
    /// The half-width of the clamp applied to probabilities given as input.
    ///
    /// A probability `p` is used as `min(max(p, ε), 1 - ε)` with `ε = ulpOfOne / 2`
    /// (2⁻²⁴ for `Float`, 2⁻⁵³ for `Double`): the smallest symmetric clamp for which `1 - ε`
    /// is still representable. Probabilities strictly inside `[ε, 1 - ε]` are not changed.
    static var probabilityEpsilon: Self { get }
}

extension FocalScalar {
   
    public static var probabilityEpsilon: Self { ulpOfOne / 2 }

    /// Whether the vector kernels (``VectorMath``) compute in this type: `Float` and `Double`.
    static var hasVectorKernels: Bool { Self.self == Float.self || Self.self == Double.self }
}

/// `Float` computes the focal losses in single precision, with the vector kernels (eight lanes; sixteen in a build
/// that defines `FOCAL_WIDE_VECTORS`).
extension Float: FocalScalar {}
/// `Double` computes the focal losses in double precision, with the vector kernels (four lanes).
extension Double: FocalScalar {}

/// `base` raised to `exponent`, the modulating factor `(1 - p_t)^gamma` of focal loss.
///
/// Unlike `pow`, this is defined for every `base >= 0` and `exponent >= 0`: `0^0 = 1`
/// (so `gamma = 0` is exactly cross-entropy) and `0^gamma = 0` for `gamma > 0`.
/// Small integer exponents are multiplied out, which is both faster and exact to the last bit.
@inline(__always)

func modulatingFactor<Scalar: FocalScalar>(_ base: Scalar, _ exponent: Scalar) -> Scalar {
    if exponent == 0 { return 1 }
    if exponent == 1 { return base }
    if exponent == 2 { return base * base }
    if exponent == 3 { return base * base * base }
    if base == 0 { return 0 }
    return Scalar.pow(base, exponent)
}

/// `count` zeros, allocated in code specialised for `Float` and `Double` (in generic code the
/// fill runs element by element through the value witnesses, several times slower).
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func zeros<Scalar: FocalScalar>(_ count: Int) -> [Scalar] {
    [Scalar](repeating: 0, count: count)
}
