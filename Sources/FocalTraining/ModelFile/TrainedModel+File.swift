import Foundation

extension TrainedModel {
    /// Reads a model file written by ``write(to:)``.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - fileName: The name to use in error messages (default: the file's path).
    /// - Throws: ``ModelFileError``: unreadable, empty, truncated or corrupt file, a newer format
    ///   version, or parts that disagree.
    public init(contentsOf url: URL, fileName: String? = nil) throws(ModelFileError) {
        let name = fileName ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: name, reason: CSVTable.reason(error))
        }
        try self.init(jsonData: data, fileName: name)
    }

    /// Decodes a model from the JSON of a model file.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - fileName: The name to use in error messages.
    /// - Throws: ``ModelFileError`` as ``init(contentsOf:fileName:)``.
    public init(jsonData data: Data, fileName: String) throws(ModelFileError) {
        guard data.contains(where: { !Self.isWhitespace($0) }) else { throw .empty(file: fileName) }
        struct VersionProbe: Decodable { let formatVersion: Double }
        let probed: Double
        do {
            probed = try JSONDecoder().decode(VersionProbe.self, from: data).formatVersion
        } catch {
            throw Self.classify(error, data: data, fileName: fileName)
        }
        guard probed.isFinite, probed == probed.rounded(), abs(probed) < 1e9 else {
            throw .corrupt(file: fileName, detail: "field 'formatVersion': \(probed) is not a whole version number")
        }
        let version = Int(probed)
        guard version <= Self.currentFormatVersion else {
            throw .newerVersion(file: fileName, version: version, supported: Self.currentFormatVersion)
        }
        guard version >= 1 else { throw .corrupt(file: fileName, detail: "format version \(version) is not valid") }
        do {
            self = try JSONDecoder().decode(TrainedModel.self, from: data)
        } catch {
            throw Self.classify(error, data: data, fileName: fileName)
        }
        // Checks the layers (counts, overflow, chaining, finite values) before any size is used.
        if let problem = inconsistency() {
            throw .inconsistent(file: fileName, reason: problem)
        }
        // A file from before the positive class was recorded: its positive class is class 1.
        if isBinary, recordedPositiveClass == nil { recordedPositiveClass = classNames[1] }
    }

    /// The model as JSON: sorted keys, so the same model always gives the same bytes.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        // Every value is finite (checked on construction), so encoding cannot fail.
        return try! encoder.encode(self)
    }

    /// Writes the model file atomically: to a temporary file in the same folder, then renamed
    /// over `url`, so a reader sees the old file or the new one, never a partial one.
    ///
    /// - Throws: ``ModelFileError/unwritable(file:reason:)``.
    public func write(to url: URL) throws(ModelFileError) {
        try AtomicFile.write(jsonData(), to: url)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Turns a decoding error into a truncated or corrupt file error with a useful detail.
    private static func classify(_ error: any Error, data: Data, fileName: String) -> ModelFileError {
        if data.first(where: { !isWhitespace($0) }) == UInt8(ascii: "{") {
            switch documentEnd(data) {
            case nil: return .truncated(file: fileName)
            case let end? where data[end...].contains(where: { !isWhitespace($0) }):
                let offset = data.distance(from: data.startIndex, to: end)
                return .corrupt(file: fileName, detail: "unexpected text after the JSON document (byte \(offset))")
            default: break
            }
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return .corrupt(file: fileName, detail: "missing field '\(path(context.codingPath + [key]))'")
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return .corrupt(file: fileName, detail: "field '\(path(context.codingPath))': \(context.debugDescription)")
        case .dataCorrupted(let context)?:
            if context.codingPath.isEmpty { return .corrupt(file: fileName, detail: "the file is not valid JSON") }
            return .corrupt(file: fileName, detail: "field '\(path(context.codingPath))': \(context.debugDescription)")
        default:
            return .corrupt(file: fileName, detail: "\(error)")
        }
    }

    /// The index just past the top-level JSON object that starts the data, or `nil` when the data
    /// ends first (a truncated file). Tracks strings and escapes; checks nothing else.
    private static func documentEnd(_ data: Data) -> Data.Index? {
        var depth = 0
        var inString = false
        var escaped = false
        for index in data.indices {
            let byte = data[index]
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return data.index(after: index) }
            default: break
            }
        }
        return nil
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
