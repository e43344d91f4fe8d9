import FocalTraining
import Foundation
import FuzzSupport

/// One run: the bytes are a model file. The loader must throw a `ModelFileError` or give a model
/// that predicts on rows of its own width without trapping, whose file encodes and loads back as
/// the same model.
func fuzzModelFile(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: count) } ?? Data()
    let model: TrainedModel
    do {
        model = try TrainedModel(jsonData: bytes, fileName: "fuzz.json")
    } catch {
        _ = error.description
        return 0
    }
    let width = model.featureNames.count
    fuzzCheck(width > 0, "a model with no features was accepted")
    // Predict on three rows of small values: the library may return non-finite scores for a model
    // whose finite weights overflow (the CLI refuses them), but it must not trap.
    let rows = 3
    let features = (0..<(rows * width)).map { Float($0 % 7) - 3 }
    let probabilities = model.probabilities(features: features, rowCount: rows, threads: 1)
    let classes = model.classNames.count
    fuzzCheck(probabilities.count == rows * classes, "\(probabilities.count) probabilities for \(rows) rows of \(classes) classes")
    if probabilities.allSatisfy(\.isFinite) {
        let predicted = model.predictedClasses(probabilities: probabilities)
        fuzzCheck(predicted.count == rows && predicted.allSatisfy { (0..<classes).contains($0) }, "predicted classes \(predicted)")
    }
    let reloaded: TrainedModel
    do {
        reloaded = try TrainedModel(jsonData: model.jsonData(), fileName: "fuzz-rewritten.json")
    } catch {
        fuzzFailure("the model's own file does not load: \(error)")
    }
    fuzzCheck(reloaded == model, "the model changed in a save and load")
    return 0
}
