#if canImport(_Differentiation)
/// Examples stored row-major: `rows` examples of `columns` features each.
struct FeatureMatrix {
    var rows: Int
    var columns: Int
    var values: [Float]

    subscript(row: Int, column: Int) -> Float {
        values[row * columns + column]
    }
}
#endif
