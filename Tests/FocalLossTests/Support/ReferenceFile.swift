import FocalTestSupport
import Foundation
import Testing

extension ReferenceCase {
    /// Checks losses and gradient computed in `precision` against this case at the reference
    /// README's tolerance: `rtol·|ref| + atol`, with `atol = rtol·max|gradient|` for gradient
    /// entries that cross zero.
    func expectMatch(loss: [Double], gradient: [Double], precision: String, rtol: Double, atol: Double,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let expectedLoss = self.loss.array
        #expect(loss.count == expectedLoss.count && gradient.count == self.gradient.count, sourceLocation: sourceLocation)
        for (index, (got, expected)) in zip(loss, expectedLoss).enumerated() {
            expectClose(got, expected, rtol: rtol, atol: atol, "\(precision) loss[\(index)]", sourceLocation: sourceLocation)
        }
        let gradientAtol = gradientCrossesZero ? rtol * self.gradient.map(abs).max()! : atol
        for (index, (got, expected)) in zip(gradient, self.gradient).enumerated() {
            expectClose(got, expected, rtol: rtol, atol: gradientAtol, "\(precision) gradient[\(index)]", sourceLocation: sourceLocation)
        }
    }
}

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
