@testable import FocalCLI
import Foundation
import Testing

/// The SVG chart writer: escaping, nice ticks, clipping, and a three-panel figure with a
/// logarithmic axis like the one `focal demo` draws.
@Suite("SVG chart writer")
struct PlotChartTests {
    @Test("Text is escaped for XML, and characters XML forbids are dropped")
    func escaping() {
        #expect(SVGText.escape("a < b & \"c\" > 'd'") == "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;")
        #expect(SVGText.escape("bell\u{07}γ\u{FFFE}") == "bellγ")
        #expect(SVGText.escape("tab\tnew\nline") == "tab\tnew\nline")
    }

    @Test("Coordinates: at most two decimals, no trailing zeros, no negative zero")
    func numbers() {
        #expect(SVGText.number(12.5) == "12.5")
        #expect(SVGText.number(3) == "3")
        #expect(SVGText.number(0.125) == "0.13")
        #expect(SVGText.number(-0.001) == "0")
        #expect(SVGText.number(.nan) == "0")
    }

    @Test("Nice linear ticks and labels")
    func linearTicks() {
        let (values, step) = AxisTicks.linear(0...5)
        #expect(values == [0, 1, 2, 3, 4, 5] && step == 1)
        #expect(AxisTicks.linear(0...1).values.map { AxisTicks.linearLabel($0, step: 0.2) } == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(AxisTicks.linear(-3...3).values == [-3, -2, -1, 0, 1, 2, 3])
        #expect(AxisTicks.niceLinearRange(0.13...9.7) == 0...10)
        let widened = AxisTicks.niceLinearRange(2...2)
        #expect(abs(widened.lowerBound - 1.8) < 1e-12 && abs(widened.upperBound - 2.2) < 1e-12, "\(widened)")
        #expect(AxisTicks.linear(0...250).values == [0, 50, 100, 150, 200, 250])
        #expect(AxisTicks.linearLabel(2_000_000, step: 1_000_000) == "2e+06")
    }

    @Test("Logarithmic ticks: powers of ten, thinned over many decades, with 2 and 5 over few")
    func logTicks() {
        #expect(AxisTicks.logarithmic(1e-4...1) == [1e-4, 1e-3, 1e-2, 1e-1, 1])
        #expect(AxisTicks.logarithmic(1e-4...1).map(AxisTicks.logLabel) == ["0.0001", "0.001", "0.01", "0.1", "1"])
        #expect(AxisTicks.logLabel(1e-5) == "1e-05")
        #expect(AxisTicks.logLabel(100) == "100")
        #expect(AxisTicks.logarithmic(1...50) == [1, 2, 5, 10, 20, 50])
        #expect(AxisTicks.logarithmic(1e-30...1).count <= 8)
        #expect(AxisTicks.niceLogRange(0.003...42) == 0.001...100)
    }

    @Test("Segments are clipped to the plot area; outside segments vanish")
    func clipping() throws {
        let rect = PixelRect(minX: 0, minY: 0, maxX: 10, maxY: 10)
        let clipped = try #require(LineClipping.clip((5, 5), (5, -5), to: rect))
        #expect(clipped.start == (5, 5) && clipped.end == (5, 0))
        let through = try #require(LineClipping.clip((-10, 5), (20, 5), to: rect))
        #expect(through.start == (0, 5) && through.end == (10, 5))
        #expect(LineClipping.clip((-1, -1), (-5, 20), to: rect) == nil)
        // A break (nil) starts a new sub-path.
        let path = LineClipping.pathData([(1, 1), (2, 2), nil, (3, 3), (4, 4)], in: rect)
        #expect(path == "M1 1L2 2M3 3L4 4")
        // Far-away values are clipped, not written.
        #expect(LineClipping.pathData([(5, 5), (5, -1e300)], in: rect) == "M5 5L5 0")
    }

    @Test("Three panels, log scale, escaped names: a well-formed standalone SVG")
    func threePanels() throws {
        let recall = stride(from: 0.0, through: 1.0, by: 0.05).map { $0 }
        let panels = [
            ChartPanel(title: "Precision–recall", x: ChartAxis(label: "recall", range: 0...1), y: ChartAxis(label: "precision", range: 0...1),
                       series: [LineSeries(name: "focal <γ=2> & α", points: recall.map { ChartPoint(x: $0, y: 1 - $0 * $0) }),
                                LineSeries(name: "cross-entropy", points: recall.map { ChartPoint(x: $0, y: 1 - $0) }, dashed: true)],
                       legend: .bottomLeft),
            ChartPanel(title: "Cumulative loss", x: ChartAxis(label: "fraction of examples"), y: ChartAxis(label: "share of loss", scale: .logarithmic),
                       series: [LineSeries(name: "negatives", points: recall.map { ChartPoint(x: $0, y: pow(10, -6 * (1 - $0))) }
                                + [ChartPoint(x: 1.1, y: 0), ChartPoint(x: 1.2, y: .nan)])]),
            ChartPanel(title: "Per epoch", x: ChartAxis(label: "epoch"), y: ChartAxis(label: "AP"),
                       series: [LineSeries(name: "validation AP", points: (1...10).map { ChartPoint(x: Double($0), y: 0.5 + 0.03 * Double($0)) })],
                       legend: .none),
        ]
        let svg = ChartFigure(title: "Demo & <test>", panels: panels, panelWidth: 400, panelHeight: 300).svg()
        // For a look in a browser: FOCAL_TEST_SVG_DIR=/tmp swift test --filter PlotChartTests
        if let folder = ProcessInfo.processInfo.environment["FOCAL_TEST_SVG_DIR"] {
            try svg.write(toFile: folder + "/plot-three-panels.svg", atomically: true, encoding: .utf8)
        }
        let document = try SVGSummary(svg)
        #expect(document.root["width"] == "1200" && document.root["height"] == "340")
        #expect(document.root["viewBox"] == "0 0 1200 340")
        #expect(document.groups.filter { $0["transform"]?.hasPrefix("translate(") == true }.count == 3)
        #expect(document.texts.contains("Demo & <test>"))
        #expect(document.texts.contains("focal <γ=2> & α"))
        #expect(document.paths.count == 4)
        #expect(document.paths.contains { $0["stroke-dasharray"] != nil })
        // The log axis, from the data: every power of ten from 1e-6 to 1.
        for label in ["1e-06", "1e-05", "0.0001", "0.001", "0.01", "0.1", "1"] { #expect(document.texts.contains(label), "\(label)") }
        // The data-driven epoch axis ends on nice ticks.
        #expect(document.texts.contains("10") && document.texts.contains("0.50") && document.texts.contains("0.80"))
        // No legend in the third panel: the validation AP name is not drawn.
        #expect(!document.texts.contains("validation AP"))
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test("A grid of panels wraps into rows")
    func grid() throws {
        let panel = ChartPanel(x: ChartAxis(label: "x"), y: ChartAxis(label: "y"), series: [])
        let svg = ChartFigure(panels: [panel, panel, panel], columns: 2, panelWidth: 100, panelHeight: 80).svg()
        let document = try SVGSummary(svg)
        #expect(document.root["width"] == "200" && document.root["height"] == "160")
        #expect(document.groups.contains { $0["transform"] == "translate(0 80)" })
    }
}
