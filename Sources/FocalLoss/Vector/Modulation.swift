/// The modulating factor `m^γ` of the vector kernels: integer γ (0 to 3) by multiplication, any
/// other γ as `exp(γ·log m)`. The kind is a per-call constant, so the switch in ``power(_:_:)``
/// is a perfectly predicted branch.
struct VectorModulation {
    enum Kind { case zero, one, two, three, general }
    let kind: Kind
    /// γ in every lane.
    let gamma: Vector

    init(gamma: Float) {
        switch gamma {
        case 0: kind = .zero
        case 1: kind = .one
        case 2: kind = .two
        case 3: kind = .three
        default: kind = .general
        }
        self.gamma = Vector(repeating: gamma)
    }

    /// Whether γ is 0, which drops the gradient's second term.
    var isZero: Bool { kind == .zero }

    /// `m^γ` for `m` in `[0, 1]`.
    @inline(__always)
    func power(_ m: Vector, _ math: VectorMath) -> Vector {
        switch kind {
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
