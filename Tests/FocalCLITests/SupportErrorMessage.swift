@testable import FocalCLI

/// The message `focal` prints for the error `body` throws (without `Error: `), or `no error`.
func focalMessage(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch {
        return Focal.message(for: error)
    }
}
