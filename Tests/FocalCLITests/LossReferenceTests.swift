import FocalTestSupport
@testable import FocalCLI
import Foundation
import Testing

/// `focal loss` on every case of the reference file, written as `.npy` files: the loss on
/// stdout, the gradient file and (for `none`) the per-element losses file agree with the
/// reference values at the tolerances its README states.
@Suite("focal loss: reference cases round-tripped through .npy")
struct LossReferenceTests {
    /// Every case of the reference file (throws, naming the file, when it cannot be read).
    static func cases() throws -> [ReferenceCase] { try ReferenceCase.all() }

    /// The tolerances of `shared/README.md (reference/)` for one precision.
    struct Precision: Sendable, CustomTestStringConvertible {
        var descr: String
        var name: String
        var rtol: Double
        var atol: Double
        var testDescription: String { name }
        static let float = Precision(descr: "<f4", name: "float", rtol: 2e-5, atol: 1e-30)
        static let double = Precision(descr: "<f8", name: "double", rtol: 1e-12, atol: 1e-300)
    }

    /// Writes the case's arrays into `directory` and returns the `focal loss` arguments for it.
    static func arguments(for c: ReferenceCase, precision: Precision, in directory: URL,
                          labelDescr: String = "<i8") throws -> [String] {
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        try TestNPY.write(c.x, shape: c.shape, descr: precision.descr, to: URL(fileURLWithPath: path("x.npy")))
        var arguments = ["loss", "--kind", c.kind, "--input", c.input, "--x", path("x.npy"),
                         "--gamma", "\(c.gamma)", "--reduction", c.reduction, "--json",
                         "--gradient", path("gradient.npy")]
        if let targets = c.targets {
            try TestNPY.write(targets, shape: c.shape, descr: precision.descr, to: URL(fileURLWithPath: path("targets.npy")))
            arguments += ["--targets", path("targets.npy")]
        }
        if let labels = c.labels {
            try TestNPY.write(labels.map(Double.init), shape: c.positionShape, descr: labelDescr, to: URL(fileURLWithPath: path("labels.npy")))
            arguments += ["--labels", path("labels.npy")]
        }
        if let weights = c.weights {
            try TestNPY.write(weights, shape: c.positionShape, descr: precision.descr, to: URL(fileURLWithPath: path("weights.npy")))
            arguments += ["--weights", path("weights.npy")]
        }
        if let classAxis = c.classAxis { arguments += ["--class-axis", "\(classAxis)"] }
        if let alpha = c.alphaOption { arguments += ["--alpha", alpha] }
        if let ignoreIndex = c.ignoreIndex { arguments += ["--ignore-index", "\(ignoreIndex)"] }
        if let smoothing = c.labelSmoothing, smoothing > 0 { arguments += ["--label-smoothing", "\(smoothing)"] }
        if let normalizer = c.normalizer { arguments += ["--normalizer", "\(normalizer)"] }
        if c.reduction == "none" { arguments += ["--output", path("losses.npy")] }
        return arguments
    }

    /// Runs the case and checks stdout and the files written.
    static func check(_ c: ReferenceCase, _ precision: Precision, arguments extra: [String] = [],
                      labelDescr: String = "<i8", xVariant: ((URL) throws -> Void)? = nil) throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let arguments = try Self.arguments(for: c, precision: precision, in: directory, labelDescr: labelDescr) + extra
            try xVariant?(directory.appendingPathComponent("x.npy"))
            let run = FocalRunner.inProcess(arguments)
            try #require(run.status == 0, "\(run)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            #expect(json["precision"] as? String == precision.name)
            #expect(json["elements"] as? Int == c.x.count)
            if c.reduction == "none" {
                #expect(json["loss"] is NSNull, "\(run.standardOutput)")
                let losses = try TestNPY.read(directory.appendingPathComponent("losses.npy"))
                #expect(losses.descr == precision.descr)
                #expect(losses.shape == c.positionShape)
                try #require(losses.values.count == c.loss.array.count)
                for (index, (got, expected)) in zip(losses.values, c.loss.array).enumerated() {
                    expectCLIClose(got, expected, rtol: precision.rtol, atol: precision.atol, "loss[\(index)]")
                }
            } else {
                let loss = try #require((json["loss"] as? NSNumber)?.doubleValue, "\(run.standardOutput)")
                expectCLIClose(loss, c.loss.array[0], rtol: precision.rtol, atol: precision.atol, "loss")
            }
            let gradient = try TestNPY.read(directory.appendingPathComponent("gradient.npy"))
            #expect(gradient.descr == precision.descr)
            #expect(gradient.shape == c.shape)
            try #require(gradient.values.count == c.gradient.count)
            let gradientAtol = c.gradientCrossesZero ? precision.rtol * c.gradient.map(abs).max()! : precision.atol
            for (index, (got, expected)) in zip(gradient.values, c.gradient).enumerated() {
                expectCLIClose(got, expected, rtol: precision.rtol, atol: gradientAtol, "gradient[\(index)]")
            }
        }
    }

    @Test("float64 files: loss, gradient and losses within rtol 1e-12", arguments: try cases())
    func double(_ c: ReferenceCase) throws {
        try Self.check(c, .double)
    }

    @Test("float32 files: loss, gradient and losses within rtol 2e-5", arguments: try cases())
    func float(_ c: ReferenceCase) throws {
        try Self.check(c, .float)
    }

    @Test("Without --json, stdout is the bare loss", arguments: try cases().filter { $0.reduction != "none" }.prefix(4))
    func plainText(_ c: ReferenceCase) throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let arguments = try Self.arguments(for: c, precision: .double, in: directory).filter { $0 != "--json" }
            let run = FocalRunner.inProcess(arguments)
            try #require(run.status == 0, "\(run)")
            #expect(run.standardOutput.hasSuffix("\n") && run.standardOutput.filter { $0 == "\n" }.count == 1)
            let loss = try #require(Double(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)))
            expectCLIClose(loss, c.loss.array[0], rtol: 1e-12, atol: 1e-300, "loss")
        }
    }
}
