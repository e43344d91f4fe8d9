/// Renders a ``ChartFigure`` as a standalone SVG document.
extension ChartFigure {
    /// The font stack: DejaVu Sans first, for its Greek letters on Linux.
    static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// The figure as an SVG 1.1 document (with `xmlns`, `width`, `height` and `viewBox`), ready
    /// to be written to a `.svg` file and opened in a browser.
    func svg() -> String {
        let columnCount = max(1, min(columns ?? panels.count, max(panels.count, 1)))
        let rowCount = max(1, (panels.count + columnCount - 1) / columnCount)
        let titleHeight: Double = title == nil ? 0 : 40
        let width = Double(columnCount) * panelWidth
        let height = titleHeight + Double(rowCount) * panelHeight
        let size = "width=\"\(SVGText.number(width))\" height=\"\(SVGText.number(height))\""
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" \(size) \
            viewBox="0 0 \(SVGText.number(width)) \(SVGText.number(height))" \
            font-family="\(Self.fontFamily)" font-size="13">

            """
        let documentTitle = title ?? panels.compactMap(\.title).first ?? "Chart"
        svg += "<title>\(SVGText.escape(documentTitle))</title>\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(SVGText.number(width))\" height=\"\(SVGText.number(height))\" fill=\"#ffffff\"/>\n"
        if let title {
            svg += "<text x=\"\(SVGText.number(width / 2))\" y=\"27\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\">\(SVGText.escape(title))</text>\n"
        }
        for (index, panel) in panels.enumerated() {
            let left = Double(index % columnCount) * panelWidth
            let top = titleHeight + Double(index / columnCount) * panelHeight
            svg += "<g transform=\"translate(\(SVGText.number(left)) \(SVGText.number(top)))\">\n"
            svg += PanelRenderer(panel: panel, width: panelWidth, height: panelHeight).svg()
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        return svg
    }
}

/// Draws one panel into a `width` × `height` box whose top left corner is the origin.
struct PanelRenderer {
    let panel: ChartPanel
    let width: Double
    let height: Double

    /// The plot area: inside the axes, leaving room on the left for the widest y tick label
    /// (about 7 px a character at 12 px) and the rotated axis label.
    var plot: PixelRect {
        let top: Double = panel.title == nil ? 16 : 40
        let labels = AxisMapping(panel.y, data: yValues, from: 0, to: 1).ticks.map(\.label.count)
        let left = 38 + 7 * Double(labels.max() ?? 1)
        return PixelRect(minX: left, minY: top, maxX: width - 20, maxY: height - 56)
    }

    private var xValues: [Double] { panel.series.flatMap { $0.points.map(\.x) } }
    private var yValues: [Double] { panel.series.flatMap { $0.points.map(\.y) } }

    func svg() -> String {
        let plot = plot
        let xMap = AxisMapping(panel.x, data: xValues, from: plot.minX, to: plot.maxX)
        let yMap = AxisMapping(panel.y, data: yValues, from: plot.maxY, to: plot.minY)
        var svg = ""
        if let title = panel.title {
            svg += text(title, x: (plot.minX + plot.maxX) / 2, y: 24, anchor: "middle", extra: " font-size=\"15\" font-weight=\"bold\"")
        }
        svg += bands(xMap)
        svg += grid(xMap, yMap)
        for (index, series) in panel.series.enumerated() {
            let points = series.points.map { point -> (x: Double, y: Double)? in
                guard let x = xMap.pixel(point.x), let y = yMap.pixel(point.y) else { return nil }
                return (x, y)
            }
            let data = LineClipping.pathData(points, in: plot)
            guard !data.isEmpty else { continue }
            let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
            svg += "<path d=\"\(data)\" fill=\"none\" stroke=\"\(SVGText.escape(series.color ?? ChartPalette.color(index)))\" stroke-width=\"\(SVGText.number(series.width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"\(dash)/>\n"
        }
        svg += "<rect x=\"\(n(plot.minX))\" y=\"\(n(plot.minY))\" width=\"\(n(plot.maxX - plot.minX))\" height=\"\(n(plot.maxY - plot.minY))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        svg += tickLabels(xMap, yMap)
        svg += axisLabels()
        svg += legend()
        return svg
    }

    private func n(_ value: Double) -> String { SVGText.number(value) }

    private func text(_ content: String, x: Double, y: Double, anchor: String, extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\"\(extra)>\(SVGText.escape(content))</text>\n"
    }

    private func bands(_ xMap: AxisMapping) -> String {
        var svg = ""
        for band in panel.bands {
            guard let a = xMap.pixel(band.x.lowerBound), let b = xMap.pixel(band.x.upperBound) else { continue }
            let left = max(plot.minX, min(a, b)), right = min(plot.maxX, max(a, b))
            guard right > left else { continue }
            svg += "<rect x=\"\(n(left))\" y=\"\(n(plot.minY))\" width=\"\(n(right - left))\" height=\"\(n(plot.maxY - plot.minY))\" fill=\"\(SVGText.escape(band.color))\" fill-opacity=\"0.12\"/>\n"
            if let label = band.label {
                let y = plot.minY + 14 + band.labelHeight * (plot.maxY - plot.minY - 20)
                svg += text(label, x: (left + right) / 2, y: y, anchor: "middle", extra: " font-size=\"12\" fill=\"#555555\" font-style=\"italic\"")
            }
        }
        return svg
    }

    private func grid(_ xMap: AxisMapping, _ yMap: AxisMapping) -> String {
        var svg = "<g stroke=\"#e0e0e0\" stroke-width=\"1\">\n"
        for tick in xMap.ticks {
            guard let x = xMap.pixel(tick.value), x >= plot.minX - 0.5, x <= plot.maxX + 0.5 else { continue }
            svg += "<line x1=\"\(n(x))\" y1=\"\(n(plot.minY))\" x2=\"\(n(x))\" y2=\"\(n(plot.maxY))\"/>\n"
        }
        for tick in yMap.ticks {
            guard let y = yMap.pixel(tick.value), y >= plot.minY - 0.5, y <= plot.maxY + 0.5 else { continue }
            svg += "<line x1=\"\(n(plot.minX))\" y1=\"\(n(y))\" x2=\"\(n(plot.maxX))\" y2=\"\(n(y))\"/>\n"
        }
        return svg + "</g>\n"
    }

    private func tickLabels(_ xMap: AxisMapping, _ yMap: AxisMapping) -> String {
        var svg = "<g font-size=\"12\" fill=\"#333333\">\n"
        var marks = ""
        for tick in xMap.ticks {
            guard let x = xMap.pixel(tick.value), x >= plot.minX - 0.5, x <= plot.maxX + 0.5 else { continue }
            marks += "<line x1=\"\(n(x))\" y1=\"\(n(plot.maxY))\" x2=\"\(n(x))\" y2=\"\(n(plot.maxY + 5))\"/>\n"
            svg += text(tick.label, x: x, y: plot.maxY + 19, anchor: "middle")
        }
        for tick in yMap.ticks {
            guard let y = yMap.pixel(tick.value), y >= plot.minY - 0.5, y <= plot.maxY + 0.5 else { continue }
            marks += "<line x1=\"\(n(plot.minX - 5))\" y1=\"\(n(y))\" x2=\"\(n(plot.minX))\" y2=\"\(n(y))\"/>\n"
            svg += text(tick.label, x: plot.minX - 8, y: y, anchor: "end", extra: " dy=\"0.35em\"")
        }
        svg += "</g>\n"
        return svg + "<g stroke=\"#333333\" stroke-width=\"1\">\n" + marks + "</g>\n"
    }

    private func axisLabels() -> String {
        let centerX = (plot.minX + plot.maxX) / 2, centerY = (plot.minY + plot.maxY) / 2
        return text(panel.x.label, x: centerX, y: plot.maxY + 44, anchor: "middle", extra: " font-size=\"14\"")
            + "<text x=\"0\" y=\"0\" text-anchor=\"middle\" font-size=\"14\" transform=\"translate(\(n(18)) \(n(centerY))) rotate(-90)\">\(SVGText.escape(panel.y.label))</text>\n"
    }

    private func legend() -> String {
        let entries = panel.series.enumerated().filter { !$0.element.name.isEmpty }
        guard panel.legend != .none, !entries.isEmpty else { return "" }
        let fontSize = 13.0, rowHeight = 20.0, swatch = 26.0, padding = 10.0
        // An estimate of the text width: most glyphs of a sans-serif font are about 0.6 em wide.
        let longest = entries.map { Double($0.element.name.count) }.max() ?? 0
        let boxWidth = padding + swatch + 8 + longest * fontSize * 0.62 + padding
        let boxHeight = padding + Double(entries.count) * rowHeight + padding - 4
        let inset = 10.0
        let left: Double, top: Double
        switch panel.legend {
        case .topLeft, .bottomLeft: left = plot.minX + inset
        default: left = plot.maxX - inset - boxWidth
        }
        switch panel.legend {
        case .bottomLeft, .bottomRight: top = plot.maxY - inset - boxHeight
        default: top = plot.minY + inset
        }
        var svg = "<g font-size=\"\(n(fontSize))\">\n"
        svg += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(boxWidth))\" height=\"\(n(boxHeight))\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#bbbbbb\" stroke-width=\"1\" rx=\"3\"/>\n"
        for (row, (index, series)) in entries.enumerated() {
            let y = top + padding + Double(row) * rowHeight + rowHeight / 2 - 2
            let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
            svg += "<line x1=\"\(n(left + padding))\" y1=\"\(n(y))\" x2=\"\(n(left + padding + swatch))\" y2=\"\(n(y))\" stroke=\"\(SVGText.escape(series.color ?? ChartPalette.color(index)))\" stroke-width=\"\(n(max(series.width, 2)))\"\(dash)/>\n"
            svg += text(series.name, x: left + padding + swatch + 8, y: y, anchor: "start", extra: " dy=\"0.35em\"")
        }
        return svg + "</g>\n"
    }
}
