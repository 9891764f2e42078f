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
        /// When `gym fix --reveal` showed the answer before the exercise was passed.
        public var revealedAt: String?
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
        var revealedAt: String?

        enum CodingKeys: String, CodingKey {
            case slug
            case startedAt = "started_at", completedAt = "completed_at", hintsShown = "hints_shown"
            case revealedAt = "revealed_at"
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

    /// Counts one more hint shown, never more than the exercise has (`available`): once every hint was seen,
    /// the count stays and nothing more is charged. Returns how many have been shown now.
    public func nextHint(_ slug: String, available: Int = .max) throws(GymError) -> Int {
        try write { db in
            var exercise = try Self.exercise(slug, in: db)
            guard exercise.hintsShown < available else { return exercise.hintsShown }
            exercise.hintsShown += 1
            try exercise.save(db)
            return exercise.hintsShown
        }
    }

    /// How many hints of `slug` were shown so far.
    public func hintsShown(_ slug: String) throws(GymError) -> Int {
        try read { db in try Self.exercise(slug, in: db).hintsShown }
    }

    /// Records that `gym fix --reveal` showed the exercise's answer (the first time counts).
    public func markRevealed(_ slug: String) throws(GymError) {
        try write { db in
            var exercise = try Self.exercise(slug, in: db)
            exercise.revealedAt = exercise.revealedAt ?? Self.now()
            try exercise.save(db)
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
                hintsShown: exercise.hintsShown, revealedAt: exercise.revealedAt, attempts: try attempts.fetchCount(db),
                lastPassed: last?.passed,
                lastTotal: last?.total)
        }
    }
}

/// A discovery question's latest answer: the prediction, and what the experiment measured.
public struct DiscoveryAnswer: Sendable, Equatable, Codable {
    public var question: Int
    public var prediction: String
    public var predictedAt: String
    /// The choice the measurement supports; nil when the experiment did not finish.
    public var measured: String?
    public var evidence: [String]
    /// Why the learner predicted it, in their own words (nil when they gave none).
    public var ownWords: String?

    /// Whether the prediction matched the measurement (nil before there is one).
    public var correct: Bool? { measured.map { $0 == prediction } }
}

extension ProgressStore {
    struct DiscoveryRow: Codable, FetchableRecord, MutablePersistableRecord {
        static let databaseTableName = "discovery_answers"
        var id: Int64?
        var question: Int
        var predictedAt: String
        var prediction: String
        var measuredAt: String?
        var measured: String?
        var evidence: String?
        var ownWords: String?

        enum CodingKeys: String, CodingKey {
            case id, question, prediction, measured, evidence
            case predictedAt = "predicted_at", measuredAt = "measured_at", ownWords = "own_words"
        }

        mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    /// Records a prediction before its experiment runs; returns its id for the measurement.
    public func recordPrediction(question: Int, prediction: String, ownWords: String? = nil) throws(GymError) -> Int64 {
        try write { db in
            var row = DiscoveryRow(
                question: question, predictedAt: Self.now(), prediction: prediction, ownWords: ownWords)
            try row.insert(db)
            return row.id ?? 0
        }
    }

    /// Records what the experiment measured for a prediction.
    public func recordMeasurement(_ id: Int64, _ measurement: DiscoveryMeasurement) throws(GymError) {
        let evidence = (try? JSONEncoder().encode(measurement.evidence)).map { String(decoding: $0, as: UTF8.self) }
        try write { db in
            guard var row = try DiscoveryRow.fetchOne(db, key: id) else { return }
            row.measuredAt = Self.now()
            row.measured = measurement.supports
            row.evidence = evidence
            try row.update(db)
        }
    }

    /// The seed that orders this learner's discovery choices: made once, at random, and kept.
    public func choiceSeed() throws(GymError) -> UInt64 {
        try write { db in
            if let stored = try Int64.fetchOne(db, sql: "SELECT choice_seed FROM learner WHERE id = 1") {
                return UInt64(bitPattern: stored)
            }
            let seed = UInt64.random(in: 1...UInt64.max)
            try db.execute(
                sql: "INSERT INTO learner (id, choice_seed) VALUES (1, ?)", arguments: [Int64(bitPattern: seed)])
            return seed
        }
    }

    /// Each question's latest answer.
    public func discoveryAnswers() throws(GymError) -> [Int: DiscoveryAnswer] {
        try read { db in
            var answers: [Int: DiscoveryAnswer] = [:]
            for row in try DiscoveryRow.order(Column("id")).fetchAll(db) {
                let evidence =
                    row.evidence.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
                answers[row.question] = DiscoveryAnswer(
                    question: row.question, prediction: row.prediction, predictedAt: row.predictedAt,
                    measured: row.measured, evidence: evidence, ownWords: row.ownWords)
            }
            return answers
        }
    }
}
