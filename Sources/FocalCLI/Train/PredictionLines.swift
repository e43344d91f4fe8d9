import Foundation

/// The JSON Lines output of `focal predict --format jsonl`.
enum PredictionLines {
    /// One JSON object per row, keyed as the CSV columns and in their order: the id column's
    /// text when there is one, `p_<class>` for each class (the number exactly as the CSV prints
    /// it), then `predicted` (the class name).
    ///
    /// - Parameters:
    ///   - classNames: The model's classes.
    ///   - probabilities: Row-major, one finite probability per class per row.
    ///   - predicted: The predicted class index of each row.
    ///   - identifiers: The id column's name and each row's id (a JSON string), or `nil`.
    static func jsonLines(
        classNames: [String], probabilities: [Double], predicted: [Int], identifiers: (column: String, values: [String])? = nil
    ) throws -> String {
        let classCount = classNames.count
        let keys = try classNames.map { try jsonString("p_" + $0) + ":" }
        let names = try classNames.map(jsonString)
        let idKey = try identifiers.map { try jsonString($0.column) + ":" }
        var text = ""
        text.reserveCapacity(predicted.count * (classCount * 30 + 20))
        for (row, predictedClass) in predicted.enumerated() {
            text += "{"
            if let identifiers, let idKey {
                text += idKey
                appendJSONString(identifiers.values[row], to: &text)
                text += ","
            }
            for c in 0..<classCount {
                text += keys[c]
                text += String(probabilities[row * classCount + c])
                text += ","
            }
            text += "\"predicted\":" + names[predictedClass] + "}\n"
        }
        return text
    }

    /// Appends `value` as a JSON string literal: quoted, with quotes, backslashes and control
    /// characters escaped (one call per row: no encoder).
    static func appendJSONString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// `text` as a JSON string literal, quoted and escaped.
    private static func jsonString(_ text: String) throws -> String {
        String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
    }
}
