@testable import FocalCLI
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `focal curves`: the CSV values against the definition, the SVG's structure, and its errors.
@Suite("focal curves")
struct CurvesCommandTests {
    /// The definition of the paper's Figure 1: `-alpha (1 - p)^gamma log p`.
    static func definition(_ p: Double, gamma: Double, alpha: Double = 1) -> Double {
        -alpha * pow(1 - p, gamma) * log(p)
    }

    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    }

    @Test("--csv: header, N rows p_t = k/N, and the definition's values")
    func csvValues() throws {
        let run = FocalRunner.inProcess(["curves", "--csv", "--points", "20", "--gamma", "0,0.5,2"])
        try #require(run.status == 0, "\(run)")
        let rows = Self.rows(run.standardOutput)
        #expect(rows.first == ["p_t", "gamma_0", "gamma_0.5", "gamma_2"])
        try #require(rows.count == 21)
        for row in rows.dropFirst() {
            let p = try #require(Double(row[0]))
            for (column, gamma) in [0, 0.5, 2].enumerated() {
                let value = try #require(Double(row[column + 1]))
                if p == 1 {
                    #expect(value >= 0 && value < 1e-15, "p_t = 1 is evaluated just below 1")
                } else {
                    expectCLIClose(value, Self.definition(p, gamma: gamma), rtol: 1e-13, atol: 0, "p \(p) gamma \(gamma)")
                }
            }
        }
        // Known values: cross-entropy at p = 0.5 is log 2; FL with gamma 2 is a quarter of it.
        let half = try #require(rows.first { $0[0] == "0.5" })
        #expect(Double(half[1])! == 0.6931471805599453)
        expectCLIClose(Double(half[3])!, 0.6931471805599453 / 4, rtol: 1e-15, atol: 0, "gamma 2 at 0.5")
    }

    @Test("--alpha scales every curve by alpha")
    func alpha() throws {
        let run = FocalRunner.inProcess(["curves", "--csv", "--points", "4", "--gamma", "2", "--alpha", "0.25"])
        try #require(run.status == 0, "\(run)")
        let rows = Self.rows(run.standardOutput)
        let p = try #require(Double(rows[1][0]))
        expectCLIClose(Double(rows[1][1])!, Self.definition(p, gamma: 2, alpha: 0.25), rtol: 1e-13, atol: 0, "alpha 0.25")
    }

    @Test("The default SVG: standalone, one line per gamma, legend γ = 0 ... γ = 5, axes and ticks")
    func svg() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("figure.svg").path
            let run = FocalRunner.inProcess(["curves", "--out", out])
            try #require(run.status == 0, "\(run)")
            #expect(run.standardOutput == "wrote \(out)\n")
            let svg = try String(contentsOfFile: out, encoding: .utf8)
            let document = try SVGSummary(svg)
            #expect(document.root["xmlns"] == "http://www.w3.org/2000/svg")
            #expect(document.root["viewBox"] == "0 0 640 480")
            #expect(document.root["width"] == "640" && document.root["height"] == "480")
            #expect(document.paths.count == 5)
            #expect(Set(document.paths.compactMap { $0["stroke"] }).count == 5, "five colours")
            for gamma in ["0", "0.5", "1", "2", "5"] { #expect(document.texts.contains("γ = \(gamma)")) }
            for tick in ["0", "0.2", "0.4", "0.6", "0.8", "1.0", "1", "2", "3", "4", "5"] {
                #expect(document.texts.contains(tick), "tick \(tick)")
            }
            #expect(document.texts.contains { $0.contains("probability of ground truth class") })
            #expect(document.texts.contains("loss"))
            #expect(CLITestPaths.contents(of: directory) == ["figure.svg"], "no temporary file left")
        }
    }

    @Test("Lines stay inside the plot area: clipped at loss 5 near p_t = 0")
    func clipped() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("figure.svg").path
            _ = FocalRunner.inProcess(["curves", "--out", out, "--gamma", "0"])
            let document = try SVGSummary(try String(contentsOfFile: out, encoding: .utf8))
            let frame = try #require(document.rects.first { $0["stroke"] == "#333333" })
            let top = Double(frame["y"]!)!, left = Double(frame["x"]!)!
            let bottom = top + Double(frame["height"]!)!, right = left + Double(frame["width"]!)!
            let numbers = try #require(document.paths.first?["d"]).split(whereSeparator: { "ML ".contains($0) }).compactMap { Double($0) }
            let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }
            let ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
            #expect(xs.allSatisfy { $0 >= left - 1e-9 && $0 <= right + 1e-9 })
            #expect(ys.allSatisfy { $0 >= top - 1e-9 && $0 <= bottom + 1e-9 })
            #expect(ys.first == top, "the cross-entropy curve enters at the top edge")
        }
    }

    @Test("Bad options: usage errors naming the option", arguments: [
        (["--gamma", "-1"], "--gamma"), (["--gamma", "1,,2"], "--gamma"), (["--gamma", "nan"], "--gamma"),
        (["--alpha", "2"], "--alpha"), (["--points", "0"], "--points"), (["--y-max", "0"], "--y-max"),
        (["--gamma", "1,2,1"], "--gamma: value 1 is given twice"),
    ])
    func badOptions(_ arguments: [String], _ option: String) {
        let run = FocalRunner.inProcess(["curves", "--csv"] + arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.standardError.split(separator: "\n").first?.contains(option) == true, "\(run)")
    }

    @Test("An unwritable --out: one line naming it, status 1, nothing left behind")
    func unwritable() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("missing/figure.svg").path
            let run = FocalRunner.inProcess(["curves", "--out", out])
            #expect(run.status == 1, "\(run)")
            #expect(run.standardError.hasPrefix("Error: --out \(out): cannot write"), "\(run)")
            #expect(run.standardError.filter { $0 == "\n" }.count == 1)
            #expect(CLITestPaths.contents(of: directory).isEmpty)
            let folder = FocalRunner.inProcess(["curves", "--out", directory.path])
            #expect(folder.status == 1 && folder.standardError.contains("is a directory"), "\(folder)")
        }
    }

    @Test("Help explains every option with its default")
    func help() {
        let help = Curves.helpMessage().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for text in ["--gamma", "default: 0,0.5,1,2,5", "--alpha", "--out", "default: focal-curves.svg", "--csv", "--points", "default: 100", "--y-max", "default: 5.0"] {
            #expect(help.contains(text), "\(text)")
        }
    }
}

/// The elements of an SVG document that the tests look at, from an XML parse (so the document
/// is also checked to be well-formed XML).
struct SVGSummary {
    var root: [String: String] = [:]
    var paths: [[String: String]] = []
    var rects: [[String: String]] = []
    var groups: [[String: String]] = []
    var texts: [String] = []

    init(_ svg: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw TestNPY.DecodeError("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        self = delegate.summary
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var summary = SVGSummary(empty: ())
        var text: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "svg": summary.root = attributes
            case "path": summary.paths.append(attributes)
            case "rect": summary.rects.append(attributes)
            case "g": summary.groups.append(attributes)
            case "text", "title": text = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text? += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" || name == "title", let text {
                summary.texts.append(text)
                self.text = nil
            }
        }
    }

    private init(empty: Void) {}
}
