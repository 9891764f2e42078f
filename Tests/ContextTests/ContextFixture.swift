import Foundation

/// A temporary directory with files, for tests that need a real context on disk.
struct ContextFixture {
    let url: URL
    var path: String { url.path }

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gym-ctx-\(UUID().uuidString)")
        for (path, content) in files { try write(path, content) }
    }

    func write(_ path: String, _ content: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: file, atomically: true, encoding: .utf8)
    }

    func chmod(_ path: String, _ mode: Int) throws {
        try FileManager.default.setAttributes(
            [.posixPermissions: mode], ofItemAtPath: url.appendingPathComponent(path).path)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
