#if canImport(_Differentiation)
import FocalLoss

/// Runs a checked kernel call from a differentiable entry point, which cannot throw.
///
/// A `FocalLossError` stops the program with the entry point's name and the error's
/// description, which names the argument, the value and its position, for example
/// `SigmoidFocalLoss: targets: value 1.5 at index 3 is outside [0, 1]`. This is `fatalError`,
/// so it happens in every build configuration, `-Ounchecked` included.
@inline(__always)
func stoppingOnInvalidArgument<Result>(
    _ entryPoint: StaticString, _ body: () throws(FocalLossError) -> Result
) -> Result {
    do {
        return try body()
    } catch {
        fatalError("\(entryPoint): \(error)")
    }
}
#endif
