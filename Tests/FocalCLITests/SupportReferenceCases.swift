import FocalTestSupport
import Foundation
import Testing

extension ReferenceCase {
    /// The `--alpha` value, if any.
    var alphaOption: String? {
        switch alpha {
        case .none: return nil
        case .constant(let value): return "\(value)"
        case .perClass(let values): return values.map { "\($0)" }.joined(separator: ",")
        }
    }
}

/// `|got - expected| <= rtol |expected| + atol`, recorded as an issue naming `what` otherwise.
func expectCLIClose(_ got: Double, _ expected: Double, rtol: Double, atol: Double, _ what: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let ok = abs(got - expected) <= rtol * abs(expected) + atol
    #expect(ok, "\(what): got \(got), expected \(expected)", sourceLocation: sourceLocation)
}

/// Paths the CLI tests need.
enum CLITestPaths {
    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new empty folder under the system's temporary folder, removed after `body`.
    static func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("focal-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// The files in `directory`, hidden ones (temporary files) included, sorted.
    static func contents(of directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }
}
