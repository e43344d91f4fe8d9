import Foundation
import Testing

/// The README's code stays the code that compiles.
@Suite("README")
struct ReadmeTests {
    @Test("The README's examples are the compiled example targets, verbatim", arguments: ["QuickStart", "Segmentation"])
    func examplesAreCompiled(example name: String) throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(contentsOf: packageRoot.appendingPathComponent("Examples/\(name)/main.swift"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.contains(example), "README.md quotes Examples/\(name)/main.swift")
    }
}
