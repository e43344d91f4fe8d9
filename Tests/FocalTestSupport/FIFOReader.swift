import Foundation

/// Drains a FIFO on a thread of its own, so that a writer opening it does not wait forever: the
/// tests write to FIFOs they make in a temporary folder, never to a real device.
public final class FIFOReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var text = ""

    /// Starts reading the FIFO at `path` until its writer closes it.
    public init(path: String) {
        Thread.detachNewThread { [self] in
            let handle = FileHandle(forReadingAtPath: path)
            text = String(decoding: handle?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
            try? handle?.close()
            done.signal()
        }
    }

    /// What was read, once the writer closed the FIFO.
    public func wait() -> String {
        done.wait()
        return text
    }
}
