import Testing

@testable import Server

/// The class's schema is described once and written for each dialect: the same migrations, tables and
/// columns, with only the row ID and the bytes type told apart.
struct ClassSchemaTests {
    @Test func bothDialectsHaveTheSameMigrationsInOrder() {
        let names = ["v1-class", "v2-change-fingerprint", "v3-announcement-outbox", "v4-class-revision"]
        #expect(ClassSchema.migrations(.sqlite).map(\.name) == names)
        #expect(ClassSchema.migrations(.postgres).map(\.name) == names)
    }

    @Test(arguments: [
        (ClassSchema.Dialect.sqlite, "id INTEGER PRIMARY KEY AUTOINCREMENT", "workspace BLOB NOT NULL"),
        (.postgres, "id BIGSERIAL PRIMARY KEY", "workspace BYTEA NOT NULL"),
    ])
    func onlyTheRowIDAndTheBytesDiffer(dialect: ClassSchema.Dialect, rowID: String, bytes: String) {
        let sql = ClassSchema.migrations(dialect).map(\.sql).joined(separator: "\n")
        #expect(sql.contains(rowID) && sql.contains(bytes))
        let other: ClassSchema.Dialect = dialect == .sqlite ? .postgres : .sqlite
        let otherSQL = ClassSchema.migrations(other).map(\.sql).joined(separator: "\n")
        let normalized = { (text: String) in
            text.replacingOccurrences(of: "INTEGER PRIMARY KEY AUTOINCREMENT", with: "ROWID")
                .replacingOccurrences(of: "BIGSERIAL PRIMARY KEY", with: "ROWID")
                .replacingOccurrences(of: "BLOB", with: "BYTES").replacingOccurrences(of: "BYTEA", with: "BYTES")
        }
        #expect(normalized(sql) == normalized(otherSQL))
    }

    @Test func theTablesAreWrittenAsSQL() {
        let first = ClassSchema.migrations(.sqlite)[0].sql
        #expect(first.hasPrefix("CREATE TABLE class (\n    id TEXT PRIMARY KEY,\n    name TEXT NOT NULL UNIQUE,"))
        #expect(first.contains("    UNIQUE (class_id, name)\n);"))
        #expect(first.contains("CREATE INDEX submission_queue ON submission (status, id);"))
        #expect(
            ClassSchema.migrations(.postgres)[3].sql
                == "ALTER TABLE class ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;")
    }
}
