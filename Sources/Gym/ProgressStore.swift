import Foundation
import Storage

/// The learner's progress in SQLite (`~/.gym/gym.sqlite`, beside the bench history): when each exercise was
/// started and completed, the hints shown, and every check run with its results.
public struct ProgressStore: Sendable {
    public let database: SQLiteDatabase

    /// One exercise's progress.
    public struct Entry: Sendable, Equatable {
        public var slug: String
        public var startedAt: String?
        public var completedAt: String?
        public var hintsShown: Int
        public var attempts: Int
        /// Checks passed / total at the last attempt.
        public var lastPassed: Int?
        public var lastTotal: Int?
    }

    public init(path: String = SQLiteDatabase.defaultPath) throws(GymError) {
        do {
            database = try SQLiteDatabase(path: path)
            try database.execute(
                """
                CREATE TABLE IF NOT EXISTS exercise_progress (
                  slug TEXT PRIMARY KEY, started_at TEXT, completed_at TEXT, hints_shown INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE IF NOT EXISTS check_attempts (
                  id INTEGER PRIMARY KEY, slug TEXT NOT NULL, at TEXT NOT NULL, passed INTEGER NOT NULL,
                  total INTEGER NOT NULL, results TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS check_attempts_by_slug ON check_attempts(slug, id);
                """)
        } catch {
            throw .storage("\(error)")
        }
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    private func run(_ sql: String, _ values: [SQLiteValue]) throws(GymError) -> [[String: SQLiteValue]] {
        do {
            return try database.query(sql, values)
        } catch {
            throw .storage("\(error)")
        }
    }

    public func markStarted(_ slug: String) throws(GymError) {
        _ = try run(
            "INSERT INTO exercise_progress(slug, started_at) VALUES (?, ?) ON CONFLICT(slug) DO UPDATE SET started_at = COALESCE(started_at, excluded.started_at)",
            [.text(slug), .text(Self.now())])
    }

    /// Counts one more hint shown; returns how many have been shown now.
    public func nextHint(_ slug: String) throws(GymError) -> Int {
        _ = try run(
            "INSERT INTO exercise_progress(slug, hints_shown) VALUES (?, 1) ON CONFLICT(slug) DO UPDATE SET hints_shown = hints_shown + 1",
            [.text(slug)])
        return try entry(slug).hintsShown
    }

    /// Records a check run; the first full pass completes the exercise.
    public func record(_ slug: String, results: [CheckResult]) throws(GymError) {
        let passed = results.filter(\.passed).count
        let json = (try? JSONEncoder().encode(results)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        _ = try run(
            "INSERT INTO check_attempts(slug, at, passed, total, results) VALUES (?, ?, ?, ?, ?)",
            [.text(slug), .text(Self.now()), .integer(Int64(passed)), .integer(Int64(results.count)), .text(json)])
        if passed == results.count {
            _ = try run(
                "INSERT INTO exercise_progress(slug, completed_at) VALUES (?, ?) ON CONFLICT(slug) DO UPDATE SET completed_at = COALESCE(completed_at, excluded.completed_at)",
                [.text(slug), .text(Self.now())])
        }
    }

    public func entry(_ slug: String) throws(GymError) -> Entry {
        let row = try run(
            "SELECT started_at, completed_at, hints_shown FROM exercise_progress WHERE slug = ?", [.text(slug)]
        )
        .first
        let attempts =
            try run(
                "SELECT COUNT(*) AS n FROM check_attempts WHERE slug = ?", [.text(slug)]
            ).first?["n"]?.int ?? 0
        let last = try run(
            "SELECT passed, total FROM check_attempts WHERE slug = ? ORDER BY id DESC LIMIT 1", [.text(slug)]
        ).first
        return Entry(
            slug: slug, startedAt: row?["started_at"]?.string, completedAt: row?["completed_at"]?.string,
            hintsShown: row?["hints_shown"]?.int ?? 0, attempts: attempts, lastPassed: last?["passed"]?.int,
            lastTotal: last?["total"]?.int)
    }
}
