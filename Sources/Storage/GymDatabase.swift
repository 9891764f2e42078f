import Foundation
import GRDB

/// One of gym's SQLite files, opened through GRDB as a pool in WAL mode (readers never wait for the writer)
/// and migrated to the current schema when it is opened, so a file written by an earlier release keeps its
/// rows. Every module's store (progress, bench history, scan history, the vulnerability index) sits on one of
/// these and owns its tables' records; no module reads another's tables.
public final class GymDatabase: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating when needed, with its directory) the database at `path` and migrates it.
    public init(path: String) throws(StorageError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .directory(path: directory, reason: error.localizedDescription)
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .open(path: path, message: Self.message(error))
        }
        do {
            try Schema.migrator.migrate(pool)
        } catch {
            throw .migration(path: path, message: Self.message(error))
        }
    }

    /// Runs `body` with a consistent read-only view of the database.
    public func read<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.failure(error)
        }
    }

    /// Runs `body` in one write transaction: all of it is committed, or none of it when it throws.
    public func write<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw Self.failure(error)
        }
    }

    /// The names of the migrations applied to this file, oldest first.
    public func appliedMigrations() throws(StorageError) -> [String] {
        do {
            return try pool.read { try Schema.migrator.appliedMigrations($0) }
        } catch {
            throw Self.failure(error)
        }
    }

    /// The progress and history database: `$GYM_HOME/gym.sqlite`, else `$HOME/.gym/gym.sqlite`.
    public static var defaultPath: String { GymHome.directory + "/gym.sqlite" }

    /// The vulnerability index, beside the history: `$GYM_HOME/vulndb.sqlite`, else `$HOME/.gym/vulndb.sqlite`.
    public static var defaultIndexPath: String { GymHome.directory + "/vulndb.sqlite" }

    private static func failure(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        if let error = error as? DatabaseError {
            return .statement(sql: error.sql ?? "", message: error.message ?? "\(error.resultCode)")
        }
        return .other("\(error)")
    }

    private static func message(_ error: any Error) -> String {
        (error as? DatabaseError)?.message ?? "\(error)"
    }
}
