import Foundation
import GRDB
import Storage

/// The learner's progress in gym's database (`~/.gym/gym.sqlite`, beside the bench history): when each
/// exercise was started and completed, the hints shown, and every check run with its results.
public struct ProgressStore: Sendable {
    public let database: GymDatabase

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

    /// One exercise's row: when it was started and completed, and the hints shown.
    struct Exercise: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "exercise_progress"
        var slug: String
        var startedAt: String?
        var completedAt: String?
        var hintsShown: Int

        enum CodingKeys: String, CodingKey {
            case slug
            case startedAt = "started_at", completedAt = "completed_at", hintsShown = "hints_shown"
        }
    }

    /// One check run: how many checks passed, of how many, and every result as JSON.
    struct Attempt: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "check_attempts"
        var slug: String
        var at: String
        var passed: Int
        var total: Int
        var results: String
    }

    public init(path: String = GymDatabase.defaultPath) throws(GymError) {
        do {
            database = try GymDatabase(path: path)
        } catch {
            throw .storage("\(error)")
        }
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    private func write<T>(_ body: (Database) throws -> T) throws(GymError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw .storage("\(error)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(GymError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw .storage("\(error)")
        }
    }

    /// The exercise's row, a fresh one when it has none yet.
    private static func exercise(_ slug: String, in db: Database) throws -> Exercise {
        try Exercise.fetchOne(db, key: slug) ?? Exercise(slug: slug, hintsShown: 0)
    }

    /// Notes when the exercise was first started; starting it again keeps the first time.
    public func markStarted(_ slug: String) throws(GymError) {
        try write { db in
            var exercise = try Self.exercise(slug, in: db)
            exercise.startedAt = exercise.startedAt ?? Self.now()
            try exercise.save(db)
        }
    }

    /// Counts one more hint shown; returns how many have been shown now.
    public func nextHint(_ slug: String) throws(GymError) -> Int {
        try write { db in
            var exercise = try Self.exercise(slug, in: db)
            exercise.hintsShown += 1
            try exercise.save(db)
            return exercise.hintsShown
        }
    }

    /// Records a check run; the first full pass completes the exercise.
    public func record(_ slug: String, results: [CheckResult]) throws(GymError) {
        let passed = results.filter(\.passed).count
        let json = (try? JSONEncoder().encode(results)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        try write { db in
            try Attempt(slug: slug, at: Self.now(), passed: passed, total: results.count, results: json).insert(db)
            if passed == results.count {
                var exercise = try Self.exercise(slug, in: db)
                exercise.completedAt = exercise.completedAt ?? Self.now()
                try exercise.save(db)
            }
        }
    }

    public func entry(_ slug: String) throws(GymError) -> Entry {
        try read { db in
            let exercise = try Self.exercise(slug, in: db)
            let attempts = Attempt.filter(Column("slug") == slug)
            let last = try attempts.order(Column("id").desc).fetchOne(db)
            return Entry(
                slug: slug, startedAt: exercise.startedAt, completedAt: exercise.completedAt,
                hintsShown: exercise.hintsShown, attempts: try attempts.fetchCount(db), lastPassed: last?.passed,
                lastTotal: last?.total)
        }
    }
}
