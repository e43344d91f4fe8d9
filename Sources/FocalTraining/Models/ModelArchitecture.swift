/// The shape of a classifier: logistic regression or a multi-layer perceptron.
///
/// Both end in a linear output layer: one sigmoid unit for two classes, one softmax unit per class
/// otherwise. The MLP's hidden layers use ReLU. Written and parsed as `logistic` or `mlp:64,32`
/// (`mlp` alone is one hidden layer of 32 units, the width the toolkit's defaults were measured with).
public enum ModelArchitecture: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A linear model: logistic regression (binary) or multinomial logistic regression.
    case logistic
    /// A perceptron with these hidden layer widths, in order from the input, each followed by ReLU.
    case mlp(hidden: [Int])

    /// The hidden layer widths (empty for logistic regression).
    public var hiddenSizes: [Int] {
        switch self {
        case .logistic: return []
        case .mlp(let hidden): return hidden
        }
    }

    /// `logistic` or `mlp:` with the hidden sizes joined by commas.
    public var description: String {
        switch self {
        case .logistic: return "logistic"
        case .mlp(let hidden): return "mlp:" + hidden.map(String.init).joined(separator: ",")
        }
    }

    /// Parses `logistic`, `mlp` or `mlp:64,32`.
    ///
    /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` for any other text or a
    ///   hidden size outside `1...65536`.
    public init(parsing text: String) throws(TrainingError) {
        let requirement: SettingText = "must be 'logistic', 'mlp' or 'mlp:' followed by hidden sizes such as 64,32"
        if text == "logistic" {
            self = .logistic
            return
        }
        if text == "mlp" {
            self = .mlp(hidden: [32])
            return
        }
        guard text.hasPrefix("mlp:") else { throw .invalidSetting(parameter: .architecture, value: text, requirement: requirement) }
        let sizes = text.dropFirst(4).split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 != nil && (1...65536).contains($0!) }) else {
            throw .invalidSetting(parameter: .architecture, value: text, requirement: "\(requirement) (each in 1...65536)")
        }
        self = .mlp(hidden: sizes.map { $0! })
    }

    /// Decodes the text form (`logistic`, `mlp:64,32`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try ModelArchitecture(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes the text form (``description``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
