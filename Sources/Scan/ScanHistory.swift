import Foundation
import GRDB
import Storage

/// Every scan's counts by severity, in gym's database beside the bench history, for `gym report`'s
/// severity and high+critical trend charts. Other modules ask this type for typed values.
public struct ScanHistory: Sendable {
    public let database: GymDatabase

    public init(database: GymDatabase) {
        self.database = database
    }

    public init(path: String = GymDatabase.defaultPath) throws(StorageError) {
        self.init(database: try GymDatabase(path: path))
    }

    /// One recorded scan.
    public struct Entry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
        public static let databaseTableName = "scans"
        public var id: Int64?
        /// ISO 8601, UTC.
        public var at: String
        public var image: String
        public var packages: Int
        public var critical: Int
        public var high: Int
        public var medium: Int
        public var low: Int
        public var unknown: Int

        public init(at: String, image: String, packages: Int, counts: [Severity: Int]) {
            self.at = at
            self.image = image
            self.packages = packages
            critical = counts[.critical] ?? 0
            high = counts[.high] ?? 0
            medium = counts[.medium] ?? 0
            low = counts[.low] ?? 0
            unknown = counts[.unknown] ?? 0
        }

        /// Findings by severity.
        public var counts: [Severity: Int] {
            [.critical: critical, .high: high, .medium: medium, .low: low, .unknown: unknown]
        }

        public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    /// Records one scan.
    public func record(image: String, packages: Int, findings: [Finding]) throws(StorageError) {
        var scan = Entry(
            at: ISO8601DateFormatter().string(from: Date()), image: image, packages: packages,
            counts: Dictionary(grouping: findings, by: \.severity).mapValues(\.count))
        try database.write { db in try scan.insert(db) }
    }

    /// Every recorded scan, oldest first.
    public func scans() throws(StorageError) -> [Entry] {
        try database.read { db in try Entry.order(Column("id")).fetchAll(db) }
    }
}
