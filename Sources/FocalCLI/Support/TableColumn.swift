/// Text set in a fixed-width column of a plain-text table (`focal demo`, `focal tune`), always
/// with at least one space between columns.
enum TableColumn {
    /// `text`, then spaces up to `width` characters (at least one).
    static func left(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    /// Spaces up to `width` characters (at least one), then `text`.
    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - text.count)) + text
    }
}
