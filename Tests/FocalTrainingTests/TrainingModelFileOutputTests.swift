import Foundation
@testable import FocalTraining
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Model files go through the package's one output writer (issue 15.3).
@Suite("Training: model file outputs")
struct TrainingModelFileOutputTests {
    func model() throws -> TrainedModel {
        try Trainer(configuration: TrainingConfiguration(architecture: .logistic, epochs: 1, seed: 3))
            .train(blobData(rows: 60, seed: 1), labelColumn: "kind")
    }

    @Test("A model written over an existing file keeps its mode; through a symlink, the link is kept")
    func modeAndSymlink() throws {
        let folder = try TrainingTemporaryFolder()
        defer { folder.cleanUp() }
        let trained = try model()
        let target = try folder.file("m.json", "old")
        #expect(chmod(target.path, 0o600) == 0)
        let link = folder.url.appendingPathComponent("link.json")
        #expect(symlink("m.json", link.path) == 0)
        try trained.write(to: link)
        #expect(try TrainedModel(contentsOf: target) == trained)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "m.json")
        #expect(try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int == 0o600)
        #expect(try folder.contents() == ["link.json", "m.json"])
    }

    @Test("A folder in the way: unwritable, named, nothing changed")
    func folderInTheWay() throws {
        let folder = try TrainingTemporaryFolder()
        defer { folder.cleanUp() }
        let destination = folder.url.appendingPathComponent("m.json")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        let error = #expect(throws: ModelFileError.self) { try model().write(to: destination) }
        #expect(error == .unwritable(file: destination.path, reason: "Is a directory"))
        #expect(try folder.contents() == ["m.json"])
    }
}
