import FocalLoss

/// The description of the `FocalLossError` that `body` throws, `nil` when it throws nothing, and
/// `"untyped ..."` for an error of another type (which the tests then report as a mismatch).
func errorMessage(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch { return (error as? FocalLossError)?.description ?? "untyped \(error)" }
}
