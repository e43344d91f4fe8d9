import FocalLoss
import FocalTestSupport
import Testing

/// The peer-call mappings of the article "Migrating from PyTorch, Keras and JAX" checked numerically:
/// for each case, ``PeerMigrationCalls/run(_:_:as:)`` makes the call that the article's slice shows
/// (`Snippets/PeerMappings.swift`, slice `torchvision`; `Snippets/PeerVariantMappings.swift`, the
/// slice named in each test), with the same arguments, on the inputs of
/// `Tests/Fixtures/peers/peer_migration.json`, and the loss and gradient are compared with the values
/// the peer's own formula gives there (PyTorch float64 autograd in `scripts/peer_migration_fixture.py`;
/// nothing in the fixture comes from FocalLoss).
///
/// Tolerance, for every loss and gradient entry: `|got - ref| <= rtol·|ref| + rtol·max|ref|` (the
/// maximum over the case's array: gradients of soft targets and of the variants cross zero), with
/// `rtol = 1e-11` in `Double` (the peers' float64 formulas are accurate to about 1e-13 on these
/// inputs, logits in [-6, 6]) and `rtol = 2e-5` in `Float` (the inputs are `Float` values, so both
/// precisions share the reference).
@Suite("Migration article: each peer's call mapped to ours")
struct PeerMigrationTests {
    static let doubleTolerance = 1e-11
    static let floatTolerance = 2e-5

    /// Runs the case `name` in `Double` and `Float` and checks both against the fixture.
    private func check(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reference = try PeerMigrationCase.named(name)
        let runs = [
            ("Double", Self.doubleTolerance, try PeerMigrationCalls.run(name, reference, as: Double.self)),
            ("Float", Self.floatTolerance, try PeerMigrationCalls.run(name, reference, as: Float.self)),
        ]
        for (precision, rtol, (loss, gradient)) in runs {
            let what = "\(name) [\(reference.peer)] \(precision)"
            expectMatch(loss, reference.loss.array, rtol: rtol, "\(what) loss", sourceLocation)
            expectMatch(gradient, reference.gradient, rtol: rtol, "\(what) gradient", sourceLocation)
        }
    }

    private func expectMatch(
        _ got: [Double], _ expected: [Double], rtol: Double, _ what: String, _ sourceLocation: SourceLocation
    ) {
        #expect(got.count == expected.count, "\(what): \(got.count) values, expected \(expected.count)",
                sourceLocation: sourceLocation)
        let atol = rtol * (expected.map(abs).max() ?? 0)
        for (index, (g, e)) in zip(got, expected).enumerated() {
            expectClose(g, e, rtol: rtol, atol: atol, "\(what)[\(index)]", sourceLocation: sourceLocation)
        }
    }

    @Test("torchvision.ops.sigmoid_focal_loss: none, mean, sum (table; slice torchvision)")
    func torchvision() throws {
        for name in ["torchvision/none", "torchvision/mean", "torchvision/sum"] { try check(name) }
    }

    @Test("fvcore sigmoid_focal_loss_star (slice fvcoreFocalStar)")
    func fvcoreFocalStar() throws {
        for name in ["fvcoreFocalStar/defaults", "fvcoreFocalStar/alphaGamma"] { try check(name) }
    }

    @Test("PolyLoss poly1_focal_loss, epsilon 1 and -1 (slice polyLossFocal)")
    func polyLossFocal() throws {
        for name in ["polyLossFocal/epsilon1", "polyLossFocal/epsilonMinus1"] { try check(name) }
    }

    @Test("PolyLoss poly1_cross_entropy and timm PolyCrossEntropy (slice polyCrossEntropy)")
    func polyCrossEntropy() throws {
        for name in ["polyLossCrossEntropy/smoothed", "timmPolyCrossEntropy/smoothed"] { try check(name) }
    }

    @Test("timm PolyBinaryCrossEntropy: alpha with mean, batchmean (slice timmPolyBinary)")
    func timmPolyBinary() throws {
        for name in ["timmPolyBinary/alphaMean", "timmPolyBinary/batchmean"] { try check(name) }
    }

    @Test("ASL AsymmetricLoss (sum), timm AsymmetricLossMultiLabel (batchmean) (slice asymmetric)")
    func asymmetric() throws {
        for name in ["aslAsymmetricLoss/sum", "timmAsymmetricLoss/batchmean"] { try check(name) }
    }

    @Test("mmdet quality_focal_loss: avg_factor, anchor mean, tensor target (slice mmdetQualityFocal)")
    func mmdetQualityFocal() throws {
        for name in ["mmdetQualityFocal/avgFactor", "mmdetQualityFocal/mean", "mmdetQualityFocalTensor/mean"] {
            try check(name)
        }
    }

    @Test("mmdet varifocal_loss: avg_factor, weight with mean (slice mmdetVarifocal)")
    func mmdetVarifocal() throws {
        for name in ["mmdetVarifocal/avgFactor", "mmdetVarifocal/weightMean"] { try check(name) }
    }

    @Test("Every case of the fixture has a call, and every call a case")
    func coverage() throws {
        #expect(Set(try PeerMigrationCase.names()) == Set(PeerMigrationCalls.names))
    }
}
