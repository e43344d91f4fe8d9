import Foundation

/// An error in a data file or in data given to the trainer.
///
/// Every case that concerns a file names it, and where one value is at fault, the line as in the
/// file (the header is line 1; a quoted field spanning several lines counts all of them) and the
/// column, so the ``description`` alone tells a user what to fix, for example
/// `train.csv:14: column 'x3': 'abc' is not a number`.
public enum DataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read (missing, unreadable, not UTF-8).
    case unreadable(file: String, reason: String)
    /// The file holds no header (it is empty or blank).
    case emptyFile(file: String)
    /// The file has a header but no data row.
    case noRows(file: String)
    /// The CSV text is malformed, such as a stray quote inside a quoted field.
    case malformed(file: String, line: Int, reason: String)
    /// A row holds a different number of fields than the header.
    case wrongFieldCount(file: String, line: Int, count: Int, expected: Int)
    /// A feature value is neither a finite number nor a missing-value marker.
    case nonNumeric(file: String, line: Int, column: String, value: String)
    /// A feature value is missing and the missing-value policy is ``MissingValuePolicy/reject``.
    case missingValue(file: String, line: Int, column: String)
    /// A label is empty.
    case missingLabel(file: String, line: Int, column: String)
    /// A label is not one of the classes the model knows.
    case unknownClass(file: String, line: Int, column: String, value: String, known: [String])
    /// A label of validation rows is not one of the classes of the training rows.
    case unknownTrainingClass(file: String, line: Int, column: String, value: String, known: [String])
    /// A column the data needs is not in the header.
    case missingColumn(file: String, column: String, header: [String])
    /// A column named by a setting of ``ColumnSelection`` (`role`), or a feature a model reads, is
    /// not in the header.
    case unknownColumn(file: String, column: String, role: ColumnRole, header: [String])
    /// A column is given two roles that exclude each other, such as the label column also among
    /// the ignored columns.
    case columnInTwoRoles(file: String, column: String, role: ColumnRole, other: ColumnRole)
    /// Two header fields have the same name.
    case duplicateColumn(file: String, column: String)
    /// The header splits into a single column at `delimiter` but holds `suggested`, another
    /// delimiter: the file is most likely split by that one.
    case singleColumn(file: String, header: String, delimiter: CSVDelimiter, suggested: CSVDelimiter)
    /// The header holds only the label column: there is no feature.
    case noFeatures(file: String)
    /// Every column besides the label is ignored or the id: there is no feature left.
    case everyFeatureIgnored(file: String)
    /// The labels hold a single class: nothing to tell apart.
    case singleClass(file: String, column: String, value: String)
    /// The positive class named (see ``PositiveClass/Choice/named(_:)``) is not one of the
    /// classes of the labels.
    case unknownPositiveClass(value: String, known: [String])
    /// A positive class was asked for (named, when `value` is not `nil`) but the labels hold more
    /// than two classes.
    case positiveClassOfMulticlass(value: String?, classCount: Int)
    /// In-memory data are inconsistent (counts that do not match, a label out of range, ...).
    case invalidData(reason: String)

    /// A sentence naming the file, line and column and the problem, with the settings it suggests
    /// in their Swift spelling (`missingValues: .imputeTrainingMean`).
    public var description: String { description(naming: \.description) }

    /// The message with each setting spelt by `name`, and the delimiter a
    /// ``singleColumn(file:header:delimiter:suggested:)`` error suggests spelt `delimiterSetting`
    /// (such as `--delimiter ';'`; by default the Swift argument `delimiter: .semicolon`).
    public func description(naming name: (SettingReference) -> String, delimiterSetting: String) -> String {
        if case .singleColumn(let file, let header, let delimiter, let suggested) = self {
            return "\(file): the header is a single column \(Self.quoted(header)) when split at \(delimiter); "
                + "it holds \(suggested) (pass \(delimiterSetting))"
        }
        return description(naming: name)
    }

    /// A sentence naming the file, line and column and the problem, with each setting it suggests
    /// spelt by `name` (such as a command-line tool's option).
    public func description(naming name: (SettingReference) -> String) -> String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot be read: \(reason)"
        case .emptyFile(let file):
            return "\(file): the file is empty; expected a CSV header line and data rows"
        case .noRows(let file):
            return "\(file): the file has a header but no data rows"
        case .malformed(let file, let line, let reason):
            return "\(file):\(line): malformed CSV: \(reason)"
        case .wrongFieldCount(let file, let line, let count, let expected):
            return "\(file):\(line): the row has \(count) fields, the header has \(expected)"
        case .nonNumeric(let file, let line, let column, let value):
            let trimmed = Substring(value.trimmingCharacters(in: .whitespaces))
            if CSVTable.isDecimalNumeral(trimmed), let number = Double(trimmed), number.isFinite {
                return "\(file):\(line): column '\(column)': \(Self.quoted(value)) is outside the range of Float "
                    + "(magnitudes up to \(Float.greatestFiniteMagnitude))"
            }
            return "\(file):\(line): column '\(column)': \(Self.quoted(value)) is not a finite number"
        case .missingValue(let file, let line, let column):
            return "\(file):\(line): column '\(column)': the value is missing "
                + "(pass \(name(.missingValues(.imputeTrainingMean))) to fill missing values with the training mean)"
        case .missingLabel(let file, let line, let column):
            return "\(file):\(line): column '\(column)': the label is missing"
        case .unknownClass(let file, let line, let column, let value, let known):
            return "\(file):\(line): column '\(column)': \(Self.quoted(value)) is not a class of the model "
                + "(classes: \(known.joined(separator: ", ")))"
        case .unknownTrainingClass(let file, let line, let column, let value, let known):
            return "\(file):\(line): column '\(column)': \(Self.quoted(value)) is not a class of the training data "
                + "(classes: \(known.joined(separator: ", ")))"
        case .missingColumn(let file, let column, let header):
            return "\(file): no column '\(column)' in the header (columns: \(header.joined(separator: ", ")))"
        case .unknownColumn(let file, let column, .modelFeature, let header):
            return "\(file): no column '\(column)' in the header; the model reads it as a feature "
                + "(columns: \(header.joined(separator: ", ")))"
        case .unknownColumn(let file, let column, let role, let header):
            return "\(file): no column '\(column)' in the header for \(name(.column(role))) "
                + "(columns: \(header.joined(separator: ", ")))"
        case .columnInTwoRoles(let file, let column, let role, let other):
            return "\(file): column '\(column)' is \(role.phrase(naming: name)) and cannot also be \(other.phrase(naming: name))"
        case .duplicateColumn(let file, let column):
            return "\(file): the header names column '\(column)' more than once"
        case .singleColumn(_, _, _, let suggested):
            return description(naming: name, delimiterSetting: "delimiter: .\(suggested.name)")
        case .noFeatures(let file):
            return "\(file): the header has no feature column besides the label"
        case .everyFeatureIgnored(let file):
            return "\(file): no feature column is left: every column besides the label is the id column "
                + "(\(name(.column(.id)))) or ignored (\(name(.column(.ignored))))"
        case .singleClass(let file, let column, let value):
            return "\(file): column '\(column)' holds a single class (\(Self.quoted(value))); at least two are needed"
        case .unknownPositiveClass(let value, let known):
            return "\(name(.parameter(.positiveClass))) \(Self.quoted(value)): not a class of the labels "
                + "(classes: \(known.map(Self.quoted).joined(separator: ", ")))"
        case .positiveClassOfMulticlass(let value, let classCount):
            return "\(name(.parameter(.positiveClass)))\(value.map { " " + Self.quoted($0) } ?? ""): "
                + "a positive class applies to binary labels; these hold \(classCount) classes"
        case .invalidData(let reason):
            return "invalid data: \(reason)"
        }
    }

    /// A value as a message shows it: in single quotes, with line breaks, tabs, NUL and other
    /// control characters escaped (so the message stays one line), cut after 40 characters.
    static func quoted(_ value: String) -> String {
        var shown = ""
        var count = 0
        for character in value {
            if count == 40 {
                shown += "…"
                break
            }
            switch character {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\r\n": shown += "\\r\\n"
            case "\t": shown += "\\t"
            case "\u{0}": shown += "\\0"
            default:
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                   scalar.properties.generalCategory == .control {
                    shown += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    shown.append(character)
                }
            }
            count += 1
        }
        let suffix = count == 40 && value.count > 40 ? " (\(value.count) characters)" : ""
        return "'" + shown + "'" + suffix
    }
}
