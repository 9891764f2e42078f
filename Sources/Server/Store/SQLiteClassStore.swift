import Foundation
import GRDB
import ServiceLifecycle

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

    /// A file needs nothing running beside it.
    public var services: [any Service] { [] }

    /// Its tables were brought up to date when it opened.
    public func prepare() async throws(ServerError) {}

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
        let now = Date().timeIntervalSince1970
        let memberID = Secret.make("m").prefix(13).description
        try await write { db in
            if try Row.fetchOne(db, ClassStatements.classNamed(name)) != nil {
                throw ServerError.conflict("a class named \(name) exists already")
            }
            try db.execute(
                ClassStatements.insertClass(
                    id: created.classID, name: name, inviteHash: Secret.hash(created.inviteCode), at: now))
            try db.execute(
                ClassStatements.insertMember(
                    id: memberID, classID: created.classID, name: "instructor", role: .instructor,
                    tokenHash: Secret.hash(created.instructorToken), at: now))
        }
        return created
    }

    public func join(inviteCode: String, name: String) async throws(ServerError) -> Enrolment {
        let name = try ClassNames.student(name)
        let token = Secret.make("gyms_")
        let now = Date().timeIntervalSince1970
        let memberID = Secret.make("m").prefix(13).description
        return try await write { db in
            guard let row = try Row.fetchOne(db, ClassStatements.classInvited(inviteHash: Secret.hash(inviteCode)))
            else { throw ServerError.notFound("no class has that invite code") }
            let (classID, className): (String, String) = (row[0], row[1])
            if try Row.fetchOne(db, ClassStatements.nameTaken(classID: classID, name: name)) != nil {
                throw ServerError.conflict("\(name) is taken in this class: choose another name")
            }
            try db.execute(
                ClassStatements.insertMember(
                    id: memberID, classID: classID, name: name, role: .student, tokenHash: Secret.hash(token), at: now))
            try db.execute(ClassStatements.bump(classID: classID))
            return Enrolment(classID: classID, className: className, name: name, token: token)
        }
    }

    public func member(token: String) async throws(ServerError) -> ClassMember? {
        try await read { db in
            try Row.fetchOne(db, ClassStatements.member(tokenHash: Secret.hash(token))).map { row in
                ClassMember(
                    id: row[0], classID: row[1], className: row[2], name: row[3],
                    role: ClassRole(rawValue: row[4]) ?? .student)
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
            guard
                let id = try Int64.fetchOne(
                    db,
                    ClassStatements.insertSubmission(
                        memberID: member.id, exercise: request.exercise, workspace: workspace, claimed: claimed,
                        at: date.timeIntervalSince1970, fingerprint: fingerprint))
            else { throw ServerError.database("the insert returned no ID") }
            try db.execute(ClassStatements.bump(byMember: member.id))
            return id
        }
    }

    public func changes(classID: String, references: [String]) async throws(ServerError) -> [SharedChanges.Record] {
        try await read { db in
            try Row.fetchAll(db, ClassStatements.changes(classID: classID, references: references)).map {
                SharedChanges.Record(submissionID: $0[0], student: $0[1], exercise: $0[2], fingerprint: $0[3])
            }
        }
    }

    /// The rows of one of `ClassStatements.submissions`.
    static func submissions(_ db: Database, _ statement: ClassStatement) throws -> [SubmissionRow] {
        typealias Column = ClassStatements.SubmissionColumn
        return try Row.fetchAll(db, statement).map { row in
            try SubmissionRow(
                id: row[Column.id.rawValue], student: row[Column.student.rawValue],
                memberID: row[Column.memberID.rawValue], exercise: row[Column.exercise.rawValue],
                status: row[Column.status.rawValue], claimed: row[Column.claimed.rawValue],
                verdict: row[Column.verdict.rawValue], submittedAt: row[Column.submittedAt.rawValue],
                gradedAt: row[Column.gradedAt.rawValue], classID: row[Column.classID.rawValue],
                workspace: row[Column.workspace.rawValue], attempts: row[Column.attempts.rawValue])
        }
    }

    public func submission(id: Int64) async throws(ServerError) -> (Submission, memberID: String, classID: String)? {
        try await read { db in
            try Self.submissions(db, ClassStatements.submission(id: id)).first.map {
                ($0.submission, $0.memberID, $0.classID)
            }
        }
    }

    public func history(classID: String, student: String) async throws(ServerError) -> [Submission] {
        try await read { db in
            try Self.submissions(db, ClassStatements.history(classID: classID, student: student)).map(\.submission)
        }
    }

    public func claim(worker: String, lease: TimeInterval, now: Date) async throws(ServerError) -> GradingJob? {
        let time = now.timeIntervalSince1970
        return try await write { db in
            // one writer at a time in SQLite: the update is its own transaction's, so two workers (threads or
            // processes) never take the same row
            guard
                let id = try Int64.fetchOne(
                    db, ClassStatements.claim(worker: worker, until: time + lease, now: time, .sqlite))
            else { return nil }
            try db.execute(ClassStatements.bump(bySubmission: id))
            return try Self.submissions(db, ClassStatements.submission(id: id)).first?.job()
        }
    }

    public func finish(
        id: Int64, worker: String, status: SubmissionStatus, verdict: Verdict, at date: Date
    )
        async throws(ServerError) -> Bool
    {
        let statement = ClassStatements.finish(
            id: id, worker: worker, status: status, verdict: try StoredJSON.verdict(verdict),
            sizeBytes: verdict.passed ? verdict.sizeBytes : nil, at: date.timeIntervalSince1970)
        return try await write { db in
            guard try Int64.fetchOne(db, statement) != nil else { return false }
            try db.execute(ClassStatements.bump(bySubmission: id))
            return true
        }
    }

    public func leaderboard(classID: String, exercise: String) async throws(ServerError) -> [LeaderboardEntry] {
        let rows = try await read { db in
            try Self.submissions(db, ClassStatements.leaderboard(classID: classID, exercise: exercise))
        }
        return Leaderboards.entries(rows.compactMap(\.leaderboardRow))
    }

    public func progress(classID: String, exercises: [String]) async throws(ServerError) -> ProgressGrid {
        let (className, students, rows) = try await read { db in
            let className = try String.fetchOne(db, ClassStatements.className(classID: classID)) ?? ""
            let students = try String.fetchAll(db, ClassStatements.students(classID: classID))
            let rows = try Row.fetchAll(db, ClassStatements.progress(classID: classID, .sqlite)).map {
                row -> ProgressRecord in
                ProgressRecord(
                    student: row[0], exercise: row[1], status: SubmissionStatus(rawValue: row[2]) ?? .error,
                    hints: row[3], submittedAt: Date(timeIntervalSince1970: row[4]))
            }
            return (className, students, rows)
        }
        return ProgressGrids.grid(className: className, students: students, exercises: exercises, records: rows)
    }

    // MARK: the announcement outbox

    public func enqueue(_ announcement: Announcement, at date: Date) async throws(ServerError) -> Bool {
        let statement = ClassStatements.enqueue(
            submissionID: announcement.submissionID, body: try StoredJSON.announcement(announcement),
            at: date.timeIntervalSince1970)
        return try await write { db in try Int64.fetchOne(db, statement) != nil }
    }

    public func nextAnnouncement(now: Date, hold: TimeInterval) async throws(ServerError) -> PendingAnnouncement? {
        let time = now.timeIntervalSince1970
        return try await write { db in
            guard
                let row = try Row.fetchOne(
                    db, ClassStatements.nextAnnouncement(now: time, until: time + hold, .sqlite))
            else { return nil }
            return PendingAnnouncement(
                id: row[0], announcement: try StoredJSON.announcement(row[1]), attempts: row[2])
        }
    }

    public func announcementPosted(id: Int64, at date: Date) async throws(ServerError) {
        try await write { db in
            try db.execute(ClassStatements.announcementPosted(id: id, at: date.timeIntervalSince1970))
        }
    }

    public func announcementRetry(id: Int64, at date: Date) async throws(ServerError) {
        try await write { db in
            try db.execute(ClassStatements.announcementRetry(id: id, at: date.timeIntervalSince1970))
        }
    }

    public func revision(classID: String) async throws(ServerError) -> Int64 {
        try await read { db in try Int64.fetchOne(db, ClassStatements.revision(classID: classID)) ?? 0 }
    }
}

/// A shared statement on GRDB: `?` marks are SQLite's own.
extension ClassStatement {
    var arguments: StatementArguments {
        StatementArguments(
            values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .text(let text): text
                case .integer(let number): number
                case .real(let number): number
                case .bytes(let bytes): bytes
                case .null: nil
                }
            })
    }
}

extension Database {
    func execute(_ statement: ClassStatement) throws {
        try execute(sql: statement.sql, arguments: statement.arguments)
    }
}

extension Row {
    static func fetchAll(_ db: Database, _ statement: ClassStatement) throws -> [Row] {
        try fetchAll(db, sql: statement.sql, arguments: statement.arguments)
    }
    static func fetchOne(_ db: Database, _ statement: ClassStatement) throws -> Row? {
        try fetchOne(db, sql: statement.sql, arguments: statement.arguments)
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    static func fetchAll(_ db: Database, _ statement: ClassStatement) throws -> [Self] {
        try fetchAll(db, sql: statement.sql, arguments: statement.arguments)
    }
    static func fetchOne(_ db: Database, _ statement: ClassStatement) throws -> Self? {
        try fetchOne(db, sql: statement.sql, arguments: statement.arguments)
    }
}
