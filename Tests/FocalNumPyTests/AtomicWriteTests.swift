import FocalNumPy
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Writes either complete or leave nothing behind: never a half-written file, never a damaged
/// existing one.
@Suite("Atomic writing")
struct AtomicWriteTests {
    let directory = TemporaryDirectory()

    @Test("A successful write leaves only the destination")
    func success() throws {
        let url = directory.file("L.npy")
        try NumPyArray.write([Float(1), 2, 3], shape: [3], to: url)
        #expect(directory.contents == ["L.npy"])
        #expect(try NumPyArray(contentsOf: url).elements(as: Float.self) == [1, 2, 3])
    }

    @Test("An existing file is replaced on success")
    func replaces() throws {
        let url = directory.file("L.npy")
        try Data("old contents".utf8).write(to: url)
        try NumPyArray.write([Int64(7), 8], shape: [2], to: url)
        #expect(try NumPyArray(contentsOf: url).integers(as: Int.self) == [7, 8])
        try NumPyArray.write([Int32(-1)], shape: [], to: url)
        let array = try NumPyArray(contentsOf: url)
        #expect(array.dtype == .int32 && array.shape == [])
        #expect(directory.contents == ["L.npy"])
    }

    @Test("A failed write leaves an existing file untouched")
    func keepsExisting() throws {
        let url = directory.file("L.npy")
        let original = Data("precious".utf8)
        try original.write(to: url)
        #expect(throws: NumPyError.self) { try NumPyArray.write([Float(1), 2], shape: [3], to: url) }
        #expect(throws: NumPyError.self) { try NumPyArray.write([Float(1), 2], shape: [-2], to: url) }
        #expect(try Data(contentsOf: url) == original)
        #expect(directory.contents == ["L.npy"])
    }

    @Test("A failure after the data is written removes the temporary file")
    func renameFailure() throws {
        // The destination is a non-empty directory: the temporary file is written in full, then
        // the rename over the directory fails.
        let destination = directory.file("L.npy")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        try Data("inside".utf8).write(to: destination.appendingPathComponent("keep"))
        let error = #expect(throws: NumPyError.self) {
            try NumPyArray.write([Double](repeating: 1, count: 1000), shape: [10, 100], to: destination)
        }
        #expect(error?.reason == .cannotWrite("Is a directory"))
        #expect(directory.contents == ["L.npy"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path) == ["keep"])
    }

    @Test("Writing into a missing directory")
    func missingDirectory() throws {
        let url = directory.file("missing/L.npy")
        let error = #expect(throws: NumPyError.self) { try NumPyArray.write([Float(1)], shape: [1], to: url) }
        #expect(error == NumPyError(path: url.path, reason: .cannotWrite("No such file or directory")))
        #expect(error?.description == "\(url.path): cannot write: No such file or directory")
        #expect(directory.contents == [])
    }

    @Test("Writing below a path that is a file")
    func parentIsFile() throws {
        directory.write(Data("x".utf8), to: "file")
        let url = directory.file("file/L.npy")
        let error = #expect(throws: NumPyError.self) { try NumPyArray.write([Float(1)], shape: [1], to: url) }
        #expect(error?.reason == .cannotWrite("Not a directory"))
        #expect(directory.contents == ["file"])
    }

    @Test("Writing a loaded array into a missing directory")
    func instanceWriteFailure() throws {
        let array = try NumPyArray([UInt8(1), 2], shape: [2])
        let url = URL(fileURLWithPath: "no-such-dir/out.npy")
        let error = #expect(throws: NumPyError.self) { try array.write(to: url) }
        #expect(error?.description == "no-such-dir/out.npy: cannot write: No such file or directory")
    }

    @Test("Writing into a read-only directory", .enabled(if: geteuid() != 0, "root may write anywhere"))
    func readOnlyDirectory() throws {
        let locked = directory.file("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let url = locked.appendingPathComponent("L.npy")
        let error = #expect(throws: NumPyError.self) { try NumPyArray.write([Float(1)], shape: [1], to: url) }
        #expect(error?.reason == .cannotWrite("Permission denied"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path) == [])
    }

    @Test("The written file gets ordinary permissions, not the temporary file's")
    func permissions() throws {
        let url = directory.file("L.npy")
        try NumPyArray.write([Float(1)], shape: [1], to: url)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o600 == 0o600)
        #expect(mode & 0o111 == 0)
    }
}
