import Foundation
@testable import FocalTraining
import Testing

@Suite("Training: model files")
struct TrainingModelFileTests {
    func model() throws -> TrainedModel {
        try Trainer(configuration: TrainingConfiguration(architecture: .mlp(hidden: [4]), epochs: 2, seed: 3))
            .train(blobData(rows: 120, seed: 1), labelColumn: "kind")
    }

    @Test("Writing and reading gives the same model, bit for bit, and no temporary file is left")
    func roundTrip() throws {
        let folder = try TrainingTemporaryFolder()
        defer { folder.cleanUp() }
        let original = try model()
        let url = folder.url.appendingPathComponent("m.json")
        try original.write(to: url)
        let loaded = try TrainedModel(contentsOf: url)
        #expect(loaded == original)
        #expect(loaded.jsonData() == original.jsonData())
        #expect(try folder.contents() == ["m.json"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        for key in ["formatVersion", "architecture", "network", "standardizer", "classNames", "featureNames", "configuration"] {
            #expect(json[key] != nil, "key \(key)")
        }
        #expect(json["formatVersion"] as? Int == TrainedModel.currentFormatVersion)
    }

    func expectError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation, _ check: (ModelFileError) -> Bool) {
        do {
            _ = try TrainedModel(jsonData: Data(text.utf8), fileName: "m.json")
            Issue.record("expected an error", sourceLocation: sourceLocation)
        } catch {
            #expect(check(error), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("m.json: "), sourceLocation: sourceLocation)
        }
    }

    @Test("Empty, truncated, corrupt, newer-version and inconsistent files are clear errors")
    func errors() throws {
        let good = String(decoding: try model().jsonData(), as: UTF8.self)
        expectError("") { $0 == .empty(file: "m.json") }
        expectError("  \n") { $0 == .empty(file: "m.json") }
        expectError(String(good.prefix(good.count / 2))) { $0 == .truncated(file: "m.json") }
        expectError("not json at all}") { if case .corrupt = $0 { return true } else { return false } }
        expectError("{\"formatVersion\": 1}") {
            if case .corrupt(_, let detail) = $0 { return detail.contains("missing field") } else { return false }
        }
        expectError("[1, 2]") { if case .corrupt = $0 { return true } else { return false } }
        let newer = good.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 2")
        #expect(newer != good)
        expectError(newer) { $0 == .newerVersion(file: "m.json", version: 2, supported: 1) }
        let wrongClasses = good.replacingOccurrences(of: "\"classNames\" : [\n    \"a\",", with: "\"classNames\" : [")
        #expect(wrongClasses != good)
        expectError(wrongClasses) { if case .inconsistent = $0 { return true } else { return false } }
    }

    @Test("A file that cannot be read, and a folder that cannot be written")
    func io() throws {
        let folder = try TrainingTemporaryFolder()
        defer { folder.cleanUp() }
        #expect(throws: ModelFileError.self) { _ = try TrainedModel(contentsOf: folder.url.appendingPathComponent("none.json")) }
        #expect(throws: ModelFileError.self) { try model().write(to: folder.url.appendingPathComponent("no/such/dir/m.json")) }
        #expect(try folder.contents().isEmpty)
    }
}
