import FocalTestSupport
@testable import FocalCLI
import Foundation
import Testing

/// The options of `focal loss` beyond the reference cases' own: precision, reductions, the
/// normaliser, weights, a sigmoid alpha list, and the help text.
@Suite("focal loss: options")
struct LossOptionTests {
    static func reference(_ prefix: String) throws -> ReferenceCase {
        try ReferenceCase.named(prefix)
    }

    static func json(_ run: CLIRun) throws -> [String: Any] {
        try #require(run.status == 0, "\(run)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    }

    @Test("--precision double on float32 X computes in double and writes the gradient as float32")
    func precisionOverride() throws {
        let c = try Self.reference("sigmoid gamma1.5 no-alpha mean")
        try CLITestPaths.withTemporaryDirectory { directory in
            let arguments = try LossReferenceTests.arguments(for: c, precision: .float, in: directory) + ["--precision", "double"]
            let json = try Self.json(FocalRunner.inProcess(arguments))
            #expect(json["precision"] as? String == "double")
            let loss = try #require((json["loss"] as? NSNumber)?.doubleValue)
            expectCLIClose(loss, c.loss.array[0], rtol: 1e-12, atol: 1e-300, "loss")
            let gradient = try TestNPY.read(directory.appendingPathComponent("gradient.npy"))
            #expect(gradient.descr == "<f4")
            for (index, (got, expected)) in zip(gradient.values, c.gradient).enumerated() {
                // Computed in double and rounded once to float32: within float32's half ulp
                // (2^-24 relative), far tighter than a float computation's 2e-5.
                expectCLIClose(got, expected, rtol: 6e-8, atol: 1e-300, "gradient[\(index)]")
            }
        }
    }

    @Test("--reduction none without --json prints nothing and writes per-position losses")
    func noneIsQuiet() throws {
        let c = try Self.reference("softmax gamma0 none")
        try CLITestPaths.withTemporaryDirectory { directory in
            let arguments = try LossReferenceTests.arguments(for: c, precision: .double, in: directory).filter { $0 != "--json" }
            let run = FocalRunner.inProcess(arguments)
            #expect(run.status == 0 && run.standardOutput.isEmpty, "\(run)")
            let losses = try TestNPY.read(directory.appendingPathComponent("losses.npy"))
            #expect(losses.shape == [c.shape[0]])
        }
    }

    @Test("--normalizer M gives the sum divided by M, gradient too")
    func normalizer() throws {
        let c = try Self.reference("sigmoid gamma5 alpha0.5 sum")
        try CLITestPaths.withTemporaryDirectory { directory in
            var arguments = try LossReferenceTests.arguments(for: c, precision: .double, in: directory)
            let reduction = try #require(arguments.firstIndex(of: "--reduction"))
            arguments.removeSubrange(reduction...(reduction + 1))
            let json = try Self.json(FocalRunner.inProcess(arguments + ["--normalizer", "4"]))
            let loss = try #require((json["loss"] as? NSNumber)?.doubleValue)
            expectCLIClose(loss, c.loss.array[0] / 4, rtol: 1e-12, atol: 1e-300, "loss")
            let gradient = try TestNPY.read(directory.appendingPathComponent("gradient.npy"))
            for (index, (got, expected)) in zip(gradient.values, c.gradient).enumerated() {
                expectCLIClose(got, expected / 4, rtol: 1e-12, atol: 1e-300, "gradient[\(index)]")
            }
        }
    }

    @Test("0/1 --weights (uint8 mask): mean over the unmasked elements of the reference losses")
    func weightsMask() throws {
        let c = try Self.reference("sigmoid saturated logits gamma2 no-alpha none")
        try CLITestPaths.withTemporaryDirectory { directory in
            var arguments = try LossReferenceTests.arguments(for: c, precision: .double, in: directory)
            let reduction = try #require(arguments.firstIndex(of: "--reduction"))
            arguments[reduction + 1] = "mean"
            let output = try #require(arguments.firstIndex(of: "--output"))
            arguments.removeSubrange(output...(output + 1))
            let mask = c.x.indices.map { $0 % 3 == 0 ? 0.0 : 1.0 }
            let maskURL = directory.appendingPathComponent("mask.npy")
            try TestNPY.write(mask, shape: c.shape, descr: "|u1", to: maskURL)
            let json = try Self.json(FocalRunner.inProcess(arguments + ["--weights", maskURL.path]))
            let loss = try #require((json["loss"] as? NSNumber)?.doubleValue)
            let kept = zip(c.loss.array, mask).filter { $0.1 == 1 }.map(\.0)
            expectCLIClose(loss, kept.reduce(0, +) / Double(kept.count), rtol: 1e-12, atol: 1e-300, "loss")
            let gradient = try TestNPY.read(directory.appendingPathComponent("gradient.npy"))
            for index in mask.indices {
                let expected = mask[index] * c.gradient[index] / Double(kept.count)
                expectCLIClose(gradient.values[index], expected, rtol: 1e-12, atol: 1e-300, "gradient[\(index)]")
            }
        }
    }

    @Test("Sigmoid --alpha list along --class-axis: each class weighted by its own alpha")
    func sigmoidAlphaList() throws {
        // Reference losses with alpha 0.75; with alpha a_c the loss of an element with target t is
        // rescaled by (a_c t + (1 - a_c)(1 - t)) / (0.75 t + 0.25 (1 - t)), by the definition.
        let c = try Self.reference("sigmoid saturated logits gamma0.5 alpha0.75 none")
        let alphas = [0.75, 0.5]
        #expect(c.shape == [7, 2])
        try CLITestPaths.withTemporaryDirectory { directory in
            var arguments = try LossReferenceTests.arguments(for: c, precision: .double, in: directory)
            let alpha = try #require(arguments.firstIndex(of: "--alpha"))
            arguments[alpha + 1] = "0.75,0.5"
            let run = FocalRunner.inProcess(arguments + ["--class-axis", "-1"])
            try #require(run.status == 0, "\(run)")
            let losses = try TestNPY.read(directory.appendingPathComponent("losses.npy"))
            for index in c.x.indices {
                let t = c.targets![index], a = alphas[index % 2]
                let scale = (a * t + (1 - a) * (1 - t)) / (0.75 * t + 0.25 * (1 - t))
                expectCLIClose(losses.values[index], c.loss.array[index] * scale, rtol: 1e-12, atol: 1e-300, "loss[\(index)]")
            }
        }
    }

    @Test("Help explains every option with its default")
    func help() {
        // Words wrapped onto the next line are joined again.
        let help = LossCommand.helpMessage().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for option in ["--kind", "--input", "--x", "--targets", "--labels", "--class-axis", "--alpha", "--gamma",
                       "--reduction", "--ignore-index", "--label-smoothing", "--weights", "--normalizer",
                       "--precision", "--gradient", "--output", "--json"] {
            #expect(help.contains(option), "\(option)")
        }
        for text in ["default: logits", "default: the variant's, 2;", "default: mean", "default: 1)", "default: X's", "Default: none"] {
            #expect(help.contains(text), "\(text)")
        }
        #expect(Focal.helpMessage().contains("loss") && Focal.helpMessage().contains("curves"))
    }

    @Test("float32 logits of 1e38: the mean is 1e38, the sum beyond float is an error, never inf or null (issue 19.5)")
    func hugeFloatLosses() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let x = directory.appendingPathComponent("x.npy").path, t = directory.appendingPathComponent("t.npy").path
            try TestNPY.write([Double](repeating: 1e38, count: 32), shape: [32], descr: "<f4", to: URL(fileURLWithPath: x))
            try TestNPY.write([Double](repeating: 0, count: 32), shape: [32], descr: "<f4", to: URL(fileURLWithPath: t))
            let base = ["loss", "--kind", "sigmoid", "--x", x, "--targets", t, "--json"]
            let mean = try Self.json(FocalRunner.inProcess(base))
            let loss = try #require((mean["loss"] as? NSNumber)?.doubleValue)
            #expect(abs(loss - 1e38) <= 1e-6 * 1e38, "\(mean)")
            let sum = FocalRunner.inProcess(base + ["--reduction", "sum"])
            #expect(sum.status == 1 && sum.standardError.contains("the sum loss overflows float"), "\(sum)")
            #expect(sum.standardOutput.isEmpty)
            let double = try Self.json(FocalRunner.inProcess(base + ["--reduction", "sum", "--precision", "double"]))
            #expect(abs(((double["loss"] as? NSNumber)?.doubleValue ?? 0) - 3.2e39) <= 1e-6 * 3.2e39, "\(double)")
        }
    }
}
