import FocalTestSupport
import FocalLoss
import Testing

/// Every case of the variants' reference file (each definition in 60-digit arithmetic, its
/// gradient by numerical differentiation) through the library, in `Double` and `Float`, at the
/// tolerances of the reference README's section "Variants".
@Suite("Loss variants: reference cases")
struct VariantReferenceTests {
    static func cases() throws -> [VariantReferenceCase] { try VariantReferenceCase.all() }

    @Test("Double within rtol 1e-12", arguments: try cases())
    func double(_ c: VariantReferenceCase) throws {
        let (loss, gradient) = try VariantLosses.run(c, as: Double.self)
        c.expectMatch(loss: loss, gradient: gradient, precision: "Double", rtol: 1e-12, atol: 1e-300)
    }

    @Test("Float within rtol 2e-5", arguments: try cases())
    func float(_ c: VariantReferenceCase) throws {
        let (loss, gradient) = try VariantLosses.run(c, as: Float.self)
        c.expectMatch(loss: loss, gradient: gradient, precision: "Float", rtol: 2e-5, atol: 1e-30)
    }

    @Test("The file has every variant of both kinds")
    func coverage() throws {
        let cases = try Self.cases()
        let sigmoid = Set(cases.filter { $0.kind == "sigmoid" }.map(\.variant))
        let softmax = Set(cases.filter { $0.kind == "softmax" }.map(\.variant))
        #expect(sigmoid == ["focal", "focal-star", "poly1", "asl", "qfl", "vfl"])
        #expect(softmax == ["focal", "poly1"])
    }
}
