import Foundation
@testable import FocalTraining
import Testing

/// A fresh temporary folder for one test, removed by the caller with `cleanUp()`.
struct TrainingTemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("focal-training-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to a file named `name` in the folder and returns its URL.
    func file(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// The names of the files in the folder.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// A linearly separable two-class problem: class 1 when `x1 + x2 > 0.5` (with a margin), about a
/// quarter of the rows positive, plus a noise feature.
func separableData(rows: Int, seed: UInt64) throws -> Dataset {
    var generator = SeededGenerator(seed: seed)
    var features: [Float] = []
    var labels: [Int] = []
    while labels.count < rows {
        let a = Float(generator.nextGaussian()), b = Float(generator.nextGaussian())
        let margin = a + b - 1
        guard abs(margin) > 0.3 else { continue }
        features += [a, b, Float(generator.nextGaussian())]
        labels.append(margin > 0 ? 1 : 0)
    }
    return try Dataset(features: features, labels: labels, featureNames: ["a", "b", "noise"], classNames: ["0", "1"])
}

/// Three well-separated Gaussian blobs of unequal sizes in two dimensions.
func blobData(rows: Int, seed: UInt64) throws -> Dataset {
    var generator = SeededGenerator(seed: seed)
    let centres: [(Float, Float)] = [(0, 0), (4, 0), (0, 4)]
    var features: [Float] = []
    var labels: [Int] = []
    for row in 0..<rows {
        let c = row % 10 < 6 ? 0 : (row % 10 < 9 ? 1 : 2)
        features += [centres[c].0 + Float(generator.nextGaussian()) * 0.5, centres[c].1 + Float(generator.nextGaussian()) * 0.5]
        labels.append(c)
    }
    return try Dataset(features: features, labels: labels, featureNames: ["u", "v"], classNames: ["a", "b", "c"])
}

/// Expects `body` to throw a `DataError` equal to `expected`.
func expectDataError(_ expected: DataError, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \(expected)", sourceLocation: sourceLocation)
    } catch let error as DataError {
        #expect(error == expected, sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
