/// The formatted stdout of `focal loss`.
enum LossReportText {
    /// The loss alone (`0.34700862`), or the JSON object; empty for `--reduction none` without
    /// `--json`.
    ///
    /// - Parameters:
    ///   - loss: The reduced loss, `nil` for `--reduction none`.
    ///   - lossText: The loss in the shortest form that reads back as the computed value in its
    ///     own precision (a `Float` is not widened to 17 digits).
    ///   - elements: The number of elements of X.
    ///   - precision: `float` or `double`.
    ///   - json: Whether to print the JSON object.
    static func text(loss: Double?, lossText: String?, elements: Int, precision: String, json: Bool) -> String {
        let number = (loss?.isFinite ?? false) ? lossText : nil
        if json {
            return "{\"loss\": \(number ?? "null"), \"elements\": \(elements), \"precision\": \"\(precision)\"}\n"
        }
        guard let lossText else { return "" }
        return lossText + "\n"
    }
}
