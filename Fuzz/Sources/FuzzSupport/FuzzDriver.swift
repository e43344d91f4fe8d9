import CFuzzerDriver

/// Runs libFuzzer on `target` with the process's command line (libFuzzer's options, corpus
/// folders, or files to replay), and returns its exit status.
///
/// - Parameter target: One fuzz run: the input's bytes and their count; returns 0.
public func runFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    return LLVMFuzzerRunDriver(&argc, &argv, target)
}
