import FocalTestSupport
import Foundation
import Testing

/// The fixtures the tests read are in the repository, and a missing one is a failed test with a
/// message naming the file, never a trap.
@Suite("Test fixtures")
struct FixtureTests {
    @Test("The reference files are inside the repository and decode")
    func referenceFilesInRepository() throws {
        let root = Fixture.directory.deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL.path
        let url = Fixture.url(ReferenceCase.file).standardizedFileURL
        #expect(url.path.hasPrefix(root + "/Tests/Fixtures/"), "\(url.path) is not under \(root)/Tests/Fixtures")
        let cases = try ReferenceCase.all()
        #expect(cases.count >= 18)
        #expect(Set(cases.map(\.kind)) == ["sigmoid", "softmax"])
        let variants = try Fixture.data("reference/variants_reference.json")
        #expect(try JSONSerialization.jsonObject(with: variants) is [String: Any])
    }

    @Test("A missing fixture throws an error naming its path")
    func missingFixture() {
        let error = #expect(throws: FixtureError.self) { try Fixture.data("reference/no-such-file.json") }
        #expect(error?.path.hasSuffix("Tests/Fixtures/reference/no-such-file.json") == true)
        #expect(error?.description.contains("no-such-file.json") == true)
    }

    @Test("A malformed fixture throws an error naming its path")
    func malformedFixture() {
        struct Expected: Decodable { var cases: [ReferenceCase] }
        // The README of the fixtures folder is not JSON.
        let error = #expect(throws: FixtureError.self) { try Fixture.decode(Expected.self, fromJSON: "README.md") }
        #expect(error?.description.contains("README.md") == true)
        #expect(error?.reason.contains("JSON") == true)
    }

    @Test("A case name the file does not have is an error, not a trap")
    func unknownCase() {
        let error = #expect(throws: FixtureError.self) { try ReferenceCase.named("no such case") }
        #expect(error?.description.contains("no such case") == true)
    }
}
