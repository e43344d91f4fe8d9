/// What loading does with a missing feature value: an empty field or one of `NA`, `N/A`, `NaN`,
/// `nan`, `null`, `?`.
public enum MissingValuePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// A missing value is an error naming the file, line and column (the default).
    case reject
    /// A missing value is kept as NaN and later replaced by the mean of its column over the
    /// training rows (see ``Standardizer``); at prediction time by the same training mean.
    case imputeTrainingMean

    /// Whether `field` (already trimmed) marks a missing value.
    static func isMissing(_ field: Substring) -> Bool {
        switch field {
        case "", "NA", "N/A", "NaN", "nan", "null", "?": return true
        default: return false
        }
    }
}
