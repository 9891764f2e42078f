import Context
import Foundation
import Storage

/// Every bench run and build, stored in SQLite for `gym report` to chart.
public struct BenchHistory: Sendable {
    public let database: SQLiteDatabase

    public init(path: String = SQLiteDatabase.defaultPath) throws(StorageError) {
        database = try SQLiteDatabase(path: path)
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS bench_runs (
              id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, label TEXT);
            CREATE TABLE IF NOT EXISTS builds (
              id INTEGER PRIMARY KEY, bench_run_id INTEGER REFERENCES bench_runs(id) ON DELETE CASCADE,
              started_at TEXT NOT NULL, builder TEXT NOT NULL, dockerfile TEXT NOT NULL,
              dockerfile_digest TEXT NOT NULL, context TEXT NOT NULL, git_revision TEXT, scenario TEXT,
              changed_file TEXT, wall_seconds REAL NOT NULL, steps_cached INTEGER NOT NULL,
              steps_executed INTEGER NOT NULL, image_id TEXT, image_size INTEGER);
            CREATE TABLE IF NOT EXISTS build_steps (
              build_id INTEGER NOT NULL REFERENCES builds(id) ON DELETE CASCADE, position INTEGER NOT NULL,
              name TEXT NOT NULL, cached INTEGER NOT NULL, seconds REAL);
            CREATE INDEX IF NOT EXISTS builds_by_dockerfile ON builds(dockerfile_digest, scenario);
            """)
    }

    /// Starts a bench run; builds recorded with its id are grouped under it.
    public func startRun(label: String) throws(StorageError) -> Int64 {
        try database.query(
            "INSERT INTO bench_runs(started_at, label) VALUES (?, ?)", [.text(Self.now()), .text(label)])
        return database.lastInsertID
    }

    /// Records one build.
    @discardableResult
    public func record(
        _ result: BuildResult, builder: String, dockerfile: String, context: String, scenario: Scenario?,
        changedFile: String?, benchRun: Int64?
    ) throws -> Int64 {
        let digest = "sha256:" + SHA256.hex([UInt8](FileManager.default.contents(atPath: dockerfile) ?? Data()))
        let revision = Self.gitRevision(context)
        return try database.transaction {
            try database.query(
                """
                INSERT INTO builds(bench_run_id, started_at, builder, dockerfile, dockerfile_digest, context,
                  git_revision, scenario, changed_file, wall_seconds, steps_cached, steps_executed, image_id, image_size)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    benchRun.map { .integer($0) } ?? .null, .text(Self.now()), .text(builder), .text(dockerfile),
                    .text(digest), .text(context), revision.map { .text($0) } ?? .null,
                    scenario.map { .text($0.rawValue) } ?? .null, changedFile.map { .text($0) } ?? .null,
                    .real(result.wallSeconds), .integer(Int64(result.stepsCached)),
                    .integer(Int64(result.stepsExecuted)),
                    result.imageID.map { .text($0) } ?? .null, result.imageSize.map { .integer($0) } ?? .null,
                ])
            let id = database.lastInsertID
            for (position, step) in result.steps.filter(\.isInstruction).enumerated() {
                try database.query(
                    "INSERT INTO build_steps(build_id, position, name, cached, seconds) VALUES (?, ?, ?, ?, ?)",
                    [
                        .integer(id), .integer(Int64(position)), .text(step.name), .integer(step.cached ? 1 : 0),
                        step.seconds.map { .real($0) } ?? .null,
                    ])
            }
            return id
        }
    }

    /// Recorded builds, newest first.
    public func builds(limit: Int = 100) throws(StorageError) -> [[String: SQLiteValue]] {
        try database.query("SELECT * FROM builds ORDER BY id DESC LIMIT ?", [.integer(Int64(limit))])
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// The context's git revision (with `-dirty` when the tree has changes), nil outside a repository.
    static func gitRevision(_ directory: String) -> String? {
        guard let head = try? ProcessRunner.run(["git", "-C", directory, "rev-parse", "HEAD"]), head.status == 0 else {
            return nil
        }
        let revision = head.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let status = try? ProcessRunner.run(["git", "-C", directory, "status", "--porcelain"])
        let dirty = !(status?.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true)
        return dirty ? revision + "-dirty" : revision
    }
}
