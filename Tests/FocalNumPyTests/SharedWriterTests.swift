import FocalNumPy
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `.npy` files go through the package's one output writer: a symlink's target is written and the
/// link kept, a FIFO is written in place (only temporary links and FIFOs made here are written).
@Suite("Writing through the shared output writer")
struct SharedWriterTests {
    let directory = TemporaryDirectory()

    @Test("A symlink is kept; the file it points to gets the array")
    func symlinkTarget() throws {
        let target = directory.file("target.npy"), link = directory.file("link.npy")
        try Data("old".utf8).write(to: target)
        #expect(symlink("target.npy", link.path) == 0)
        try NumPyArray.write([Float(1), 2], shape: [2], to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "target.npy")
        #expect(try NumPyArray(contentsOf: target).elements(as: Float.self) == [1, 2])
        #expect(directory.contents == ["link.npy", "target.npy"])
    }

    @Test("A FIFO gets the file's bytes in place and stays a FIFO")
    func fifo() throws {
        let path = directory.file("pipe.npy").path
        #expect(mkfifo(path, 0o600) == 0)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var received = Data()
        Thread.detachNewThread {
            let handle = FileHandle(forReadingAtPath: path)
            received = handle?.readDataToEndOfFile() ?? Data()
            done.signal()
        }
        try NumPyArray.write([Int16(3), 4, 5], shape: [3], to: URL(fileURLWithPath: path))
        done.wait()
        #expect(try NumPyArray(npyData: received).integers(as: Int.self) == [3, 4, 5])
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(directory.contents == ["pipe.npy"])
    }
}
