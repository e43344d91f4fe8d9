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

    /// The model's JSON with `change` applied to its top-level object.
    func mutated(_ change: (inout [String: Any]) -> Void) throws -> String {
        var json = try #require(try JSONSerialization.jsonObject(with: model().jsonData()) as? [String: Any])
        change(&json)
        return String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
    }

    /// The same with `change` applied to the first layer of the network.
    func mutatedFirstLayer(_ change: @escaping (inout [String: Any]) -> Void) throws -> String {
        try mutated { json in
            var network = json["network"] as! [String: Any]
            var layers = network["layers"] as! [[String: Any]]
            change(&layers[0])
            network["layers"] = layers
            json["network"] = network
        }
    }

    func isInconsistent(_ error: ModelFileError, _ words: String) -> Bool {
        if case .inconsistent(_, let reason) = error { return reason.contains(words) }
        return false
    }

    @Test("Model files the fuzzing campaign found trapping are inconsistent-file errors (issue 19.1)")
    func fuzzedModelFiles() throws {
        expectError(try mutated { $0["classNames"] = ["0", "0", "1"] }) { self.isInconsistent($0, "'0' appears more than once") }
        expectError(try mutated { $0["network"] = ["layers": [Any]()] }) { self.isInconsistent($0, "no layer") }
        expectError(try mutatedFirstLayer { $0["inputs"] = 4_611_686_018_427_387_904 }) {
            self.isInconsistent($0, "layer 0 does not hold")
        }
        expectError(try mutatedFirstLayer { $0["outputs"] = -4 }) { self.isInconsistent($0, "must be > 0") }
        expectError(try mutatedFirstLayer { $0["outputs"] = 0; $0["weights"] = [Float](); $0["bias"] = [Float]() }) {
            self.isInconsistent($0, "must be > 0")
        }
        // Layer 0 resized consistently in itself, so only the chaining to layer 1 is wrong.
        expectError(try mutatedFirstLayer { layer in
            let inputs = layer["inputs"] as! Int
            layer["outputs"] = 5
            layer["weights"] = [Float](repeating: 0.5, count: 5 * inputs)
            layer["bias"] = [Float](repeating: 0, count: 5)
        }) { self.isInconsistent($0, "layer 1 has 4 inputs, but layer 0 has 5 outputs") }
    }

    @Test("A fractional format version and trailing text are named as such (issue 19.8)")
    func versionAndTrailingText() throws {
        let good = String(decoding: try model().jsonData(), as: UTF8.self)
        expectError(good.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 1.5")) {
            if case .corrupt(_, let detail) = $0 { return detail.contains("1.5 is not a whole version number") }
            return false
        }
        expectError(good + "\ngarbage") {
            if case .corrupt(_, let detail) = $0 { return detail.contains("unexpected text after the JSON document") }
            return false
        }
        // A brace inside a string does not end the document early; a cut file is still truncated.
        let cut = String(good.prefix(good.count - 3))
        expectError(cut) { $0 == .truncated(file: "m.json") }
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
