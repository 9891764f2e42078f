import Foundation
import Testing

/// Locates `../shared` (the course's read-only data); tests that need it skip with a message when absent.
public enum SharedData {
    public static let root: URL? = {
        if let env = ProcessInfo.processInfo.environment["GYM_SHARED"] {
            return URL(fileURLWithPath: env)
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("DESIGN.md").path) {
                return candidate
            }
            let sibling = dir.deletingLastPathComponent().appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: sibling.appendingPathComponent("DESIGN.md").path) {
                return sibling
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    public static var isPresent: Bool { root != nil }
    /// The gate of the suites that need it (open under `GYM_TEST_REQUIRE_ALL` even when absent: they fail).
    public static var isAvailable: Bool { RequiredParts.gate(present: isPresent) }
    public static let skipMessage: Comment = "needs ../shared (the course's data); CI always has it"

    /// The path of a file under `../shared`.
    public static func path(_ relative: String) -> String { url(relative)?.path ?? relative }

    public static func url(_ relative: String) -> URL? { root?.appendingPathComponent(relative) }

    public static func subdirectories(_ relative: String) -> [String] {
        guard let url = url(relative),
            let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
        else { return [] }
        return names.sorted()
    }
}
