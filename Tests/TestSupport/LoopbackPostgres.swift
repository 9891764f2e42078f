import Foundation
import Spawn
import Testing

/// The PostgreSQL cluster `.ci/run` starts on loopback (`scripts/postgres.sh`), named by `GYM_TEST_POSTGRES`
/// (a URL to its maintenance database); suites that need it are gated on it.
public enum LoopbackPostgres {
    public static let url = ProcessInfo.processInfo.environment["GYM_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    public static var isPresent: Bool { url != nil }
    public static var isAvailable: Bool { RequiredParts.gate(present: isPresent) }
    public static let skipMessage: Comment =
        "needs PostgreSQL: GYM_TEST_POSTGRES=$(scripts/postgres.sh start) (.ci/run does it)"

    /// A new, empty database on the cluster, for one test: its URL.
    public static func freshDatabase() throws -> String {
        guard let url else { throw RegistryTestError("GYM_TEST_POSTGRES is not set") }
        let name = "gym_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        try psql(url, "CREATE DATABASE \(name)")
        guard let slash = url.lastIndex(of: "/") else { throw RegistryTestError("\(url): no database part") }
        return url[..<slash] + "/" + name
    }

    /// Runs SQL with psql against `url`: its output.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let result = try Subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", sql])
        guard result.succeeded else {
            throw RegistryTestError("psql \(sql): \(String(decoding: result.stdout + result.stderr, as: UTF8.self))")
        }
        return String(decoding: result.stdout, as: UTF8.self)
    }
}
