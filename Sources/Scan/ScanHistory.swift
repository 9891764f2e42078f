import Foundation
import Storage

/// Every scan's counts by severity, in SQLite beside the bench history, for `gym report`'s severity and
/// high+critical trend charts.
public struct ScanHistory: Sendable {
    public let database: SQLiteDatabase

    public init(path: String = SQLiteDatabase.defaultPath) throws(StorageError) {
        database = try SQLiteDatabase(path: path)
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS scans (
              id INTEGER PRIMARY KEY, at TEXT NOT NULL, image TEXT NOT NULL, packages INTEGER NOT NULL,
              critical INTEGER NOT NULL, high INTEGER NOT NULL, medium INTEGER NOT NULL, low INTEGER NOT NULL,
              unknown INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS scans_by_image ON scans(image, id);
            """)
    }

    /// Records one scan.
    public func record(image: String, packages: Int, findings: [Finding]) throws(StorageError) {
        func count(_ severity: Severity) -> SQLiteValue {
            .integer(Int64(findings.filter { $0.severity == severity }.count))
        }
        try database.query(
            "INSERT INTO scans(at, image, packages, critical, high, medium, low, unknown) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(ISO8601DateFormatter().string(from: Date())), .text(image), .integer(Int64(packages)),
                count(.critical), count(.high), count(.medium), count(.low), count(.unknown),
            ])
    }
}
