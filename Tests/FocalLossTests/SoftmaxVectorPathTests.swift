@testable import FocalLoss
import FocalTestSupport
import Testing

/// Which softmax calls the vector kernels take (they check the logits as they go, so the call
/// defers its scan to them): the reference cases' suites are only evidence for the vector kernels
/// if their calls reach them.
@Suite("Softmax: the calls that take the vector kernels")
struct SoftmaxVectorPathTests {
    /// Whether a case's call takes a vector kernel in `Scalar`.
    static func takesVectorKernel<Scalar: FocalScalar>(_ c: VariantReferenceCase, as _: Scalar.Type) throws -> Bool {
        let loss = try VariantLosses.softmax(c, as: Scalar.self)
        let x = c.x.map { Scalar($0) }
        let labels = try #require(c.labels)
        return try x.withUnsafeBufferPointer { predictions in
            try labels.withUnsafeBufferPointer { labelBuffer in
                try loss.call(predictions, shape: c.shape, classAxis: c.classAxis ?? 1, labels: labelBuffer,
                              ignoreIndex: c.ignoreIndex, weights: nil, checked: true).deferredChecks
            }
        }
    }

    @Test("The Poly-1 reference cases with labels and no smoothing take the vector kernels")
    func poly1ReferenceCases() throws {
        let cases = try VariantReferenceCase.all().filter {
            $0.kind == "softmax" && $0.variant == "poly1" && $0.labels != nil && ($0.labelSmoothing ?? 0) == 0
        }
        #expect(cases.count >= 6, "the reference file's softmax Poly-1 cases with labels")
        for c in cases {
            let axis = c.classAxis ?? 1
            let inner = c.shape[(axis < 0 ? axis + c.shape.count : axis) + 1 ..< c.shape.count].reduce(1, *)
            // Columns need a whole vector of positions per block: 4 Double lanes, 8 Float lanes.
            #expect(try Self.takesVectorKernel(c, as: Double.self) == (inner == 1 || inner >= 4), "Double: \(c.name)")
            #expect(try Self.takesVectorKernel(c, as: Float.self) == (inner == 1 || inner >= 8), "Float: \(c.name)")
        }
    }

    @Test("Label smoothing and target tensors stay on the scalar kernel")
    func scalarCalls() throws {
        let smoothed = try SoftmaxFocalLoss<Float>.poly1(epsilon: 2, labelSmoothing: 0.1)
        let x = [Float](repeating: 0.5, count: 16)
        let deferred = try x.withUnsafeBufferPointer { predictions in
            try [Int32](repeating: 1, count: 2).withUnsafeBufferPointer { labels in
                try smoothed.call(predictions, shape: [2, 8], classAxis: -1, labels: labels, ignoreIndex: nil,
                                  weights: nil, checked: true).deferredChecks
            }
        }
        #expect(!deferred)
    }
}
