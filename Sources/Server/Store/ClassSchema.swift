/// The class's tables, described once and written out for each store's dialect: the migrations in order,
/// each a list of changes (a table, an index, a column added), whose column types are SQL's where SQLite and
/// PostgreSQL agree and named for what they hold where they do not (the row ID, bytes).
enum ClassSchema {
    enum Dialect {
        case sqlite, postgres
    }

    /// What a column holds.
    enum ColumnType {
        /// The table's own increasing row ID.
        case rowID
        case text, integer, bigint, double, bytes

        func sql(_ dialect: Dialect) -> String {
            switch (self, dialect) {
            case (.rowID, .sqlite): return "INTEGER PRIMARY KEY AUTOINCREMENT"
            case (.rowID, .postgres): return "BIGSERIAL PRIMARY KEY"
            case (.text, _): return "TEXT"
            case (.integer, _): return "INTEGER"
            case (.bigint, _): return "BIGINT"
            case (.double, _): return "DOUBLE PRECISION"
            case (.bytes, .sqlite): return "BLOB"
            case (.bytes, .postgres): return "BYTEA"
            }
        }
    }

    struct Column {
        var name: String
        var type: ColumnType
        /// What follows the type (`NOT NULL`, `PRIMARY KEY`, `REFERENCES class(id)`, `DEFAULT 0`), the same in
        /// both dialects.
        var constraints: String = ""

        func sql(_ dialect: Dialect) -> String {
            [name, type.sql(dialect), constraints].filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    /// One change a migration makes.
    enum Change {
        /// A table: its columns, then table constraints (`UNIQUE (class_id, name)`).
        case table(String, [Column], constraints: [String] = [])
        case index(String, on: String, columns: [String])
        case addColumn(String, Column)

        func sql(_ dialect: Dialect) -> String {
            switch self {
            case .table(let name, let columns, let constraints):
                let lines = columns.map { $0.sql(dialect) } + constraints
                return "CREATE TABLE \(name) (\n    " + lines.joined(separator: ",\n    ") + "\n);"
            case .index(let name, let table, let columns):
                return "CREATE INDEX \(name) ON \(table) (\(columns.joined(separator: ", ")));"
            case .addColumn(let table, let column):
                return "ALTER TABLE \(table) ADD COLUMN \(column.sql(dialect));"
            }
        }
    }

    /// The migrations in order, by name: both stores apply them once each and record that they did.
    static func migrations(_ dialect: Dialect) -> [(name: String, sql: String)] {
        description.map { migration in
            (migration.name, migration.changes.map { $0.sql(dialect) }.joined(separator: "\n"))
        }
    }

    /// The one description of the schema.
    static let description: [(name: String, changes: [Change])] = [
        (
            "v1-class",
            [
                .table(
                    "class",
                    [
                        Column(name: "id", type: .text, constraints: "PRIMARY KEY"),
                        Column(name: "name", type: .text, constraints: "NOT NULL UNIQUE"),
                        Column(name: "invite_hash", type: .text, constraints: "NOT NULL UNIQUE"),
                        Column(name: "created_at", type: .double, constraints: "NOT NULL"),
                    ]),
                .table(
                    "member",
                    [
                        Column(name: "id", type: .text, constraints: "PRIMARY KEY"),
                        Column(name: "class_id", type: .text, constraints: "NOT NULL REFERENCES class(id)"),
                        Column(name: "name", type: .text, constraints: "NOT NULL"),
                        Column(
                            name: "role", type: .text, constraints: "NOT NULL CHECK (role IN ('instructor', 'student'))"
                        ),
                        Column(name: "token_hash", type: .text, constraints: "NOT NULL UNIQUE"),
                        Column(name: "created_at", type: .double, constraints: "NOT NULL"),
                    ], constraints: ["UNIQUE (class_id, name)"]),
                // `image` held the image a client pushed; since the server builds the submitted files itself it
                // is written empty (old rows keep theirs, which nothing reads)
                .table(
                    "submission",
                    [
                        Column(name: "id", type: .rowID),
                        Column(name: "member_id", type: .text, constraints: "NOT NULL REFERENCES member(id)"),
                        Column(name: "exercise", type: .text, constraints: "NOT NULL"),
                        Column(name: "image", type: .text, constraints: "NOT NULL"),
                        Column(name: "workspace", type: .bytes, constraints: "NOT NULL"),
                        Column(name: "claimed", type: .bytes, constraints: "NOT NULL"),
                        Column(name: "status", type: .text, constraints: "NOT NULL"),
                        Column(name: "worker", type: .text),
                        Column(name: "lease_until", type: .double),
                        Column(name: "attempts", type: .integer, constraints: "NOT NULL DEFAULT 0"),
                        Column(name: "submitted_at", type: .double, constraints: "NOT NULL"),
                        Column(name: "graded_at", type: .double),
                        Column(name: "size_bytes", type: .bigint),
                        Column(name: "verdict", type: .bytes),
                    ]),
                .index("submission_queue", on: "submission", columns: ["status", "id"]),
                .index("submission_member", on: "submission", columns: ["member_id", "exercise"]),
            ]
        ),
        // the digest of what a submission changed from its exercise's starter (`ChangeFingerprint`): equal
        // digests of two students are shown to the instructor
        (
            "v2-change-fingerprint",
            [
                .addColumn("submission", Column(name: "change_fingerprint", type: .text)),
                .index("submission_change", on: "submission", columns: ["change_fingerprint"]),
            ]
        ),
        // the announcements for the class's chat, each posted once: one row per submission, kept until posted
        (
            "v3-announcement-outbox",
            [
                .table(
                    "announcement",
                    [
                        Column(name: "id", type: .rowID),
                        Column(name: "submission_id", type: .bigint, constraints: "NOT NULL UNIQUE"),
                        Column(name: "body", type: .text, constraints: "NOT NULL"),
                        Column(name: "attempts", type: .integer, constraints: "NOT NULL DEFAULT 0"),
                        Column(name: "next_attempt_at", type: .double, constraints: "NOT NULL"),
                        Column(name: "posted_at", type: .double),
                    ]),
                .index("announcement_due", on: "announcement", columns: ["posted_at", "next_attempt_at"]),
            ]
        ),
        // a counter every write to a class's members or submissions raises (in the same transaction on SQLite,
        // after it on PostgreSQL): the pages are kept, rendered, per revision
        (
            "v4-class-revision",
            [.addColumn("class", Column(name: "revision", type: .bigint, constraints: "NOT NULL DEFAULT 0"))]
        ),
    ]
}
