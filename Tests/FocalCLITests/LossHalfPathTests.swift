import FocalLoss
import FocalTestSupport
@testable import FocalCLI
import Foundation
import Testing

/// `focal loss` with float16 files: the `Float16` entry points of `FocalLoss`, bit for bit, and a
/// float16 gradient file.
@Suite("focal loss: float16 files take the Float16 entry points")
struct LossHalfPathTests {
    /// The loss text of a `--json` run.
    static func lossText(_ run: CLIRun) -> String? {
        run.standardOutput.firstMatch(of: /"loss": ([^,}\s]+)/).map { String($0.1) }
    }

    /// Writes `values` as a little-endian float16 `.npy` file.
    static func writeHalf(_ values: [Float16], shape: [Int], to url: URL) throws {
        try TestNPY.write(values.map(Double.init), shape: shape, descr: "<f2", to: url)
    }

    /// The gradient file: float16, shaped `shape`, its values as `Float16` bit patterns.
    static func gradientBits(_ url: URL, shape: [Int]) throws -> [UInt16] {
        let file = try TestNPY.read(url)
        #expect(file.descr == "<f2")
        #expect(file.shape == shape)
        return file.values.map { Float16($0).bitPattern }
    }

    @Test("Sigmoid with per-class alpha and weights: the library's Float16 call bit for bit, with and without --gradient")
    func sigmoid() throws {
        var rng = SplitMix64(seed: 71)
        // (480, 80): 38400 values, more than one slab of the Float16 pipeline.
        let shape = [480, 80]
        let count = 480 * 80
        let x = (0..<count).map { _ in Float16(Double.random(in: -6...6, using: &rng)) }
        let t = (0..<count).map { _ in Float16(Double.random(in: 0...1, using: &rng) < 0.1 ? 1 : 0) }
        let w = (0..<count).map { _ in Float16(Double.random(in: 0...2, using: &rng)) }
        let alpha = (0..<80).map { Double($0 % 7 + 1) / 8 }
        let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: .perClass(alpha.map(Float.init), classAxis: -1))
        let (loss, gradient) = try focal.lossAndGradient(x, targets: t, shape: shape, weights: w, reduction: .mean)
        try CLITestPaths.withTemporaryDirectory { directory in
            func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
            try Self.writeHalf(x, shape: shape, to: url("x.npy"))
            try Self.writeHalf(t, shape: shape, to: url("t.npy"))
            try Self.writeHalf(w, shape: shape, to: url("w.npy"))
            let arguments = ["loss", "--kind", "sigmoid", "--x", url("x.npy").path, "--targets", url("t.npy").path,
                             "--weights", url("w.npy").path, "--alpha", alpha.map { "\($0)" }.joined(separator: ","),
                             "--class-axis", "-1", "--gamma", "2", "--json"]
            let run = FocalRunner.inProcess(arguments + ["--gradient", url("g.npy").path])
            try #require(run.status == 0, "\(run)")
            #expect(Self.lossText(run) == "\(loss)", "\(run.standardOutput) vs \(loss)")
            #expect(run.standardOutput.contains("\"precision\": \"float\""))
            #expect(try Self.gradientBits(url("g.npy"), shape: shape) == gradient.map(\.bitPattern))
            let lossOnly = FocalRunner.inProcess(arguments)
            try #require(lossOnly.status == 0, "\(lossOnly)")
            #expect(Self.lossText(lossOnly) == "\(loss)")
        }
    }

    @Test("Softmax with labels, ignore index, weights, alpha, label smoothing and a normalizer: the library's Float16 call bit for bit")
    func softmax() throws {
        var rng = SplitMix64(seed: 72)
        let rows = 3000, classes = 10
        let shape = [rows, classes]
        let x = (0..<(rows * classes)).map { _ in Float16(Double.random(in: -8...8, using: &rng)) }
        var labels = (0..<rows).map { _ in Int64.random(in: 0..<Int64(classes), using: &rng) }
        for p in stride(from: 0, to: rows, by: 9) { labels[p] = -100 }
        let w = (0..<rows).map { _ in Float16(Double.random(in: 0...2, using: &rng)) }
        let alpha = (0..<classes).map { Double($0 + 1) / 10 }
        let focal = try SoftmaxFocalLoss<Float>(gamma: 1.5, alpha: .perClass(alpha.map(Float.init)), labelSmoothing: 0.1)
        let (loss, gradient) = try focal.lossAndGradient(
            x, shape: shape, classAxis: -1, labels: labels, ignoreIndex: -100, weights: w, reduction: .normalized(by: 7))
        try CLITestPaths.withTemporaryDirectory { directory in
            func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
            try Self.writeHalf(x, shape: shape, to: url("x.npy"))
            try TestNPY.write(labels.map(Double.init), shape: [rows], descr: "<i8", to: url("y.npy"))
            try Self.writeHalf(w, shape: [rows], to: url("w.npy"))
            let run = FocalRunner.inProcess([
                "loss", "--kind", "softmax", "--x", url("x.npy").path, "--labels", url("y.npy").path, "--weights", url("w.npy").path,
                "--class-axis", "-1", "--gamma", "1.5", "--alpha", alpha.map { "\($0)" }.joined(separator: ","),
                "--label-smoothing", "0.1", "--ignore-index", "-100", "--reduction", "sum", "--normalizer", "7", "--json",
                "--gradient", url("g.npy").path])
            try #require(run.status == 0, "\(run)")
            #expect(Self.lossText(run) == "\(loss)", "\(run.standardOutput) vs \(loss)")
            #expect(try Self.gradientBits(url("g.npy"), shape: shape) == gradient.map(\.bitPattern))
        }
    }

    @Test("float16 X with float32 targets or weights, soft softmax targets, or --reduction none: widened to float as before")
    func otherCallsWiden() throws {
        var rng = SplitMix64(seed: 73)
        let shape = [50, 4]
        let x = (0..<200).map { _ in Float16(Double.random(in: -4...4, using: &rng)) }
        let t = (0..<200).map { _ in Double(Double.random(in: 0...1, using: &rng) < 0.3 ? 1 : 0) }
        let focal = try SigmoidFocalLoss<Float>(gamma: 2)
        let (floatLoss, _) = try focal.lossAndGradient(x.map(Float.init), targets: t.map(Float.init), reduction: .mean)
        let losses = try focal.elementwiseLosses(x.map(Float.init), targets: t.map(Float.init))
        try CLITestPaths.withTemporaryDirectory { directory in
            func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
            try Self.writeHalf(x, shape: shape, to: url("x.npy"))
            try TestNPY.write(t, shape: shape, descr: "<f4", to: url("t.npy"))
            let base = ["loss", "--kind", "sigmoid", "--x", url("x.npy").path, "--targets", url("t.npy").path, "--json"]
            let run = FocalRunner.inProcess(base + ["--gradient", url("g.npy").path])
            try #require(run.status == 0, "\(run)")
            #expect(Self.lossText(run) == "\(floatLoss)")
            #expect(try TestNPY.read(url("g.npy")).descr == "<f2")
            let none = FocalRunner.inProcess(base + ["--reduction", "none", "--output", url("l.npy").path])
            try #require(none.status == 0, "\(none)")
            let written = try TestNPY.read(url("l.npy"))
            #expect(written.descr == "<f2")
            #expect(written.values.map { Float16($0).bitPattern } == losses.map { Float16($0).bitPattern })
        }
    }
}
