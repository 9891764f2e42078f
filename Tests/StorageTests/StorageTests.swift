import Base
import Bench
import Foundation
import GRDB
import Gym
import Scan
import Storage
import Testing

@testable import Context

/// gym's GRDB database over real files: the migrations, the errors, transactions, a database written
/// before the migrations existed; and SHA-256 against its test vectors.
struct StorageTests {
    static let allMigrations = [
        "progress", "bench-history", "scan-history", "vulnerability-index", "vulnerability-index-modified", "discovery",
        "exercise-revealed", "discovery-own-words",
    ]

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gym-db-\(UUID().uuidString)")
    }

    /// A copy of a fixture database in a fresh directory (the fixture itself stays untouched).
    static func copy(fixture name: String, into dir: URL) throws -> String {
        let source = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source, to: target)
        return target.path
    }

    @Test func createsTheFileAndItsDirectoryAndAppliesEveryMigration() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("nested/gym.sqlite").path
        let database = try GymDatabase(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try database.appliedMigrations() == Self.allMigrations)
        #expect(try database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        // opening it again applies nothing twice
        #expect(try GymDatabase(path: path).appliedMigrations() == Self.allMigrations)
    }

    @Test func errorsNameTheStatement() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = try GymDatabase(path: dir.appendingPathComponent("gym.sqlite").path)
        let error = #expect(throws: StorageError.self) {
            try database.read { try Row.fetchAll($0, sql: "SELECT * FROM missing") }
        }
        #expect(error?.description.contains("no such table: missing") == true)
        #expect(error?.description.contains("SELECT * FROM missing") == true)
    }

    @Test func aWriteThatThrowsLeavesNothingBehind() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = try GymDatabase(path: dir.appendingPathComponent("gym.sqlite").path)
        struct Boom: Error {}
        #expect(throws: StorageError.self) {
            try database.write { db in
                try db.execute(sql: "INSERT INTO bench_runs(started_at, label) VALUES ('now', 'x')")
                throw Boom()
            }
        }
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM bench_runs") } == 0)
    }

    @Test func aDirectoryInTheWayIsAClearError() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("not a directory".utf8).write(to: dir.appendingPathComponent("file"))
        let error = #expect(throws: StorageError.self) {
            _ = try GymDatabase(path: dir.appendingPathComponent("file/gym.sqlite").path)
        }
        #expect(error?.description.contains("file") == true)
    }

    @Test func aFileThatIsNotADatabaseIsNotOverwritten() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("gym.sqlite")
        let text = String(repeating: "my notes, not a database\n", count: 100)
        try Data(text.utf8).write(to: path)
        #expect(throws: StorageError.self) { _ = try GymDatabase(path: path.path) }
        #expect(try String(contentsOf: path, encoding: .utf8) == text)
    }

    /// A history written by the release before GRDB (see Fixtures/README.md) is migrated with every row kept,
    /// and each module reads its rows back through its own typed API.
    @Test func aDatabaseFromBeforeTheMigrationsKeepsEveryRow() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.copy(fixture: "gym-before-grdb.sqlite", into: dir)
        let database = try GymDatabase(path: path)
        #expect(try database.appliedMigrations() == Self.allMigrations)

        let progress = try ProgressStore(path: path).entry("layer-detective")
        #expect(progress.startedAt == "2026-12-01T17:48:58Z")
        #expect(progress.hintsShown == 2)
        #expect(progress.attempts == 1)
        #expect(progress.lastPassed == 3 && progress.lastTotal == 5)
        #expect(progress.completedAt == nil)

        let bench = BenchHistory(database: database)
        let builds = try bench.builds()
        #expect(builds.map(\.scenario) == ["code", "cold"])
        #expect(builds.map(\.stepsExecuted) == [1, 3])
        #expect(builds.allSatisfy { $0.dockerfileDigest.hasPrefix("sha256:") })
        let steps = try bench.steps(ofBuild: try #require(builds.last?.id))
        #expect(steps.map(\.instruction).last == "COPY app.py /app.py")
        #expect(steps.count == 4)
        #expect(try bench.lastStepTimings(dockerfile: "ctx/Dockerfile")["COPY app.py /app.py"] == 0.0)
        #expect(try bench.latestRunBuilds().count == 2)

        let scans = try ScanHistory(database: database).scans()
        #expect(scans.count == 1)
        #expect(scans.first?.counts[.high] == 14)
        #expect(scans.first?.counts[.medium] == 2)
        #expect(scans.first?.packages == 88)

        // new rows go in beside the old ones
        let hints = try ProgressStore(path: path).nextHint("layer-detective")
        #expect(hints == 3)
        let run = try bench.startRun(label: "after the migration")
        #expect(run == 2)
    }

    @Test func aVulnerabilityIndexFromBeforeTheMigrationsAnswersAsBefore() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try Self.copy(fixture: "vulndb-before-grdb.sqlite", into: dir)
        let index = try VulnerabilityIndex(path: path)
        #expect(index.count == 2)
        #expect(index.records(.pypi, "Werkzeug").map(\.id) == ["GHSA-2g68-c3qc-8985"])
        #expect(index.records(.pypi, "certifi").map(\.id) == ["GHSA-248v-346w-9cwc"])
        #expect(index.records(.pypi, "flask").isEmpty)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256(input: String, expected: String) {
        #expect(SHA256.hex(Array(input.utf8)) == expected)
    }

    @Test func sha256MillionAs() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(
            hasher.finalize().map { String(format: "%02x", $0) }.joined()
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
