/// The version of Focal that `focal --version` prints: the one place in the source that holds it.
enum FocalVersion {
    static let current = "0.3.0"
}
