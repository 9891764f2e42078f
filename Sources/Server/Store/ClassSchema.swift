/// The class's tables, one text for SQLite and PostgreSQL: only the row ID and the bytes type differ.
enum ClassSchema {
    enum Dialect {
        case sqlite, postgres
    }

    /// The migrations in order, by name: both stores apply them once each and record that they did.
    static func migrations(_ dialect: Dialect) -> [(name: String, sql: String)] {
        let sql =
            dialect == .sqlite
            ? version1
            : version1.replacingOccurrences(of: "INTEGER PRIMARY KEY AUTOINCREMENT", with: "BIGSERIAL PRIMARY KEY")
                .replacingOccurrences(of: "BLOB", with: "BYTEA")
        let outbox =
            dialect == .sqlite
            ? version3
            : version3.replacingOccurrences(of: "INTEGER PRIMARY KEY AUTOINCREMENT", with: "BIGSERIAL PRIMARY KEY")
        return [
            ("v1-class", sql), ("v2-change-fingerprint", version2), ("v3-announcement-outbox", outbox),
            ("v4-class-revision", version4),
        ]
    }

    /// `submission.image` held the image a client pushed; since the server builds the submitted files itself
    /// it is written empty (old rows keep theirs, which nothing reads).
    /// The digest of what a submission changed from its exercise's starter (`ChangeFingerprint`): equal
    /// digests of two students are shown to the instructor.
    static let version2 = """
        ALTER TABLE submission ADD COLUMN change_fingerprint TEXT;
        CREATE INDEX submission_change ON submission (change_fingerprint);
        """

    /// The announcements for the class's chat, each posted once: one row per submission, kept until posted.
    static let version3 = """
        CREATE TABLE announcement (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            submission_id BIGINT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at DOUBLE PRECISION NOT NULL,
            posted_at DOUBLE PRECISION
        );
        CREATE INDEX announcement_due ON announcement (posted_at, next_attempt_at);
        """

    /// A counter every write to a class's members or submissions raises (in the same transaction on SQLite,
    /// after it on PostgreSQL): the pages are kept, rendered, per revision.
    static let version4 = """
        ALTER TABLE class ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
        """

    /// Raises the revision of the class member `?`/`$1` belongs to.
    static let bumpByMember =
        "UPDATE class SET revision = revision + 1 WHERE id = (SELECT class_id FROM member WHERE id = ?)"
    /// Raises the revision of the class submission `?` belongs to.
    static let bumpBySubmission = """
        UPDATE class SET revision = revision + 1
        WHERE id = (SELECT member.class_id FROM submission JOIN member ON member.id = submission.member_id
                    WHERE submission.id = ?)
        """

    static let version1 = """
        CREATE TABLE class (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            invite_hash TEXT NOT NULL UNIQUE,
            created_at DOUBLE PRECISION NOT NULL
        );
        CREATE TABLE member (
            id TEXT PRIMARY KEY,
            class_id TEXT NOT NULL REFERENCES class(id),
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('instructor', 'student')),
            token_hash TEXT NOT NULL UNIQUE,
            created_at DOUBLE PRECISION NOT NULL,
            UNIQUE (class_id, name)
        );
        CREATE TABLE submission (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            member_id TEXT NOT NULL REFERENCES member(id),
            exercise TEXT NOT NULL,
            image TEXT NOT NULL,
            workspace BLOB NOT NULL,
            claimed BLOB NOT NULL,
            status TEXT NOT NULL,
            worker TEXT,
            lease_until DOUBLE PRECISION,
            attempts INTEGER NOT NULL DEFAULT 0,
            submitted_at DOUBLE PRECISION NOT NULL,
            graded_at DOUBLE PRECISION,
            size_bytes BIGINT,
            verdict BLOB
        );
        CREATE INDEX submission_queue ON submission (status, id);
        CREATE INDEX submission_member ON submission (member_id, exercise);
        """
}
