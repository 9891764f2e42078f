import Foundation
import Spawn
import Testing

/// Debian's chromium, headless, for the class server's pages: the DOM after load, and screenshots. Every
/// request that is not to loopback goes to a closed port, so the browser reaches nothing else.
public enum HeadlessChromium {
    public static let executable = Subprocess.executable(named: "chromium")
    public static var isPresent: Bool { executable != nil }
    public static var isAvailable: Bool { RequiredParts.gate(present: isPresent) }
    public static let skipMessage: Comment = "needs Debian's chromium (.ci/run installs it)"

    static func arguments(_ profile: String) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
            "--disable-domain-reliability", "--metrics-recording-only", "--hide-scrollbars",
            "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1", "--user-data-dir=\(profile)",
            "--force-device-scale-factor=1",
        ]
    }

    static func run(_ extra: [String]) throws -> [UInt8] {
        guard let executable else { throw RegistryTestError("no chromium") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("gym-chromium-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        // `timeout` ends a browser whose page never finishes (a server that went away), which would otherwise
        // outlive the test process
        let result = try Subprocess.run(["timeout", "-k", "5", "180", executable] + arguments(profile) + extra)
        guard result.succeeded else {
            throw RegistryTestError("chromium \(extra): \(String(decoding: result.stderr, as: UTF8.self))")
        }
        return result.stdout
    }

    /// The page's DOM as the browser built it (redirects and cookies followed).
    public static func dom(_ url: String) throws -> String {
        String(decoding: try run(["--dump-dom", url]), as: UTF8.self)
    }

    /// A PNG of the page at `width` × `height`.
    public static func screenshot(_ url: String, to path: String, width: Int = 1100, height: Int = 560) throws {
        try? FileManager.default.removeItem(atPath: path)
        _ = try run(["--screenshot=\(path)", "--window-size=\(width),\(height)", url])
        guard FileManager.default.fileExists(atPath: path) else { throw RegistryTestError("no screenshot at \(path)") }
    }
}
