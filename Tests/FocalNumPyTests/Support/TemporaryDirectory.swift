import Foundation

/// A fresh directory for one test, removed with its contents when released.
final class TemporaryDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("FocalNumPyTests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The URL of `name` inside the directory.
    func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Writes `bytes` to `name` and returns its URL.
    @discardableResult
    func write(_ bytes: Data, to name: String) -> URL {
        let file = file(name)
        try! bytes.write(to: file)
        return file
    }

    /// The names of the files in the directory, hidden ones included, sorted.
    var contents: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: url.path).sorted()) ?? []
    }
}
