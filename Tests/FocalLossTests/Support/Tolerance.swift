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
