import Foundation
import Testing

/// The code examples in doc comments and DocC pages are the compiled snippets, verbatim.
@Suite("Documentation examples")
struct DocExampleTests {
    /// The ```swift blocks of a doc comment or Markdown file, with the `/// ` prefix removed.
    static func swiftBlocks(in path: String) throws -> [String] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
        var blocks = [String](), current: [String]?
        for rawLine in text.components(separatedBy: "\n") {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("///") { line = String(line.dropFirst(3)); if line.hasPrefix(" ") { line.removeFirst() } }
            else if path.hasSuffix(".swift") { continue }
            else { line = rawLine }
            if line.trimmingCharacters(in: .whitespaces) == "```swift" { current = []; continue }
            if line.trimmingCharacters(in: .whitespaces) == "```", let block = current {
                blocks.append(block.joined(separator: "\n"))
                current = nil
                continue
            }
            current?.append(line)
        }
        return blocks
    }

    /// `text` with every line's leading whitespace removed, and blank and `import` lines left
    /// out (the snippet gathers its imports at the top), to compare code indented differently.
    static func unindented(_ text: String) -> String {
        text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
            .joined(separator: "\n")
    }

    @Test("Each documented example is compiled in Snippets/", arguments: [
        ("Sources/FocalLoss/Sigmoid/SigmoidFocalLoss.swift", "Snippets/DocCommentExamples.swift"),
        ("Sources/FocalLoss/Softmax/SoftmaxFocalLoss.swift", "Snippets/DocCommentExamples.swift"),
        ("Sources/FocalDifferentiation/SigmoidFocalLoss+Differentiable.swift", "Snippets/DifferentiationDocExamples.swift"),
        ("Sources/FocalDifferentiation/SoftmaxFocalLoss+DifferentiableLabels.swift", "Snippets/DifferentiationDocExamples.swift"),
        ("Sources/FocalDifferentiation/FocalDifferentiation.docc/FocalDifferentiation.md", "Snippets/DifferentiationDocExamples.swift"),
        ("Sources/FocalTraining/Training/Trainer.swift", "Snippets/TrainingDocExamples.swift"),
        ("Sources/FocalTraining/Training/SettingText.swift", "Snippets/TrainingDocExamples.swift"),
        ("Sources/FocalTraining/Metrics/BinaryRanking.swift", "Snippets/TrainingDocExamples.swift"),
        ("Sources/FocalTraining/Metrics/Calibration.swift", "Snippets/TrainingDocExamples.swift"),
        ("Sources/FocalTraining/Data/PositiveClass.swift", "Snippets/TrainingDocExamples.swift"),
        ("Sources/FocalTraining/FocalTraining.docc/FocalTraining.md", "Snippets/TrainingDocExamples.swift"),
        ("Sources/FocalNumPy/FocalNumPy.docc/FocalNumPy.md", "Snippets/NumPyDocExamples.swift"),
    ])
    func examplesAreCompiled(source: String, snippet: String) throws {
        let blocks = try Self.swiftBlocks(in: source)
        #expect(!blocks.isEmpty, "\(source) has an example")
        let compiled = Self.unindented(try String(contentsOf: packageRoot.appendingPathComponent(snippet), encoding: .utf8))
        for block in blocks {
            #expect(compiled.contains(Self.unindented(block)), "\(source): example not in \(snippet):\n\(block)")
        }
    }
}
