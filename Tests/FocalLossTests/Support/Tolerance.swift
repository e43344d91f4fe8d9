import Testing

/// `|got - expected| <= rtol * |expected| + atol`, recorded as a test issue naming `what` when not.
func expectClose(
    _ got: Double, _ expected: Double, rtol: Double, atol: Double, _ what: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let ok = got.isFinite && abs(got - expected) <= rtol * abs(expected) + atol
    #expect(ok, "\(what()): got \(got), expected \(expected) (rtol \(rtol), atol \(atol))", sourceLocation: sourceLocation)
}

/// The largest relative error `|got - expected| / |expected|` over pairs whose expected value is
/// above `floor` in magnitude.
func worstRelativeError(_ got: [Double], _ expected: [Double], floor: Double = 0) -> Double {
    zip(got, expected).reduce(0) { worst, pair in
        abs(pair.1) > floor ? max(worst, abs(pair.0 - pair.1) / abs(pair.1)) : worst
    }
}

/// A small deterministic generator (SplitMix64) so random tests are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
