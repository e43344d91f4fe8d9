import Foundation

/// The test fixtures kept in the repository under `Tests/Fixtures/`, found from this file's path,
/// so `swift test` needs nothing outside the clone.
///
/// Reading a fixture throws a ``FixtureError`` naming the file; a test that needs a missing or
/// unreadable fixture fails with that message instead of trapping the test process.
public enum Fixture {
    /// The folder `Tests/Fixtures/` of this package.
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// The URL of the fixture at `path`, relative to `Tests/Fixtures/`.
    public static func url(_ path: String) -> URL {
        directory.appendingPathComponent(path)
    }

    /// The bytes of the fixture at `path` (relative to `Tests/Fixtures/`).
    public static func data(_ path: String) throws(FixtureError) -> Data {
        let url = url(path)
        do {
            return try Data(contentsOf: url)
        } catch {
            throw FixtureError(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
    }

    /// The fixture at `path` (relative to `Tests/Fixtures/`) decoded from JSON as `T`.
    public static func decode<T: Decodable>(_: T.Type, fromJSON path: String) throws(FixtureError) -> T {
        let bytes = try data(path)
        do {
            return try JSONDecoder().decode(T.self, from: bytes)
        } catch {
            throw FixtureError(path: url(path).path, reason: "is not the expected JSON (\(error))")
        }
    }
}

/// A test fixture that is missing, unreadable or malformed, with the file's path.
public struct FixtureError: Error, CustomStringConvertible, Sendable {
    /// The fixture's full path.
    public var path: String
    /// What is wrong with it.
    public var reason: String

    /// A fixture at `path` (its full path) with what is wrong with it.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "test fixture \(path) \(reason); the fixtures live in Tests/Fixtures (see its README.md)"
    }
}
