import FocalTestSupport
@testable import FocalCLI
import Foundation
import Testing

/// `focal loss` reads every `.npy` variant the issue lists as the same logical array: format
/// versions 1.0, 2.0 and 3.0, big-endian data, Fortran order, and any integer type of labels.
@Suite("focal loss: .npy variants")
struct LossFileFormatTests {
    /// A softmax case with negative (ignored) labels, a 4-d shape and per-class alpha.
    static func dense() throws -> ReferenceCase { try ReferenceCase.named("softmax N,C,H,W ignore") }
    /// A softmax case whose labels are all valid classes, for unsigned and narrow label types.
    static func plain() throws -> ReferenceCase { try ReferenceCase.named("softmax N,C gamma2 mean") }
    /// A sigmoid case with soft targets.
    static func sigmoid() throws -> ReferenceCase { try ReferenceCase.named("sigmoid soft targets") }

    /// Rewrites `x.npy` of `c` in another layout.
    static func rewrite(_ c: ReferenceCase, descr: String, version: UInt8 = 1, fortranOrder: Bool = false) -> (URL) throws -> Void {
        { url in try TestNPY.write(c.x, shape: c.shape, descr: descr, to: url, version: version, fortranOrder: fortranOrder) }
    }

    @Test("Format versions 2.0 and 3.0", arguments: [UInt8(2), 3])
    func versions(_ version: UInt8) throws {
        try LossReferenceTests.check(Self.dense(), .double, xVariant: Self.rewrite(Self.dense(), descr: "<f8", version: version))
    }

    @Test("Big-endian float64 and float32 X")
    func bigEndian() throws {
        try LossReferenceTests.check(Self.dense(), .double, xVariant: Self.rewrite(Self.dense(), descr: ">f8"))
        try LossReferenceTests.check(Self.sigmoid(), .float, xVariant: Self.rewrite(Self.sigmoid(), descr: ">f4"))
    }

    @Test("Fortran-order X is read as the same logical array (gradient in C order)")
    func fortranOrder() throws {
        try LossReferenceTests.check(Self.dense(), .double, xVariant: Self.rewrite(Self.dense(), descr: "<f8", fortranOrder: true))
        try LossReferenceTests.check(Self.sigmoid(), .double, xVariant: Self.rewrite(Self.sigmoid(), descr: "<f8", fortranOrder: true))
    }

    @Test("Signed labels of every width and byte order", arguments: ["<i8", ">i8", "<i4", ">i4", "<i2"])
    func signedLabels(_ descr: String) throws {
        try LossReferenceTests.check(Self.dense(), .double, labelDescr: descr)
    }

    @Test("Unsigned and 8-bit labels (segmentation masks)", arguments: ["|u1", "|i1", "<u2"])
    func narrowLabels(_ descr: String) throws {
        try LossReferenceTests.check(Self.plain(), .double, labelDescr: descr)
    }

    @Test("uint8 mask with 255 as the ignore index equals the reference with -100")
    func maskIgnoreIndex() throws {
        let c = try Self.dense()
        try CLITestPaths.withTemporaryDirectory { directory in
            var arguments = try LossReferenceTests.arguments(for: c, precision: .double, in: directory)
            let mask = c.labels!.map { $0 == -100 ? 255.0 : Double($0) }
            let maskURL = directory.appendingPathComponent("mask.npy")
            try TestNPY.write(mask, shape: c.positionShape, descr: "|u1", to: maskURL)
            let labelsIndex = try #require(arguments.firstIndex(of: "--labels"))
            arguments[labelsIndex + 1] = maskURL.path
            let ignoreIndex = try #require(arguments.firstIndex(of: "--ignore-index"))
            arguments[ignoreIndex + 1] = "255"
            let run = FocalRunner.inProcess(arguments)
            try #require(run.status == 0, "\(run)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            let loss = try #require((json["loss"] as? NSNumber)?.doubleValue)
            expectCLIClose(loss, c.loss.array[0], rtol: 1e-12, atol: 1e-300, "loss")
        }
    }

    @Test("Class-last input: --class-axis -1 equals the explicit last axis")
    func classLast() throws {
        let c = try ReferenceCase.named("softmax N,H,W,C (class last)")
        #expect(c.classAxis == c.shape.count - 1)
        try LossReferenceTests.check(c, .double, arguments: ["--class-axis", "-1"])
    }

    @Test("float16 outputs: a finite value beyond 65504 is refused, not written as infinity (issue 19.6)")
    func halfPrecisionOverflow() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let x = directory.appendingPathComponent("x.npy"), t = directory.appendingPathComponent("t.npy")
            let gradient = directory.appendingPathComponent("g.npy")
            // Probabilities 0 and 1 on the wrong side: the clamped gradient is about 1/eps, far above 65504.
            try TestNPY.write([0, 0.5, 1], shape: [3], descr: "<f2", to: x)
            try TestNPY.write([1, 0, 0], shape: [3], descr: "<f2", to: t)
            let arguments = ["loss", "--kind", "sigmoid", "--input", "probabilities", "--x", x.path, "--targets", t.path,
                             "--gradient", gradient.path]
            let run = FocalRunner.inProcess(arguments)
            #expect(run.status == 1 && run.standardError.contains("--gradient \(gradient.path): entry 0 is"), "\(run)")
            #expect(run.standardError.contains("beyond the largest float16 value (65504)"), "\(run)")
            #expect(!FileManager.default.fileExists(atPath: gradient.path))
            // The same values as float32 give a float32 gradient, with finite entries.
            try TestNPY.write([0, 0.5, 1], shape: [3], descr: "<f4", to: x)
            try TestNPY.write([1, 0, 0], shape: [3], descr: "<f4", to: t)
            let run32 = FocalRunner.inProcess(arguments)
            try #require(run32.status == 0, "\(run32)")
            #expect(try TestNPY.read(gradient).values.allSatisfy(\.isFinite))
        }
    }

    @Test("float16 X: computed in float, gradient written as float16")
    func halfPrecision() throws {
        let c = try Self.plain()
        try CLITestPaths.withTemporaryDirectory { directory in
            let arguments = try LossReferenceTests.arguments(for: c, precision: .float, in: directory)
            // The reference inputs rounded to float16; the same values as float32 give the same
            // loss up to the order of the sums, and the same gradient once rounded to float16 up
            // to one float16 step (the mean's scale may differ in its last Float bit).
            let half = c.x.map { Double(Float16($0)) }
            try TestNPY.write(half, shape: c.shape, descr: "<f2", to: directory.appendingPathComponent("x.npy"))
            let run16 = FocalRunner.inProcess(arguments)
            try #require(run16.status == 0, "\(run16)")
            let gradient16 = try TestNPY.read(directory.appendingPathComponent("gradient.npy"))
            #expect(gradient16.descr == "<f2")
            #expect(run16.standardOutput.contains("\"precision\": \"float\""))
            try TestNPY.write(half, shape: c.shape, descr: "<f4", to: directory.appendingPathComponent("x.npy"))
            let run32 = FocalRunner.inProcess(arguments)
            try #require(run32.status == 0, "\(run32)")
            let loss16 = try #require(LossHalfPathTests.lossText(run16).flatMap(Double.init))
            let loss32 = try #require(LossHalfPathTests.lossText(run32).flatMap(Double.init))
            expectCLIClose(loss16, loss32, rtol: 1e-6, atol: 0, "loss")
            let gradient32 = try TestNPY.read(directory.appendingPathComponent("gradient.npy"))
            for (got, float) in zip(gradient16.values, gradient32.values) {
                let expected = Float16(float)
                #expect(abs(got - Double(expected)) <= Double(expected.ulp), "gradient \(got) vs \(expected)")
            }
        }
    }
}
