/// The text of an error message, with the settings it refers to kept apart from the words, so
/// that a caller can spell them its own way.
///
/// Written as a string literal whose interpolated ``TrainingParameter`` and ``SettingReference``
/// values become references (any other interpolated value becomes text):
///
/// ```swift
/// let requirement: SettingText = "needs validation data (\(TrainingParameter.validationFraction) > 0)"
/// print(requirement)                                   // needs validation data (validationFraction > 0)
/// print(requirement.rendered { _ in "--validation" })  // needs validation data (--validation > 0)
/// ```
public struct SettingText: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A part of the text.
    public enum Segment: Sendable, Hashable {
        /// Words, as they are.
        case text(String)
        /// A setting, spelt by whoever renders the text.
        case setting(SettingReference)
    }

    /// The parts, in order.
    public let segments: [Segment]

    /// Creates text from its parts.
    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Creates text without references.
    public init(stringLiteral value: String) {
        segments = [.text(value)]
    }

    /// Creates text from a string literal with interpolations.
    public init(stringInterpolation: StringInterpolation) {
        segments = stringInterpolation.segments
    }

    /// The text with each setting spelt by `name`.
    public func rendered(naming name: (SettingReference) -> String) -> String {
        segments.map { segment in
            switch segment {
            case .text(let text): return text
            case .setting(let setting): return name(setting)
            }
        }.joined()
    }

    /// The text with the settings' Swift spelling (``SettingReference/description``).
    public var description: String { rendered(naming: \.description) }

    /// Collects the words and references of a string literal.
    public struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var segments: [Segment] = []

        /// Starts an empty text.
        public init(literalCapacity: Int, interpolationCount: Int) {}

        /// Appends words.
        public mutating func appendLiteral(_ literal: String) {
            appendText(literal)
        }

        /// Appends a reference to a parameter.
        public mutating func appendInterpolation(_ parameter: TrainingParameter) {
            segments.append(.setting(.parameter(parameter)))
        }

        /// Appends a reference to a setting.
        public mutating func appendInterpolation(_ setting: SettingReference) {
            segments.append(.setting(setting))
        }

        /// Appends another text, keeping its references.
        public mutating func appendInterpolation(_ text: SettingText) {
            for segment in text.segments {
                switch segment {
                case .text(let words): appendText(words)
                case .setting: segments.append(segment)
                }
            }
        }

        /// Appends any other value as words (its `String(describing:)`).
        public mutating func appendInterpolation<Value>(_ value: Value) {
            appendText(String(describing: value))
        }

        /// Appends words to the last segment when it is words too, so equal texts have equal segments.
        private mutating func appendText(_ words: String) {
            guard !words.isEmpty else { return }
            if case .text(let previous) = segments.last {
                segments[segments.count - 1] = .text(previous + words)
            } else {
                segments.append(.text(words))
            }
        }
    }
}
