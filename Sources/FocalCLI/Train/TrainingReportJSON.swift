import FocalTraining
import Foundation

/// The report of `focal train --json`: one JSON object with what the text report says.
///
/// Keys: `model` (the path written), `data`, `architecture`, `loss`, `classNames`,
/// `positiveClass` (binary models: the positive class, class 1; otherwise null),
/// `positiveClassReason` (`rarer`, `equallyCommon` when both classes have as many rows, `named`
/// with `--positive-class`; null for multi-class models), `trainingRows`,
/// `trainingClassCounts` (class name to rows), `validationRows`, `validationData` (the file of
/// `--validation-data`, or null when the validation rows are held out), `selectedEpoch`, `stoppedEarly`,
/// `threshold`, `validation` (the validation metrics, as `focal evaluate --json` gives them, or
/// null without validation metrics), `loadSeconds`, `trainSeconds` and `threads`.
struct TrainingReportJSON {
    let model: TrainedModel
    /// The positive class and why (binary data), or `nil`.
    let positiveClass: PositiveClass?
    let modelPath: String
    let data: String
    let loadSeconds: Duration
    let trainSeconds: Duration
    let threads: Int
    /// The file of `--validation-data` as messages name it, or `nil`.
    var validationData: String? = nil

    /// The object on one line, with a final newline; keys sorted.
    func text() throws -> String {
        let summary = model.summary
        var object: [String: Any] = [
            "model": modelPath,
            "data": data,
            "architecture": "\(model.architecture)",
            "loss": lossDescription(model.configuration.loss),
            "classNames": model.classNames,
            "positiveClass": model.positiveClass as Any? ?? NSNull(),
            "positiveClassReason": positiveClass?.reason.rawValue as Any? ?? NSNull(),
            "trainingRows": summary.trainingRows,
            "trainingClassCounts": Dictionary(uniqueKeysWithValues: zip(model.classNames, summary.trainingClassCounts)),
            "validationRows": summary.validationRows,
            "validationData": validationData as Any? ?? NSNull(),
            "selectedEpoch": summary.selectedEpoch,
            "stoppedEarly": summary.stoppedEarly,
            "threshold": model.threshold,
            "loadSeconds": Self.seconds(loadSeconds),
            "trainSeconds": Self.seconds(trainSeconds),
            "threads": threads,
        ]
        if let validation = summary.validation {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var report = try JSONSerialization.jsonObject(with: encoder.encode(validation)) as? [String: Any] ?? [:]
            if var perClass = report["perClass"] as? [[String: Any]] {
                for index in perClass.indices {
                    if let c = perClass[index]["classIndex"] as? Int { perClass[index]["className"] = model.classNames[c] }
                }
                report["perClass"] = perClass
            }
            object["validation"] = report
        } else {
            object["validation"] = NSNull()
        }
        let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: bytes, as: UTF8.self) + "\n"
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }
}
