@testable import FocalCLI
import Foundation
import Testing

/// Every error path of `focal loss`: one line on stderr naming the option or file and the
/// problem, exit status 1 for bad input (64, ArgumentParser's usage status, for bad command
/// lines), and no output file written or left half-written.
@Suite("focal loss: errors")
struct LossErrorTests {
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        var fragments: [String]
        var testDescription: String { name }
    }

    static let softmax = ["loss", "--kind", "softmax", "--x", "x.npy", "--labels", "y.npy", "--gradient", "g.npy"]
    static let sigmoid = ["loss", "--kind", "sigmoid", "--x", "x.npy", "--targets", "t.npy", "--gradient", "g.npy"]

    /// `base` with the values of some options replaced and more arguments appended.
    static func with(_ base: [String], _ replacements: [String: String] = [:], _ extra: [String] = []) -> [String] {
        var arguments = base
        for (option, value) in replacements {
            arguments[arguments.firstIndex(of: option)! + 1] = value
        }
        return arguments + extra
    }

    /// Writes the fixture files into `directory`: X of shape (4, 3) and friends, good and bad.
    static func writeFixtures(in directory: URL) throws {
        func write(_ name: String, _ values: [Double], _ shape: [Int], _ descr: String, version: UInt8 = 1) throws {
            try TestNPY.write(values, shape: shape, descr: descr, to: directory.appendingPathComponent(name), version: version)
        }
        let x: [Double] = [0.5, -1, 2, 0, 1.5, -0.25, 3, -2, 0.75, 1, 1, -1]
        try write("x.npy", x, [4, 3], "<f4")
        try write("xi.npy", x.indices.map(Double.init), [4, 3], "<i8")
        try write("xnan.npy", x.enumerated().map { $0.offset == 4 ? .nan : $0.element }, [4, 3], "<f4")
        try write("p.npy", x.map { $0 == 3 ? 1.5 : 0.5 }, [4, 3], "<f4")
        try write("xempty.npy", [], [0, 3], "<f4")
        try write("yempty.npy", [], [0], "<i8")
        try write("y.npy", [0, 1, 2, 1], [4], "<i8")
        try write("y7.npy", [0, 1, 7, 1], [4], "<i8")
        try write("yneg.npy", [0, -100, 1, 2], [4], "<i8")
        try write("yf.npy", [0, 1, 2, 1], [4], "<f4")
        try write("y5.npy", [0, 1, 2, 1, 0], [5], "<i8")
        try write("t.npy", x.map { $0 > 0 ? 1 : 0 }, [4, 3], "<f4")
        try write("t15.npy", x.map { $0 == 2 ? 1.5 : 0 }, [4, 3], "<f4")
        try write("ti.npy", x.map { $0 > 0 ? 1 : 0 }, [4, 3], "<i8")
        try write("t34.npy", x.map { $0 > 0 ? 1 : 0 }, [3, 4], "<f4")
        try write("w.npy", [1, 1, 0, 2], [4], "<f4")
        try write("wneg.npy", [1, -1, 0, 2], [4], "<f4")
        try write("w12.npy", x.map { _ in 1 }, [12], "<f4")
        let good = TestNPY.encode(x, shape: [4, 3], descr: "<f4")
        try good.dropLast(5).write(to: directory.appendingPathComponent("trunc.npy"))
        var malformed = good
        let brace = malformed.firstIndex(of: UInt8(ascii: "{"))!
        malformed[brace] = UInt8(ascii: "[")
        try malformed.write(to: directory.appendingPathComponent("malformed.npy"))
        var version4 = good
        version4[6] = 4
        try version4.write(to: directory.appendingPathComponent("v4.npy"))
        try Data("hello, not numpy".utf8).write(to: directory.appendingPathComponent("bad.npy"))
        // complex64 has 8 bytes per element, like float64: same data, another descr.
        var complex = [UInt8](TestNPY.encode(x, shape: [4, 3], descr: "<f8"))
        let f8 = [UInt8]("'<f8'".utf8)
        let at = try #require((0..<(complex.count - f8.count)).first { Array(complex[$0..<($0 + f8.count)]) == f8 })
        complex[at + 2] = UInt8(ascii: "c")
        try Data(complex).write(to: directory.appendingPathComponent("complex.npy"))
    }

    static let fileErrors: [ErrorCase] = [
        ErrorCase(name: "missing X", arguments: with(softmax, ["--x": "missing.npy"]), fragments: ["--x", "missing.npy", "No such file"]),
        ErrorCase(name: "integer X", arguments: with(softmax, ["--x": "xi.npy"]), fragments: ["--x", "xi.npy", "int64", "float32"]),
        ErrorCase(name: "empty X", arguments: with(softmax, ["--x": "xempty.npy", "--labels": "yempty.npy"]), fragments: ["--x", "xempty.npy", "empty"]),
        ErrorCase(name: "float labels", arguments: with(softmax, ["--labels": "yf.npy"]), fragments: ["--labels", "yf.npy", "float32", "--targets"]),
        ErrorCase(name: "labels of the wrong shape", arguments: with(softmax, ["--labels": "y5.npy"]), fragments: ["--labels", "y5.npy", "(5,)", "(4,)"]),
        ErrorCase(name: "label out of range", arguments: with(softmax, ["--labels": "y7.npy"]), fragments: ["--labels", "y7.npy", "value 7 at index 2", "0..<3"]),
        ErrorCase(name: "negative label without --ignore-index", arguments: with(softmax, ["--labels": "yneg.npy"]), fragments: ["--labels", "yneg.npy", "value -100 at index 1"]),
        ErrorCase(name: "integer targets", arguments: with(sigmoid, ["--targets": "ti.npy"]), fragments: ["--targets", "ti.npy", "int64", "float32"]),
        ErrorCase(name: "targets of the wrong shape", arguments: with(sigmoid, ["--targets": "t34.npy"]), fragments: ["--targets", "t34.npy", "(3, 4)", "(4, 3)"]),
        ErrorCase(name: "target above 1", arguments: with(sigmoid, ["--targets": "t15.npy"]), fragments: ["--targets", "t15.npy", "value 1.5 at index 2", "outside [0, 1]"]),
        ErrorCase(name: "NaN logit", arguments: with(sigmoid, ["--x": "xnan.npy"]), fragments: ["--x", "xnan.npy", "nan", "index 4", "not finite"]),
        ErrorCase(name: "probability above 1", arguments: with(sigmoid, ["--x": "p.npy"], ["--input", "probabilities"]), fragments: ["--x", "p.npy", "value 1.5", "outside [0, 1]"]),
        ErrorCase(name: "weights of the wrong shape", arguments: with(softmax, [:], ["--weights", "w12.npy"]), fragments: ["--weights", "w12.npy", "(12,)", "(4,)"]),
        ErrorCase(name: "negative weight", arguments: with(softmax, [:], ["--weights", "wneg.npy"]), fragments: ["--weights", "wneg.npy", "value -1 at index 1"]),
        ErrorCase(name: "truncated file", arguments: with(softmax, ["--x": "trunc.npy"]), fragments: ["--x", "trunc.npy", "truncated"]),
        ErrorCase(name: "malformed header", arguments: with(softmax, ["--x": "malformed.npy"]), fragments: ["--x", "malformed.npy", "malformed header"]),
        ErrorCase(name: "unsupported format version", arguments: with(softmax, ["--x": "v4.npy"]), fragments: ["--x", "v4.npy", "version 4.0"]),
        ErrorCase(name: "not a .npy file", arguments: with(sigmoid, ["--targets": "bad.npy"]), fragments: ["--targets", "bad.npy", "not a NumPy file"]),
        ErrorCase(name: "unsupported dtype", arguments: with(softmax, ["--x": "complex.npy"]), fragments: ["--x", "complex.npy", "unsupported dtype", "c8"]),
        ErrorCase(name: "class axis out of range", arguments: with(softmax, [:], ["--class-axis", "2"]), fragments: ["--class-axis 2", "(4, 3)", "-2...1"]),
        ErrorCase(name: "alpha list of the wrong length", arguments: with(softmax, [:], ["--alpha", "1,2"]), fragments: ["--alpha", "2 weights", "3 classes"]),
        ErrorCase(name: "gradient into a missing folder", arguments: with(softmax, ["--gradient": "nowhere/g.npy"]), fragments: ["--gradient", "nowhere/g.npy", "cannot write"]),
    ]

    static let usageErrors: [ErrorCase] = [
        ErrorCase(name: "negative gamma", arguments: with(softmax, [:], ["--gamma", "-1"]), fragments: ["--gamma", "-1", ">= 0"]),
        ErrorCase(name: "gamma not a number", arguments: with(softmax, [:], ["--gamma", "two"]), fragments: ["--gamma", "two"]),
        ErrorCase(name: "sigmoid alpha above 1", arguments: with(sigmoid, [:], ["--alpha", "1.5"]), fragments: ["--alpha", "1.5", "[0, 1]"]),
        ErrorCase(name: "alpha list with a word", arguments: with(softmax, [:], ["--alpha", "0.25,x"]), fragments: ["--alpha", "'x'", "entry 1"]),
        ErrorCase(name: "negative softmax alpha", arguments: with(softmax, [:], ["--alpha", "1,-2,1"]), fragments: ["--alpha", "-2", ">= 0"]),
        ErrorCase(name: "label smoothing 1", arguments: with(softmax, [:], ["--label-smoothing", "1"]), fragments: ["--label-smoothing", "[0, 1)"]),
        ErrorCase(name: "label smoothing with sigmoid", arguments: with(sigmoid, [:], ["--label-smoothing", "0.1"]), fragments: ["--label-smoothing", "softmax"]),
        ErrorCase(name: "normalizer 0", arguments: with(softmax, [:], ["--normalizer", "0"]), fragments: ["--normalizer", "> 0"]),
        ErrorCase(name: "normalizer with mean", arguments: with(softmax, [:], ["--normalizer", "3", "--reduction", "mean"]), fragments: ["--normalizer", "mean"]),
        ErrorCase(name: "unknown reduction", arguments: with(softmax, [:], ["--reduction", "median"]), fragments: ["--reduction", "median"]),
        ErrorCase(name: "unknown kind", arguments: with(softmax, ["--kind": "tanh"]), fragments: ["--kind", "tanh"]),
        ErrorCase(name: "missing --kind", arguments: ["loss", "--x", "x.npy", "--labels", "y.npy"], fragments: ["--kind"]),
        ErrorCase(name: "missing --x", arguments: ["loss", "--kind", "softmax", "--labels", "y.npy"], fragments: ["--x"]),
        ErrorCase(name: "no targets for sigmoid", arguments: ["loss", "--kind", "sigmoid", "--x", "x.npy"], fragments: ["--targets", "sigmoid"]),
        ErrorCase(name: "both targets and labels", arguments: with(softmax, [:], ["--targets", "t.npy"]), fragments: ["--targets", "--labels"]),
        ErrorCase(name: "labels with sigmoid", arguments: with(sigmoid, [:], ["--labels", "y.npy"]), fragments: ["--labels", "softmax"]),
        ErrorCase(name: "ignore index without labels", arguments: with(sigmoid, [:], ["--ignore-index", "-100"]), fragments: ["--ignore-index", "--labels"]),
        ErrorCase(name: "output without reduction none", arguments: with(softmax, [:], ["--output", "l.npy"]), fragments: ["--output", "--reduction none"]),
        ErrorCase(name: "reduction none with nothing to write", arguments: ["loss", "--kind", "softmax", "--x", "x.npy", "--labels", "y.npy", "--reduction", "none"], fragments: ["--reduction none", "--out"]),
        ErrorCase(name: "gradient and output the same file", arguments: with(softmax, [:], ["--reduction", "none", "--output", "g.npy"]), fragments: ["--gradient", "--output", "same file"]),
        ErrorCase(name: "zero threads", arguments: with(softmax, [:], ["--threads", "0"]), fragments: ["--threads"]),
    ]

    /// Runs `arguments` with `.npy` names resolved in `directory`.
    static func run(_ arguments: [String], in directory: URL) -> CLIRun {
        FocalRunner.inProcess(arguments.map { $0.hasSuffix(".npy") ? directory.appendingPathComponent($0).path : $0 })
    }

    @Test("Bad input files: one line naming the option and file, status 1, nothing written", arguments: fileErrors)
    func fileError(_ c: ErrorCase) throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            try Self.writeFixtures(in: directory)
            let before = CLITestPaths.contents(of: directory)
            let run = Self.run(c.arguments, in: directory)
            #expect(run.status == 1, "\(run)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.hasPrefix("Error: "), "\(run)")
            #expect(run.standardError.filter { $0 == "\n" }.count == 1, "one line: \(run)")
            for fragment in c.fragments {
                #expect(run.standardError.contains(fragment), "'\(fragment)' missing from \(run.standardError)")
            }
            #expect(CLITestPaths.contents(of: directory) == before, "no file written or left behind")
        }
    }

    @Test("Bad command lines: usage errors naming the option, status 64, nothing written", arguments: usageErrors)
    func usageError(_ c: ErrorCase) throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            try Self.writeFixtures(in: directory)
            let before = CLITestPaths.contents(of: directory)
            let run = Self.run(c.arguments, in: directory)
            #expect(run.status == 64, "\(run)")
            let firstLine = run.standardError.split(separator: "\n").first.map(String.init) ?? ""
            #expect(firstLine.hasPrefix("Error: "), "\(run)")
            for fragment in c.fragments {
                #expect(firstLine.contains(fragment), "'\(fragment)' missing from \(firstLine)")
            }
            #expect(CLITestPaths.contents(of: directory) == before)
        }
    }

    @Test("A failing run leaves an existing gradient file as it was")
    func existingOutputUntouched() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            try Self.writeFixtures(in: directory)
            let gradient = directory.appendingPathComponent("g.npy")
            try Data("previous".utf8).write(to: gradient)
            let run = Self.run(Self.with(Self.softmax, ["--labels": "y7.npy"]), in: directory)
            #expect(run.status == 1)
            #expect(try Data(contentsOf: gradient) == Data("previous".utf8))
        }
    }

    @Test("The fixtures themselves are good: the base commands succeed")
    func baseCommandsSucceed() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            try Self.writeFixtures(in: directory)
            for base in [Self.softmax, Self.sigmoid, Self.with(Self.softmax, [:], ["--weights", "w.npy"])] {
                let run = Self.run(base, in: directory)
                #expect(run.status == 0 && Double(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) != nil, "\(run)")
            }
        }
    }
}
