@testable import FocalCLI
import Foundation
import Testing

/// `focal curves --variant` and `focal bench --variant`.
@Suite("focal curves and bench --variant")
struct VariantCommandTests {
    /// The CSV rows of `focal curves` as numbers, after the header.
    static func rows(_ arguments: [String]) throws -> (header: String, rows: [[Double]]) {
        let run = FocalRunner.inProcess(["curves", "--csv"] + arguments)
        try #require(run.status == 0, "\(run)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        return (lines[0], lines.dropFirst().map { $0.split(separator: ",").map { Double($0)! } })
    }

    @Test("curves --variant asl: one column, -log p_t for a positive with ASL's default gamma+ 0")
    func aslCurve() throws {
        let (header, rows) = try Self.rows(["--variant", "asl", "--points", "4"])
        #expect(header == "p_t,asl")
        for row in rows.dropLast() { expectCLIClose(row[1], -Foundation.log(row[0]), rtol: 1e-12, atol: 1e-300, "p_t \(row[0])") }
        #expect(rows.last! == [1, 0])
    }

    @Test("curves --variant focal-star: one curve per gamma of -log σ(γ x + β)/γ · α, the default gammas without 0")
    func focalStarCurve() throws {
        let (header, rows) = try Self.rows(["--variant", "focal-star", "--points", "5", "--beta", "0.5", "--alpha", "1"])
        #expect(header == "p_t,gamma_0.5,gamma_1,gamma_2,gamma_5")
        for row in rows.dropLast() {
            let x = Foundation.log(row[0] / (1 - row[0]))
            for (column, gamma) in [0.5, 1, 2, 5].enumerated() {
                let expected = Foundation.log1p(Foundation.exp(-(gamma * x + 0.5))) / gamma
                expectCLIClose(row[column + 1], expected, rtol: 1e-12, atol: 1e-300, "p_t \(row[0]) gamma \(gamma)")
            }
        }
    }

    @Test("curves: a parameter of another variant is a usage error")
    func curvesUsage() {
        let run = FocalRunner.inProcess(["curves", "--csv", "--variant", "qfl", "--gamma", "1"])
        #expect(run.status == 64 && run.standardError.contains("--gamma does not apply to --variant qfl; its parameters are --beta"))
    }

    @Test("bench --variant times every sigmoid variant and softmax poly1; a foreign parameter is refused")
    func bench() throws {
        for arguments in [["--variant", "poly1"], ["--variant", "asl", "--clip", "0"], ["--variant", "qfl"], ["--variant", "vfl"],
                          ["--variant", "focal-star"], ["--kind", "softmax", "--shape", "32x10", "--variant", "poly1"]] {
            let bench = try Bench.parse(arguments + ["--runs", "2", "--threads", "1"] + (arguments.contains("--shape") ? [] : ["--shape", "64x8"]))
            let result = try bench.measure(Float.self, bench.parsedShape())
            #expect(result.forward.median > 0 && result.forwardBackward.median > 0, "\(arguments)")
        }
        #expect(throws: (any Error).self) { try Bench.parse(["--variant", "asl", "--epsilon", "1"]) }
        #expect(throws: (any Error).self) { try Bench.parse(["--kind", "softmax", "--shape", "4x4", "--variant", "qfl"]) }
    }
}
