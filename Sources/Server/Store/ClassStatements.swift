import Foundation

/// A value a statement binds: what both stores' columns hold.
enum StoredValue: Sendable, Equatable {
    case text(String), integer(Int64), real(Double), bytes(Data), null
}

/// What can be bound to a statement.
protocol StoredValueConvertible: Sendable {
    var storedValue: StoredValue { get }
}

extension String: StoredValueConvertible { var storedValue: StoredValue { .text(self) } }
extension Int64: StoredValueConvertible { var storedValue: StoredValue { .integer(self) } }
extension Double: StoredValueConvertible { var storedValue: StoredValue { .real(self) } }
extension Data: StoredValueConvertible { var storedValue: StoredValue { .bytes(self) } }
extension Optional: StoredValueConvertible where Wrapped: StoredValueConvertible {
    var storedValue: StoredValue { map(\.storedValue) ?? .null }
}

/// One statement of the class's SQL: its text with `?` for each value in order (each store turns the marks
/// into its own), and the values.
struct ClassStatement: Sendable, Equatable {
    var sql: String
    var values: [StoredValue]

    init(_ sql: String, _ values: [any StoredValueConvertible] = []) {
        self.sql = sql
        self.values = values.map(\.storedValue)
    }
}

/// The class's SQL, written once for both stores. Where the dialects differ (PostgreSQL's row locks, how JSON
/// is read) the statement takes the dialect; every statement that returns rows names its columns in the order
/// the stores read them.
enum ClassStatements {
    typealias Dialect = ClassSchema.Dialect

    // MARK: classes and members

    static func classNamed(_ name: String) -> ClassStatement {
        ClassStatement("SELECT 1 FROM class WHERE name = ?", [name])
    }

    static func insertClass(id: String, name: String, inviteHash: String, at time: Double) -> ClassStatement {
        ClassStatement(
            "INSERT INTO class (id, name, invite_hash, created_at) VALUES (?, ?, ?, ?)", [id, name, inviteHash, time])
    }

    static func insertMember(
        id: String, classID: String, name: String, role: ClassRole, tokenHash: String, at time: Double
    ) -> ClassStatement {
        ClassStatement(
            "INSERT INTO member (id, class_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [id, classID, name, role.rawValue, tokenHash, time])
    }

    /// Columns: id, name.
    static func classInvited(inviteHash: String) -> ClassStatement {
        ClassStatement("SELECT id, name FROM class WHERE invite_hash = ?", [inviteHash])
    }

    static func nameTaken(classID: String, name: String) -> ClassStatement {
        ClassStatement("SELECT 1 FROM member WHERE class_id = ? AND lower(name) = ?", [classID, name])
    }

    /// Columns: member id, class id, class name, member name, role.
    static func member(tokenHash: String) -> ClassStatement {
        ClassStatement(
            """
            SELECT member.id, member.class_id, class.name, member.name, member.role
            FROM member JOIN class ON class.id = member.class_id WHERE member.token_hash = ?
            """, [tokenHash])
    }

    // MARK: submissions

    /// Returns the new row's id.
    static func insertSubmission(
        memberID: String, exercise: String, workspace: Data, claimed: Data, at time: Double, fingerprint: String?
    ) -> ClassStatement {
        ClassStatement(
            """
            INSERT INTO submission (member_id, exercise, image, workspace, claimed, status, submitted_at,
                                    change_fingerprint)
            VALUES (?, ?, '', ?, ?, 'queued', ?, ?)
            RETURNING id
            """, [memberID, exercise, workspace, claimed, time, fingerprint])
    }

    /// The columns `submissions` returns, in order.
    enum SubmissionColumn: Int, CaseIterable {
        case id, student, memberID, exercise, status, claimed, verdict, submittedAt, gradedAt, classID, workspace
        case attempts
    }

    /// Submissions with their member, `condition` (`WHERE ...`, `?` for `values`) choosing them; columns in the
    /// order of `SubmissionColumn`.
    static func submissions(_ condition: String, _ values: [any StoredValueConvertible]) -> ClassStatement {
        ClassStatement(
            """
            SELECT submission.id, member.name, submission.member_id, submission.exercise, submission.status,
                   submission.claimed, submission.verdict, submission.submitted_at, submission.graded_at,
                   member.class_id, submission.workspace, submission.attempts
            FROM submission JOIN member ON member.id = submission.member_id
            """ + "\n" + condition, values)
    }

    static func submission(id: Int64) -> ClassStatement {
        submissions("WHERE submission.id = ?", [id])
    }

    static func history(classID: String, student: String) -> ClassStatement {
        submissions(
            "WHERE member.class_id = ? AND member.name = ? ORDER BY submission.id DESC", [classID, student])
    }

    /// Every student's passed submissions with a measured size, smallest first.
    static func leaderboard(classID: String, exercise: String) -> ClassStatement {
        submissions(
            """
            WHERE member.class_id = ? AND submission.exercise = ? AND submission.status = 'passed'
              AND submission.size_bytes IS NOT NULL
            ORDER BY submission.size_bytes, submission.id
            """, [classID, exercise])
    }

    /// Columns: submission id, student, exercise, change digest.
    static func changes(classID: String, references: [String]) -> ClassStatement {
        let marks = references.isEmpty ? "NULL" : Array(repeating: "?", count: references.count).joined(separator: ", ")
        return ClassStatement(
            """
            SELECT submission.id, member.name, submission.exercise, submission.change_fingerprint
            FROM submission JOIN member ON member.id = submission.member_id
            WHERE member.class_id = ? AND (submission.change_fingerprint IN (\(marks))
              OR submission.change_fingerprint IN (
                SELECT shared.change_fingerprint FROM submission AS shared
                JOIN member AS sender ON sender.id = shared.member_id
                WHERE sender.class_id = ? AND shared.change_fingerprint IS NOT NULL
                GROUP BY shared.change_fingerprint HAVING COUNT(DISTINCT shared.member_id) > 1))
            """, [classID] + references + [classID])
    }

    /// Takes the oldest queued job (or one whose lease ran out) for `worker`; returns its id. On PostgreSQL the
    /// row is locked and rows other workers hold are skipped; SQLite has one writer at a time.
    static func claim(worker: String, until: Double, now: Double, _ dialect: Dialect) -> ClassStatement {
        ClassStatement(
            """
            UPDATE submission SET status = 'grading', worker = ?, lease_until = ?, attempts = attempts + 1
            WHERE id = (
                SELECT id FROM submission
                WHERE status = 'queued' OR (status = 'grading' AND lease_until < ?)
                ORDER BY id LIMIT 1\(skipLocked(dialect)))
            RETURNING id
            """, [worker, until, now])
    }

    /// Stores a verdict if the job is still `worker`'s; returns the id when it was.
    static func finish(
        id: Int64, worker: String, status: SubmissionStatus, verdict: Data, sizeBytes: Int64?, at time: Double
    ) -> ClassStatement {
        ClassStatement(
            """
            UPDATE submission SET status = ?, verdict = ?, size_bytes = ?, graded_at = ?, lease_until = NULL
            WHERE id = ? AND worker = ? AND status = 'grading'
            RETURNING id
            """, [status.rawValue, verdict, sizeBytes, time, id, worker])
    }

    // MARK: the progress grid

    static func className(classID: String) -> ClassStatement {
        ClassStatement("SELECT name FROM class WHERE id = ?", [classID])
    }

    static func students(classID: String) -> ClassStatement {
        ClassStatement("SELECT name FROM member WHERE class_id = ? AND role = 'student' ORDER BY name", [classID])
    }

    /// What the grid counts and nothing more (no workspace, no verdict); the hints read by the database.
    /// Columns: student, exercise, status, hints, submitted at.
    static func progress(classID: String, _ dialect: Dialect) -> ClassStatement {
        let hints =
            switch dialect {
            case .sqlite: "COALESCE(json_extract(CAST(submission.claimed AS TEXT), '$.hints'), 0)"
            case .postgres: "COALESCE((convert_from(submission.claimed, 'UTF8')::jsonb ->> 'hints')::int, 0)"
            }
        return ClassStatement(
            """
            SELECT member.name, submission.exercise, submission.status, \(hints), submission.submitted_at
            FROM submission JOIN member ON member.id = submission.member_id
            WHERE member.class_id = ? ORDER BY submission.id
            """, [classID])
    }

    // MARK: the class's revision

    static func revision(classID: String) -> ClassStatement {
        ClassStatement("SELECT revision FROM class WHERE id = ?", [classID])
    }

    static func bump(classID: String) -> ClassStatement {
        ClassStatement("UPDATE class SET revision = revision + 1 WHERE id = ?", [classID])
    }

    static func bump(byMember memberID: String) -> ClassStatement {
        ClassStatement(
            "UPDATE class SET revision = revision + 1 WHERE id = (SELECT class_id FROM member WHERE id = ?)", [memberID]
        )
    }

    static func bump(bySubmission id: Int64) -> ClassStatement {
        ClassStatement(
            """
            UPDATE class SET revision = revision + 1
            WHERE id = (SELECT member.class_id FROM submission JOIN member ON member.id = submission.member_id
                        WHERE submission.id = ?)
            """, [id])
    }

    // MARK: the announcement outbox

    /// Returns the new row's id, none when that submission has an announcement already.
    static func enqueue(submissionID: Int64, body: String, at time: Double) -> ClassStatement {
        ClassStatement(
            """
            INSERT INTO announcement (submission_id, body, next_attempt_at) VALUES (?, ?, ?)
            ON CONFLICT (submission_id) DO NOTHING
            RETURNING id
            """, [submissionID, body, time])
    }

    /// Takes the oldest announcement due and holds it until `until`. Columns: id, body, attempts.
    static func nextAnnouncement(now: Double, until: Double, _ dialect: Dialect) -> ClassStatement {
        ClassStatement(
            """
            UPDATE announcement SET attempts = attempts + 1, next_attempt_at = ?
            WHERE id = (
                SELECT id FROM announcement WHERE posted_at IS NULL AND next_attempt_at <= ?
                ORDER BY id LIMIT 1\(skipLocked(dialect)))
            RETURNING id, body, attempts
            """, [until, now])
    }

    static func announcementPosted(id: Int64, at time: Double) -> ClassStatement {
        ClassStatement("UPDATE announcement SET posted_at = ? WHERE id = ?", [time, id])
    }

    static func announcementRetry(id: Int64, at time: Double) -> ClassStatement {
        ClassStatement("UPDATE announcement SET next_attempt_at = ? WHERE id = ? AND posted_at IS NULL", [time, id])
    }

    static func skipLocked(_ dialect: Dialect) -> String {
        dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
    }
}
