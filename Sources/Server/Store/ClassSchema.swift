/// The class's tables, written in the SQL SQLite and PostgreSQL both take.
enum ClassSchema {
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
