import FocalNumPy
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Files that cannot be memory-mapped (pipes, devices) are read as streams, up to the end of the
/// data the header announces.
@Suite("Reading streams")
struct StreamReadingTests {
    @Test("An endless device is not read forever")
    func endlessDevice() {
        #expect(throws: NumPyError(path: "/dev/zero", reason: .badMagic)) { try NumPyArray(contentsOfFile: "/dev/zero") }
        #expect(throws: NumPyError(path: "/dev/null", reason: .badMagic)) { try NumPyArray(contentsOfFile: "/dev/null") }
    }

    @Test("A named pipe", arguments: [0, 200_000])
    func namedPipe(extraBytes: Int) throws {
        let directory = TemporaryDirectory()
        let path = directory.file("pipe.npy").path
        try #require(mkfifo(path, 0o600) == 0)
        // [[0.5, 1.5, ...]]: 20,000 doubles, more than a pipe holds at once, then unrelated bytes.
        let values = (0..<20_000).map { Double($0) + 0.5 }
        let file = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (100, 200), }", payload: NPYBytes.pack(values))
            + Data(repeating: 7, count: extraBytes)
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { return }
            file.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { break }  // The reader stopped reading: the rest is not needed.
                    offset += written
                }
            }
            close(descriptor)
        }
        signal(SIGPIPE, SIG_IGN)
        writer.start()
        let array = try NumPyArray(contentsOfFile: path)
        #expect(array.shape == [100, 200])
        #expect(array.elements(as: Double.self) == values)
    }

    @Test("A truncated stream")
    func truncatedStream() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("pipe.npy").path
        try #require(mkfifo(path, 0o600) == 0)
        let file = NPYBytes.file(header: "{'descr': '<i4', 'fortran_order': False, 'shape': (10,), }", payload: NPYBytes.pack([Int32](repeating: 1, count: 7)))
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { return }
            _ = file.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
            close(descriptor)
        }
        writer.start()
        #expect(throws: NumPyError(path: path, reason: .truncatedData(expected: 40, available: 28))) {
            try NumPyArray(contentsOfFile: path)
        }
    }
}
