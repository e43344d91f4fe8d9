/// A shape written as NumPy prints it: `(8, 4)`, `(8,)`, `()`.
func shapeText(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
