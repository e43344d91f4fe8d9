/// A rectangle in pixels.
struct PixelRect: Equatable {
    var minX: Double, minY: Double, maxX: Double, maxY: Double

    func contains(_ point: (x: Double, y: Double)) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }
}

/// Clipping line segments to a rectangle (Liang–Barsky), so that lines leaving the plot area
/// end exactly at its edge and the SVG never holds far-away coordinates.
enum LineClipping {
    /// The part of the segment from `a` to `b` inside `rect`, or `nil` if none is.
    static func clip(
        _ a: (x: Double, y: Double), _ b: (x: Double, y: Double), to rect: PixelRect
    ) -> (start: (x: Double, y: Double), end: (x: Double, y: Double))? {
        let dx = b.x - a.x, dy = b.y - a.y
        var enter = 0.0, leave = 1.0
        // Each edge: p * t <= q keeps the point inside.
        let edges: [(p: Double, q: Double)] = [
            (-dx, a.x - rect.minX), (dx, rect.maxX - a.x), (-dy, a.y - rect.minY), (dy, rect.maxY - a.y),
        ]
        for (p, q) in edges {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { enter = max(enter, t) } else { leave = min(leave, t) }
                if enter > leave { return nil }
            }
        }
        return ((a.x + enter * dx, a.y + enter * dy), (a.x + leave * dx, a.y + leave * dy))
    }

    /// The SVG path data (`M x y L x y ...`) of the polyline through `points`, clipped to `rect`;
    /// `nil` entries break the line. Empty when nothing is inside.
    static func pathData(_ points: [(x: Double, y: Double)?], in rect: PixelRect) -> String {
        var data = ""
        var pen: (x: Double, y: Double)?
        var previous: (x: Double, y: Double)?
        for point in points {
            defer { previous = point }
            guard let point, let from = previous else { pen = nil; continue }
            guard let (start, end) = clip(from, point, to: rect) else { pen = nil; continue }
            if pen == nil || abs(pen!.x - start.x) > 1e-6 || abs(pen!.y - start.y) > 1e-6 {
                data += "M\(SVGText.number(start.x)) \(SVGText.number(start.y))"
            }
            data += "L\(SVGText.number(end.x)) \(SVGText.number(end.y))"
            pen = end
        }
        return data
    }
}
