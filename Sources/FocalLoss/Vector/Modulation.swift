/// The modulating factor `m^γ` of the vector kernels: integer γ (0 to 3) by multiplication, any
/// other γ as `exp(γ·log m)` (integers from 4 to 8 by multiplication too where the kind is chosen
/// at run time, see ``integerExponent``).
///
/// The kernels' loops are generic over a ``FocusingExponent`` type, one per kind, and each
/// kernel switches over ``kind`` once per call: each loop body is then straight-line code with the power inlined (a run-time switch inside the loop kept the general branch's
/// code in the loop and made the compiler call `power` out of line).
struct VectorModulation<Math: VectorMath> {
    typealias Vector = Math.Vector
    typealias Kind = FocusingKind
    let kind: Kind
    /// γ in every lane.
    let gamma: Vector
    /// γ when it is an integer from 4 to 8, which the run-time ``power(_:_:)`` raises to by
    /// repeated squaring (fewer operations than `exp` and `log`, and exact to a few ulp); else 0.
    let integerExponent: Int

    init(gamma: Math.Scalar) {
        switch gamma {
        case 0: kind = .zero
        case 1: kind = .one
        case 2: kind = .two
        case 3: kind = .three
        default: kind = .general
        }
        self.gamma = Vector(repeating: gamma)
        integerExponent = gamma >= 4 && gamma <= 8 && gamma == gamma.rounded() ? Int(gamma) : 0
    }

    /// `m^γ` for `m` in `[0, 1]`, switching on ``kind`` at run time: for code that raises to γ once
    /// per several elements (a hot loop over elements uses the generic form instead).
    /// Transparent: with `@inline(__always)` the variants' kernels called it out of line.
    @_transparent
    func power(_ m: Vector, _ math: Math) -> Vector {
        switch kind {
        case .zero: power(m, math, ExponentZero.self)
        case .one: power(m, math, ExponentOne.self)
        case .two: power(m, math, ExponentTwo.self)
        case .three: power(m, math, ExponentThree.self)
        case .general: integerExponent != 0 ? integerPower(m) : power(m, math, ExponentGeneral.self)
        }
    }

    /// `m^n` for n = ``integerExponent``, by repeated squaring.
    @inline(__always)
    func integerPower(_ m: Vector) -> Vector {
        var square = m
        var n = integerExponent
        while n & 1 == 0 {  // n >= 4: the lowest set bit's power of m first
            square *= square
            n >>= 1
        }
        var result = square
        n >>= 1
        while n != 0 {
            square *= square
            if n & 1 != 0 { result *= square }
            n >>= 1
        }
        return result
    }

    /// `m^γ` for `m` in `[0, 1]`.
    @_transparent
    func power<Exponent: FocusingExponent>(_ m: Vector, _ math: Math, _: Exponent.Type) -> Vector {
        switch Exponent.kind {
        case .zero: return math.one
        case .one: return m
        case .two: return m * m
        case .three: return m * m * m
        case .general:
            let value = math.exp(nonPositive: gamma * math.log(positive: m))
            return value.replacing(with: math.zero, where: m .<= math.zero)
        }
    }
}

/// The kinds of γ the vector kernels tell apart: integers 0 to 3, multiplied out, and any other.
enum FocusingKind { case zero, one, two, three, general }

/// A type standing for one kind of γ, so that a kernel loop can be specialised for it.
protocol FocusingExponent {
    static var kind: FocusingKind { get }
}

extension FocusingExponent {
    /// Whether γ is 0, which drops the gradient's second term.
    @_transparent static var isZero: Bool { kind == .zero }
    /// Whether γ is not an integer from 0 to 3.
    @_transparent static var isGeneral: Bool { kind == .general }
}

enum ExponentZero: FocusingExponent { @_transparent static var kind: FocusingKind { .zero } }
enum ExponentOne: FocusingExponent { @_transparent static var kind: FocusingKind { .one } }
enum ExponentTwo: FocusingExponent { @_transparent static var kind: FocusingKind { .two } }
enum ExponentThree: FocusingExponent { @_transparent static var kind: FocusingKind { .three } }
enum ExponentGeneral: FocusingExponent { @_transparent static var kind: FocusingKind { .general } }
