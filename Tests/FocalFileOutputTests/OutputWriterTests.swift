import FocalFileOutput
import FocalTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every kind of output the one writer meets: nothing is ever destroyed (issue #15 item 3).
///
/// Only temporary files, symlinks and FIFOs made here are written: never a real device.
@Suite("The output writer")
struct OutputWriterTests {
    /// A fresh temporary folder, removed after `body`.
    func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("focal-output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    func contents(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    func names(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    func fileType(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return status.st_mode & S_IFMT
    }

    @Test("A new path: the file appears with the bytes, no temporary file is left")
    func newFile() throws {
        try withFolder { folder in
            try OutputFile.write(Data("new".utf8), to: .path(folder + "/a.txt"))
            #expect(try contents(folder + "/a.txt") == "new")
            #expect(try names(folder) == ["a.txt"])
        }
    }

    @Test("An existing regular file is replaced and keeps its permissions")
    func keepsMode() throws {
        try withFolder { folder in
            let path = folder + "/m.json"
            try Data("old".utf8).write(to: URL(fileURLWithPath: path))
            #expect(chmod(path, 0o640) == 0)
            try OutputFile.write(Data("new".utf8), to: .path(path))
            #expect(try contents(path) == "new")
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o640)
            #expect(try names(folder) == ["m.json"])
        }
    }

    @Test("A symlink is kept and the file it points to is written")
    func symlinkKept() throws {
        try withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: false)
            try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/real/target.txt"))
            #expect(symlink("real/target.txt", folder + "/link.txt") == 0)
            #expect(symlink("link.txt", folder + "/link2.txt") == 0)
            try OutputFile.write(Data("through the links".utf8), to: .path(folder + "/link2.txt"))
            #expect(fileType(folder + "/link.txt") == S_IFLNK)
            #expect(fileType(folder + "/link2.txt") == S_IFLNK)
            #expect(fileType(folder + "/real/target.txt") == S_IFREG)
            #expect(try contents(folder + "/real/target.txt") == "through the links")
            #expect(try names(folder + "/real") == ["target.txt"])
        }
    }

    @Test("A dangling symlink: its target is created, the link kept")
    func danglingSymlink() throws {
        try withFolder { folder in
            #expect(symlink("later.txt", folder + "/link.txt") == 0)
            try OutputFile.write(Data("made".utf8), to: .path(folder + "/link.txt"))
            #expect(fileType(folder + "/link.txt") == S_IFLNK)
            #expect(try contents(folder + "/later.txt") == "made")
        }
    }

    @Test("A FIFO is written in place and is still a FIFO afterwards")
    func fifo() throws {
        try withFolder { folder in
            let path = folder + "/pipe"
            #expect(mkfifo(path, 0o600) == 0)
            let reader = FIFOReader(path: path)
            try OutputFile.write(Data("through the pipe".utf8), to: .path(path))
            #expect(reader.wait() == "through the pipe")
            #expect(fileType(path) == S_IFIFO)
            #expect(try names(folder) == ["pipe"])
        }
    }

    @Test("A failing write leaves the existing file byte for byte and removes the temporary file")
    func failureKeepsOldFile() throws {
        try withFolder { folder in
            let path = folder + "/m.json"
            let old = Data((0..<300).map { UInt8($0 % 256) })
            try old.write(to: URL(fileURLWithPath: path))
            struct Interrupted: Error {}
            #expect(throws: Interrupted.self) {
                var writer = try OutputWriter(destination: .path(path))
                try writer.append(contentsOf: Array("half of the new".utf8))
                // The producer fails before committing: the writer is dropped.
                throw Interrupted()
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == old)
            #expect(try names(folder) == ["m.json"])
        }
    }

    @Test("A folder as the destination: an error, the folder untouched")
    func folderDestination() throws {
        try withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/d", withIntermediateDirectories: false)
            let error = #expect(throws: OutputFileError.self) { try OutputFile.write(Data("x".utf8), to: .path(folder + "/d")) }
            #expect(error?.reason == .system("Is a directory"))
            #expect(try names(folder + "/d") == [])
            let checked = #expect(throws: OutputFileError.self) { try OutputFile.checkFolder(of: .path(folder + "/d")) }
            #expect(checked?.reason == .isAFolder)
        }
    }

    @Test("The folder check: a missing folder and a file in the folder's place are named; standard output passes")
    func folderCheck() throws {
        try withFolder { folder in
            let missing = #expect(throws: OutputFileError.self) { try OutputFile.checkFolder(of: .path(folder + "/none/m.json")) }
            #expect(missing == OutputFileError(path: folder + "/none/m.json", reason: .missingFolder(folder + "/none")))
            #expect(missing?.description == "\(folder)/none/m.json: the folder '\(folder)/none' does not exist")
            try Data().write(to: URL(fileURLWithPath: folder + "/file"))
            let notFolder = #expect(throws: OutputFileError.self) { try OutputFile.checkFolder(of: .path(folder + "/file/m.json")) }
            #expect(notFolder?.reason == .system("Not a directory"))
            try OutputFile.checkFolder(of: .path(folder + "/fine.json"))
            try OutputFile.checkFolder(of: .standardOutput)
            #expect(OutputDestination(commandLineArgument: "-") == .standardOutput)
            #expect(OutputDestination(commandLineArgument: "./-") == .path("./-"))
        }
    }
}

