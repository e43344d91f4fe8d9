/// A figure of one or more line-chart panels, laid out in a grid and rendered as one standalone
/// SVG document by ``svg()``.
///
/// ```swift
/// let panel = ChartPanel(
///     title: "Focal loss", x: ChartAxis(label: "p_t", range: 0...1), y: ChartAxis(label: "loss", range: 0...5),
///     series: [LineSeries(name: "γ = 2", points: [ChartPoint(x: 0.5, y: 0.17), ChartPoint(x: 1, y: 0)])])
/// let svg = ChartFigure(panels: [panel]).svg()
/// ```
struct ChartFigure {
    /// A title above every panel, if any.
    var title: String?
    /// The panels, filled into the grid row by row.
    var panels: [ChartPanel]
    /// The number of panels per row (default: all in one row).
    var columns: Int?
    /// The size of each panel in pixels, axes and labels included.
    var panelWidth: Double = 560
    var panelHeight: Double = 420

    init(title: String? = nil, panels: [ChartPanel], columns: Int? = nil, panelWidth: Double = 560, panelHeight: Double = 420) {
        self.title = title
        self.panels = panels
        self.columns = columns
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }
}

/// One chart: two axes, line series, optional shaded bands and a legend.
struct ChartPanel {
    /// The title above the plot area.
    var title: String?
    /// The horizontal axis.
    var x: ChartAxis
    /// The vertical axis.
    var y: ChartAxis
    /// The lines, drawn in order (later ones on top).
    var series: [LineSeries]
    /// Shaded vertical bands behind the lines, such as a region of interest.
    var bands: [ChartBand] = []
    /// Where the legend goes; ``LegendPosition/none`` hides it.
    var legend: LegendPosition = .topRight

    init(title: String? = nil, x: ChartAxis, y: ChartAxis, series: [LineSeries], bands: [ChartBand] = [], legend: LegendPosition = .topRight) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.bands = bands
        self.legend = legend
    }
}

/// An axis: its label, its extent and its scale.
struct ChartAxis {
    /// The label along the axis.
    var label: String
    /// The extent shown; `nil` takes it from the data, widened to nice ticks. Data outside it
    /// are clipped.
    var range: ClosedRange<Double>?
    /// Linear or logarithmic.
    var scale: AxisScale = .linear

    init(label: String, range: ClosedRange<Double>? = nil, scale: AxisScale = .linear) {
        self.label = label
        self.range = range
        self.scale = scale
    }
}

/// How values map onto an axis.
enum AxisScale {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10 ticks); values `<= 0` are not drawn.
    case logarithmic
}

/// One point of a line.
struct ChartPoint: Equatable {
    var x: Double
    var y: Double
}

/// A line through points in order. A non-finite point (or, on a logarithmic axis, a point
/// `<= 0`) breaks the line into pieces.
struct LineSeries {
    /// The legend entry.
    var name: String
    /// The points, in drawing order.
    var points: [ChartPoint]
    /// A CSS colour; `nil` takes the palette colour of the series' index.
    var color: String?
    /// Whether the line is dashed.
    var dashed: Bool = false
    /// The stroke width in pixels.
    var width: Double = 2

    init(name: String, points: [ChartPoint], color: String? = nil, dashed: Bool = false, width: Double = 2) {
        self.name = name
        self.points = points
        self.color = color
        self.dashed = dashed
        self.width = width
    }
}

/// A shaded vertical band over an x range, with an optional label at its top.
struct ChartBand {
    /// The x range shaded.
    var x: ClosedRange<Double>
    /// A label drawn inside the band, horizontally centred.
    var label: String?
    /// Where the label sits, as a fraction of the plot height from the top (0: top, 1: bottom).
    var labelHeight: Double = 0.06
    /// A CSS colour, drawn at low opacity.
    var color: String = "#888888"
}

/// A corner of the plot area for the legend.
enum LegendPosition {
    case topRight, topLeft, bottomRight, bottomLeft, none
}

/// The default line colours (matplotlib's "tab10").
enum ChartPalette {
    static let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// The colour of series number `index`, cycling.
    static func color(_ index: Int) -> String { colors[index % colors.count] }
}
