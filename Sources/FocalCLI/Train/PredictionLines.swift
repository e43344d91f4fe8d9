import Foundation

/// The JSON Lines output of `focal predict --format jsonl`.
enum PredictionLines {
    /// One JSON object per row, keyed as the CSV columns: `p_<class>` for each class (a number),
    /// then `predicted` (the class name); keys sorted, one object per line.
    ///
    /// - Parameters:
    ///   - classNames: The model's classes.
    ///   - probabilities: Row-major, one probability per class per row.
    ///   - predicted: The predicted class index of each row.
    static func jsonLines(classNames: [String], probabilities: [Double], predicted: [Int]) throws -> String {
        let classCount = classNames.count
        var text = ""
        for (row, predictedClass) in predicted.enumerated() {
            var object: [String: Any] = ["predicted": classNames[predictedClass]]
            for (c, name) in classNames.enumerated() {
                object["p_" + name] = probabilities[row * classCount + c]
            }
            let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            text += String(decoding: bytes, as: UTF8.self) + "\n"
        }
        return text
    }
}
