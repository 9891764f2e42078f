import Foundation
import GRDB

/// The class in one SQLite file (GRDB, WAL, synchronous FULL: a transaction that returned is on disk).
public final class SQLiteClassStore: ClassStore {
    let pool: DatabasePool

    /// Opens (creating) the database at `path` and brings its tables up to date.
    public init(path: String) throws(ServerError) {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                try db.execute(sql: "PRAGMA foreign_keys = ON")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw .database("\(path): \(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in ClassSchema.migrations(.sqlite) {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        return migrator
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(ServerError) -> T {
        do { return try await pool.read(body) } catch let error as ServerError { throw error } catch {
            throw .database("\(error)")
        }
    }

    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(ServerError) -> T {
        do { return try await pool.write(body) } catch let error as ServerError { throw error } catch {
            throw .database("\(error)")
        }
    }

    public func createClass(name: String) async throws(ServerError) -> CreatedClass {
        let name = try ClassNames.className(name)
        let created = CreatedClass(
            classID: Secret.make("c").prefix(13).description, name: name, instructorToken: Secret.make("gymi_"),
            inviteCode: Secret.make("").prefix(12).description)
        try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM class WHERE name = ?", arguments: [name]) == true {
                throw ServerError.conflict("a class named \(name) exists already")
            }
            try db.execute(
                sql: "INSERT INTO class (id, name, invite_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [created.classID, name, Secret.hash(created.inviteCode), Date().timeIntervalSince1970])
            try db.execute(
                sql: """
                    INSERT INTO member (id, class_id, name, role, token_hash, created_at)
                    VALUES (?, ?, 'instructor', 'instructor', ?, ?)
                    """,
                arguments: [
                    Secret.make("m").prefix(13).description, created.classID, Secret.hash(created.instructorToken),
                    Date().timeIntervalSince1970,
                ])
        }
        return created
    }

    public func join(inviteCode: String, name: String) async throws(ServerError) -> Enrolment {
        let name = try ClassNames.student(name)
        let token = Secret.make("gyms_")
        return try await write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, name FROM class WHERE invite_hash = ?", arguments: [Secret.hash(inviteCode)])
            else { throw ServerError.notFound("no class has that invite code") }
            let classID: String = row["id"]
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM member WHERE class_id = ? AND lower(name) = ?", arguments: [classID, name])
                == true
            {
                throw ServerError.conflict("\(name) is taken in this class: choose another name")
            }
            try db.execute(
                sql: """
                    INSERT INTO member (id, class_id, name, role, token_hash, created_at)
                    VALUES (?, ?, ?, 'student', ?, ?)
                    """,
                arguments: [
                    Secret.make("m").prefix(13).description, classID, name, Secret.hash(token),
                    Date().timeIntervalSince1970,
                ])
            try db.execute(sql: "UPDATE class SET revision = revision + 1 WHERE id = ?", arguments: [classID])
            return Enrolment(classID: classID, className: row["name"], name: name, token: token)
        }
    }

    public func member(token: String) async throws(ServerError) -> ClassMember? {
        try await read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT member.id, member.class_id, class.name AS class_name, member.name, member.role
                    FROM member JOIN class ON class.id = member.class_id WHERE member.token_hash = ?
                    """, arguments: [Secret.hash(token)]
            ).map { row in
                ClassMember(
                    id: row["id"], classID: row["class_id"], className: row["class_name"], name: row["name"],
                    role: ClassRole(rawValue: row["role"]) ?? .student)
            }
        }
    }

    public func submit(
        _ request: SubmissionRequest, by member: ClassMember, at date: Date, fingerprint: String?
    ) async throws(ServerError)
        -> Int64
    {
        let (workspace, claimed) = try StoredJSON.submission(request)
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO submission (member_id, exercise, image, workspace, claimed, status, submitted_at,
                                            change_fingerprint)
                    VALUES (?, ?, '', ?, ?, 'queued', ?, ?)
                    """,
                arguments: [
                    member.id, request.exercise, workspace, claimed, date.timeIntervalSince1970, fingerprint,
                ])
            let id = db.lastInsertedRowID
            try db.execute(sql: ClassSchema.bumpByMember, arguments: [member.id])
            return id
        }
    }

    public func changes(classID: String, references: [String]) async throws(ServerError) -> [SharedChanges.Record] {
        let marks = Array(repeating: "?", count: references.count).joined(separator: ", ")
        return try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT submission.id, member.name, submission.exercise, submission.change_fingerprint
                    FROM submission JOIN member ON member.id = submission.member_id
                    WHERE member.class_id = ? AND (submission.change_fingerprint IN (\(marks.isEmpty ? "NULL" : marks))
                      OR submission.change_fingerprint IN (
                        SELECT shared.change_fingerprint FROM submission AS shared
                        JOIN member AS sender ON sender.id = shared.member_id
                        WHERE sender.class_id = ? AND shared.change_fingerprint IS NOT NULL
                        GROUP BY shared.change_fingerprint HAVING COUNT(DISTINCT shared.member_id) > 1))
                    """, arguments: StatementArguments([classID] + references + [classID])
            ).map {
                SharedChanges.Record(submissionID: $0[0], student: $0[1], exercise: $0[2], fingerprint: $0[3])
            }
        }
    }

    static let submissionColumns = """
        submission.id, member.name AS student, submission.member_id, submission.exercise,
        submission.status, submission.claimed, submission.verdict, submission.submitted_at, submission.graded_at
        """

    static func submission(_ row: Row) throws -> Submission {
        let decoder = JSONDecoder()
        let verdict: Data? = row["verdict"]
        let graded: Double? = row["graded_at"]
        return Submission(
            id: row["id"], student: row["student"], exercise: row["exercise"],
            status: SubmissionStatus(rawValue: row["status"]) ?? .error,
            claimed: try decoder.decode(ClaimedResult.self, from: row["claimed"]),
            verdict: try verdict.map { try decoder.decode(Verdict.self, from: $0) },
            submittedAt: Date(timeIntervalSince1970: row["submitted_at"]),
            gradedAt: graded.map { Date(timeIntervalSince1970: $0) })
    }

    public func submission(id: Int64) async throws(ServerError) -> (Submission, memberID: String, classID: String)? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT \(Self.submissionColumns), member.class_id
                        FROM submission JOIN member ON member.id = submission.member_id WHERE submission.id = ?
                        """, arguments: [id])
            else { return nil }
            return (try Self.submission(row), row["member_id"], row["class_id"])
        }
    }

    public func history(classID: String, student: String) async throws(ServerError) -> [Submission] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.submissionColumns) FROM submission JOIN member ON member.id = submission.member_id
                    WHERE member.class_id = ? AND member.name = ? ORDER BY submission.id DESC
                    """, arguments: [classID, student]
            ).map(Self.submission)
        }
    }

    public func claim(worker: String, lease: TimeInterval, now: Date) async throws(ServerError) -> GradingJob? {
        let time = now.timeIntervalSince1970
        return try await write { db in
            // one writer at a time in SQLite: the select and the update are one transaction, so two workers
            // (threads or processes) never take the same row
            guard
                let id = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT id FROM submission
                        WHERE status = 'queued' OR (status = 'grading' AND lease_until < ?)
                        ORDER BY id LIMIT 1
                        """, arguments: [time])
            else { return nil }
            try db.execute(
                sql: """
                    UPDATE submission SET status = 'grading', worker = ?, lease_until = ?, attempts = attempts + 1
                    WHERE id = ?
                    """, arguments: [worker, time + lease, id])
            try db.execute(sql: ClassSchema.bumpBySubmission, arguments: [id])
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Self.submissionColumns), submission.workspace, submission.attempts
                    FROM submission JOIN member ON member.id = submission.member_id WHERE submission.id = ?
                    """, arguments: [id])!
            return GradingJob(
                submission: try Self.submission(row),
                workspace: try JSONDecoder().decode([WorkspaceFile].self, from: row["workspace"]),
                attempt: row["attempts"])
        }
    }

    public func finish(
        id: Int64, worker: String, status: SubmissionStatus, verdict: Verdict, at date: Date
    )
        async throws(ServerError) -> Bool
    {
        let encoded = try StoredJSON.verdict(verdict)
        return try await write { db in
            try db.execute(
                sql: """
                    UPDATE submission SET status = ?, verdict = ?, size_bytes = ?, graded_at = ?, lease_until = NULL
                    WHERE id = ? AND worker = ? AND status = 'grading'
                    """,
                arguments: [
                    status.rawValue, encoded, verdict.passed ? verdict.sizeBytes : nil, date.timeIntervalSince1970, id,
                    worker,
                ])
            guard db.changesCount == 1 else { return false }
            try db.execute(sql: ClassSchema.bumpBySubmission, arguments: [id])
            return true
        }
    }

    public func leaderboard(classID: String, exercise: String) async throws(ServerError) -> [LeaderboardEntry] {
        let rows = try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT member.name AS student, submission.id, submission.size_bytes, submission.verdict,
                           submission.submitted_at
                    FROM submission JOIN member ON member.id = submission.member_id
                    WHERE member.class_id = ? AND submission.exercise = ? AND submission.status = 'passed'
                      AND submission.size_bytes IS NOT NULL
                    ORDER BY submission.size_bytes, submission.id
                    """, arguments: [classID, exercise]
            ).map { row -> (String, Int64, Int64, Data, Double) in
                (row["student"], row["id"], row["size_bytes"], row["verdict"], row["submitted_at"])
            }
        }
        return Leaderboards.entries(
            rows.map { row in
                (
                    student: row.0, submissionID: row.1, sizeBytes: row.2,
                    baseImage: (try? JSONDecoder().decode(Verdict.self, from: row.3))?.baseImage,
                    submittedAt: Date(timeIntervalSince1970: row.4)
                )
            })
    }

    public func progress(classID: String, exercises: [String]) async throws(ServerError) -> ProgressGrid {
        let (className, students, rows) = try await read { db in
            let className =
                try String.fetchOne(db, sql: "SELECT name FROM class WHERE id = ?", arguments: [classID]) ?? ""
            let students = try String.fetchAll(
                db, sql: "SELECT name FROM member WHERE class_id = ? AND role = 'student' ORDER BY name",
                arguments: [classID])
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT member.name AS student, submission.exercise, submission.status,
                           COALESCE(json_extract(CAST(submission.claimed AS TEXT), '$.hints'), 0) AS hints,
                           submission.submitted_at
                    FROM submission JOIN member ON member.id = submission.member_id
                    WHERE member.class_id = ? ORDER BY submission.id
                    """, arguments: [classID]
            ).map { row -> ProgressRecord in
                ProgressRecord(
                    student: row["student"], exercise: row["exercise"],
                    status: SubmissionStatus(rawValue: row["status"]) ?? .error,
                    hints: row["hints"],
                    submittedAt: Date(timeIntervalSince1970: row["submitted_at"]))
            }
            return (className, students, rows)
        }
        return ProgressGrids.grid(className: className, students: students, exercises: exercises, records: rows)
    }

    // MARK: the announcement outbox

    public func enqueue(_ announcement: Announcement, at date: Date) async throws(ServerError) -> Bool {
        let body = try StoredJSON.announcement(announcement)
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO announcement (submission_id, body, next_attempt_at) VALUES (?, ?, ?)
                    ON CONFLICT (submission_id) DO NOTHING
                    """, arguments: [announcement.submissionID, body, date.timeIntervalSince1970])
            return db.changesCount == 1
        }
    }

    public func nextAnnouncement(now: Date, hold: TimeInterval) async throws(ServerError) -> PendingAnnouncement? {
        let time = now.timeIntervalSince1970
        return try await write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, body, attempts FROM announcement
                        WHERE posted_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT 1
                        """, arguments: [time])
            else { return nil }
            let id: Int64 = row["id"]
            try db.execute(
                sql: "UPDATE announcement SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?",
                arguments: [time + hold, id])
            return PendingAnnouncement(
                id: id, announcement: try StoredJSON.announcement(row["body"]), attempts: row["attempts"] + 1)
        }
    }

    public func announcementPosted(id: Int64, at date: Date) async throws(ServerError) {
        try await write { db in
            try db.execute(
                sql: "UPDATE announcement SET posted_at = ? WHERE id = ?", arguments: [date.timeIntervalSince1970, id])
        }
    }

    public func announcementRetry(id: Int64, at date: Date) async throws(ServerError) {
        try await write { db in
            try db.execute(
                sql: "UPDATE announcement SET next_attempt_at = ? WHERE id = ? AND posted_at IS NULL",
                arguments: [date.timeIntervalSince1970, id])
        }
    }

    public func revision(classID: String) async throws(ServerError) -> Int64 {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT revision FROM class WHERE id = ?", arguments: [classID]) ?? 0
        }
    }
}
