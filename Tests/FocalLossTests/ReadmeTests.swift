import Foundation
import Testing

/// The README's code stays the code that compiles.
@Suite("README")
struct ReadmeTests {
    @Test("The quick start in the README is the compiled example, verbatim")
    func quickStartIsCompiled() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: packageRoot.appendingPathComponent("Examples/QuickStart/main.swift"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.contains(example), "README.md quotes Examples/QuickStart/main.swift")
    }
}
