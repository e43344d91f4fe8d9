import FocalTestSupport
@testable import FocalCLI
import Foundation
import Testing

/// `focal loss --variant NAME` on every case of the variants' reference file, with each
/// parameter as its kebab-case flag, and its usage errors.
@Suite("focal loss --variant")
struct LossVariantCommandTests {
    static func cases() throws -> [VariantReferenceCase] { try VariantReferenceCase.all() }

    /// The flags of a case's parameters: `gammaPositive` → `--gamma-positive`, alpha null →
    /// `--alpha none`, a list → `a,b,c`.
    static func flags(_ c: VariantReferenceCase) -> [String] {
        c.params.sorted { $0.key < $1.key }.flatMap { key, value -> [String] in
            let flag = "--" + key.replacingOccurrences(of: "([a-z])([A-Z])", with: "$1-$2", options: .regularExpression).lowercased()
            switch value {
            case .none: return [flag, "none"]
            case .number(let number): return [flag, "\(number)"]
            case .numbers(let numbers): return [flag, numbers.map { "\($0)" }.joined(separator: ",")]
            case .flag(let bool): return [flag, "\(bool)"]
            }
        }
    }

    @Test("Every reference case, in double", arguments: try cases())
    func reference(_ c: VariantReferenceCase) throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
            try TestNPY.write(c.x, shape: c.shape, descr: "<f8", to: URL(fileURLWithPath: path("x.npy")))
            let positionShape = c.kind == "softmax" ? c.shape.enumerated().filter { $0.offset != (c.classAxis ?? 1) }.map(\.element) : c.shape
            var arguments = ["loss", "--kind", c.kind, "--x", path("x.npy"), "--variant", c.variant, "--reduction", c.reduction,
                             "--json", "--gradient", path("gradient.npy")] + Self.flags(c)
            if let targets = c.targets {
                try TestNPY.write(targets, shape: c.shape, descr: "<f8", to: URL(fileURLWithPath: path("t.npy")))
                arguments += ["--targets", path("t.npy")]
            }
            if let labels = c.labels {
                try TestNPY.write(labels.map(Double.init), shape: positionShape, descr: "<i8", to: URL(fileURLWithPath: path("y.npy")))
                arguments += ["--labels", path("y.npy")]
            }
            if let weights = c.weights {
                try TestNPY.write(weights, shape: positionShape, descr: "<f8", to: URL(fileURLWithPath: path("w.npy")))
                arguments += ["--weights", path("w.npy")]
            }
            if let axis = c.classAxis { arguments += ["--class-axis", "\(axis)"] }
            if let ignore = c.ignoreIndex { arguments += ["--ignore-index", "\(ignore)"] }
            if let smoothing = c.labelSmoothing, smoothing > 0 { arguments += ["--label-smoothing", "\(smoothing)"] }
            if let normalizer = c.normalizer { arguments += ["--normalizer", "\(normalizer)"] }
            if c.reduction == "none" { arguments += ["--out", path("losses.npy")] }
            let run = FocalRunner.inProcess(arguments)
            try #require(run.status == 0, "\(run)")
            let losses = c.reduction == "none"
                ? try TestNPY.read(directory.appendingPathComponent("losses.npy")).values
                : [try #require((try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])?["loss"] as? NSNumber).doubleValue]
            let gradient = try TestNPY.read(directory.appendingPathComponent("gradient.npy")).values
            c.expectCLIMatch(losses, c.loss.array)
            c.expectCLIMatch(gradient, c.gradient)
        }
    }

    @Test("A parameter of another variant, a value out of range, a sigmoid-only variant on softmax: usage errors")
    func usageErrors() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let x = directory.appendingPathComponent("x.npy"), t = directory.appendingPathComponent("t.npy")
            try TestNPY.write([0.5, -1, 2, 0], shape: [2, 2], descr: "<f4", to: x)
            try TestNPY.write([1, 0, 0, 1], shape: [2, 2], descr: "<f4", to: t)
            let base = ["loss", "--kind", "sigmoid", "--x", x.path, "--targets", t.path]
            let cases: [([String], String)] = [
                (["--variant", "qfl", "--epsilon", "1"], "--epsilon does not apply to --variant qfl; its parameters are --beta"),
                (["--variant", "asl", "--gamma", "2"],
                 "--gamma does not apply to --variant asl; its parameters are --gamma-positive, --gamma-negative, --clip"),
                (["--variant", "asl", "--alpha", "0.5"], "--alpha does not apply to --variant asl"),
                (["--iou-weighted", "true"], "--iou-weighted does not apply to --variant focal; its parameters are --gamma, --alpha"),
                (["--variant", "asl", "--clip", "1"], "--clip: value 1 must be in [0, 1)"),
                (["--variant", "poly1", "--epsilon", "-1.5"], "--epsilon: value -1.5 must be finite and >= -1"),
                (["--variant", "focal-star", "--gamma", "0"], "--gamma: value 0 must be finite and > 0 for focal-star"),
                (["--variant", "asl", "--gamma-negative", "-1"], "--gamma-negative: value -1 must be finite and >= 0"),
                (["--variant", "qfl", "--input", "probabilities"], "--variant qfl takes logits"),
                (["--variant", "vfl", "--iou-weighted", "maybe"], "iou-weighted"),
            ]
            for (extra, message) in cases {
                let run = FocalRunner.inProcess(base + extra)
                #expect(run.status == 64 && run.standardError.contains(message), "\(extra): \(run)")
            }
            let softmax = FocalRunner.inProcess(["loss", "--kind", "softmax", "--x", x.path, "--targets", t.path, "--variant", "asl"])
            #expect(softmax.status == 64 && softmax.standardError.contains("--variant asl is a sigmoid loss; softmax has focal and poly1"))
            let star = FocalRunner.inProcess(base + ["--variant", "focal-star", "--reduction", "sum"])
            #expect(star.status == 0, "\(star)")
        }
    }

    @Test("--help lists every variant with its parameters' defaults")
    func help() {
        let help = LossCommand.helpMessage(columns: 10_000)
        for text in ["focal-star: --gamma 2, --beta 1, --alpha 0.25", "poly1: --gamma 2 (softmax 0), --alpha 0.25 (softmax none), --epsilon 1",
                     "asl: --gamma-positive 0, --gamma-negative 4, --clip 0.05", "qfl: --beta 2",
                     "vfl: --alpha 0.75, --gamma 2, --iou-weighted true", "--gamma-positive", "--iou-weighted <true|false>"] {
            #expect(help.contains(text), "\(text)")
        }
    }
}

extension VariantReferenceCase {
    /// The CLI computes in double: within 1e-12 of the reference, relative to each array's
    /// largest entry for the entries that are differences (the library's tests hold the
    /// strict per-entry tolerance).
    func expectCLIMatch(_ got: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == expected.count, "\(name): sizes", sourceLocation: sourceLocation)
        let scale = expected.map(abs).max() ?? 0
        for (index, (value, reference)) in zip(got, expected).enumerated() {
            expectCLIClose(value, reference, rtol: 1e-12, atol: 1e-12 * scale, "\(name)[\(index)]", sourceLocation: sourceLocation)
        }
    }
}
