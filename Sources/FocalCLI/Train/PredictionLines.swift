import Foundation

/// The JSON Lines output of `focal predict --format jsonl`.
enum PredictionLines {
    /// One JSON object per row, keyed as the CSV columns and in their order: `p_<class>` for each
    /// class (the number exactly as the CSV prints it), then `predicted` (the class name).
    ///
    /// - Parameters:
    ///   - classNames: The model's classes.
    ///   - probabilities: Row-major, one finite probability per class per row.
    ///   - predicted: The predicted class index of each row.
    static func jsonLines(classNames: [String], probabilities: [Double], predicted: [Int]) throws -> String {
        let classCount = classNames.count
        let keys = try classNames.map { try jsonString("p_" + $0) + ":" }
        let names = try classNames.map(jsonString)
        var text = ""
        text.reserveCapacity(predicted.count * (classCount * 30 + 20))
        for (row, predictedClass) in predicted.enumerated() {
            text += "{"
            for c in 0..<classCount {
                text += keys[c]
                text += String(probabilities[row * classCount + c])
                text += ","
            }
            text += "\"predicted\":" + names[predictedClass] + "}\n"
        }
        return text
    }

    /// `text` as a JSON string literal, quoted and escaped.
    private static func jsonString(_ text: String) throws -> String {
        String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
    }
}
