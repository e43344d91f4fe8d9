@testable import FocalCLI
import Testing

/// The confusion matrix's columns are sized one by one (issue #15 item 5).
@Suite("Confusion matrix columns")
struct ConfusionMatrixColumnsTests {
    @Test("Each column is as wide as its class name or its widest count, plus two spaces")
    func widths() {
        let matrix = [[5, 123_456, 7], [0, 1, 2], [10, 0, 3]]
        #expect(ConfusionMatrixColumns.widths(matrix, classNames: ["a-very-long-class-name", "b", "cc"]) == [24, 8, 4])
    }

    @Test("The evaluate table: one long class name no longer widens every column")
    func table() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        var text = "x,label\n"
        for row in 0..<200 { text += "\(Double(row % 10)),\(row % 10 < 7 ? "a-very-long-class-name" : "b")\n" }
        let data = try fixture.write("d.csv", text)
        let model = fixture.path("m.json")
        _ = try Train.parse([data, "--epochs", "2", "--out", model]).train(progress: nil)
        let lines = try Evaluate.parse([model, data]).output().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = try #require(lines.firstIndex(of: "confusion matrix (rows: true class, columns: predicted)"))
        let header = lines[title + 1]
        // 22 characters of row names, then the column of 'a-very-long-class-name' (24), then 'b' (2 + its widest count).
        #expect(header.hasSuffix("  a-very-long-class-name" + String(repeating: " ", count: header.count - 22 - 24 - 1) + "b"), "\(header)")
        #expect(header.count <= 22 + 24 + 2 + 3)
    }
}
