import Foundation
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// The class in a PostgreSQL database (a department's), with the same tables as SQLite. Workers on several
/// machines share its queue: a claim locks the row it takes and skips rows others hold (`FOR UPDATE SKIP
/// LOCKED`), so no two workers grade one submission and none waits for another.
///
/// Its connection pool runs only as long as someone runs it: `services` (the pool) in a Hummingbird
/// application or `ClassStores.withStore`'s scope. Queries wait for it; none is made before `prepare()`.
public final class PostgresClassStore: ClassStore {
    let client: PostgresClient
    /// How long `prepare()` waits for the database to answer.
    let connectLimit: Duration
    /// Libraries never print: the pool's own retries are not logged, its failures reach the caller as errors.
    let logger: Logger = {
        var logger = Logger(label: "gym.server.postgres")
        logger.logLevel = .critical
        return logger
    }()
    public let location: String

    /// How long a store waits for its database to answer at opening: 15 s, or `GYM_DATABASE_TIMEOUT` seconds
    /// (a database on a machine busy enough to keep it waiting that long).
    public static var defaultConnectLimit: Duration {
        .seconds(
            ProcessInfo.processInfo.environment["GYM_DATABASE_TIMEOUT"].flatMap { Int64($0) }.map { max(1, $0) } ?? 15)
    }

    /// A store on `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`; nothing connects until its pool runs.
    public init(url: String, connectLimit: Duration = PostgresClassStore.defaultConnectLimit) throws(ServerError) {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
            let host = parts.host, !host.isEmpty, let user = parts.user
        else {
            throw .database("\(url): expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        var configuration = PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: user, password: parts.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        // a server's requests and its workers share the pool; the default 20 per store lets a few stores on
        // one cluster use up PostgreSQL's 100 connections, after which the pool retries in silence
        configuration.options.maximumConnections = 8
        location = "postgres://\(user)@\(host):\(parts.port ?? 5432)/\(database)"
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.connectLimit = connectLimit
    }

    /// The connection pool.
    public var services: [any Service] { [client] }

    /// Applies the migrations not yet recorded, within `connectLimit`.
    public func prepare() async throws(ServerError) {
        try await Self.within(connectLimit, what: "connecting to \(location)") { () throws(ServerError) in
            try await self.migrate()
        }
    }

    /// The pool retries a server that does not answer for ever; a store that cannot reach its database within
    /// `limit` is an error instead.
    static func within(
        _ limit: Duration, what: String, _ body: @escaping @Sendable () async throws(ServerError) -> Void
    )
        async throws(ServerError)
    {
        let outcome = await withTaskGroup(of: ServerError?.self) { group in
            group.addTask {
                do throws(ServerError) {
                    try await body()
                    return nil
                } catch { return error }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return .database("\(what): no answer within \(limit)")
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        if let outcome { throw outcome }
    }

    func run<T>(_ what: String, _ body: () async throws -> T) async throws(ServerError) -> T {
        do { return try await body() } catch let error as ServerError { throw error } catch {
            if let transaction = error as? PostgresTransactionError,
                let inner = transaction.closureError as? ServerError
            {
                throw inner
            }
            throw .database("\(location): \(what): \(Self.explain(error))")
        }
    }

    /// The server's own message where there is one, not the driver's dump of its state.
    static func explain(_ error: any Error) -> String {
        if let error = error as? PostgresTransactionError {
            for inner in [error.beginError, error.closureError, error.commitError, error.rollbackError] {
                if let inner { return explain(inner) }
            }
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
        return "\(error)"
    }

    /// Applies the migrations not yet recorded, one process at a time (an advisory lock).
    func migrate() async throws(ServerError) {
        try await run("migrating") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(4735001)", logger: logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS gym_migrations (name TEXT PRIMARY KEY, applied_at DOUBLE PRECISION)",
                    logger: logger)
                var applied = Set<String>()
                for try await name in try await connection.query("SELECT name FROM gym_migrations", logger: logger)
                    .decode(String.self)
                {
                    applied.insert(name)
                }
                for migration in ClassSchema.migrations(.postgres) where !applied.contains(migration.name) {
                    for statement in migration.sql.split(separator: ";")
                    where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        try await connection.query(PostgresQuery(unsafeSQL: String(statement)), logger: logger)
                    }
                    let now = Date().timeIntervalSince1970
                    try await connection.query(
                        "INSERT INTO gym_migrations (name, applied_at) VALUES (\(migration.name), \(now))",
                        logger: logger)
                }
            }
        }
    }

    public func createClass(name: String) async throws(ServerError) -> CreatedClass {
        let name = try ClassNames.className(name)
        let created = CreatedClass(
            classID: Secret.make("c").prefix(13).description, name: name, instructorToken: Secret.make("gymi_"),
            inviteCode: Secret.make("").prefix(12).description)
        let now = Date().timeIntervalSince1970
        let memberID = Secret.make("m").prefix(13).description
        try await run("creating a class") {
            try await client.withTransaction(logger: logger) { connection in
                for try await _ in try await connection.query(ClassStatements.classNamed(name).postgres, logger: logger)
                {
                    throw ServerError.conflict("a class named \(name) exists already")
                }
                try await connection.query(
                    ClassStatements.insertClass(
                        id: created.classID, name: name, inviteHash: Secret.hash(created.inviteCode), at: now
                    ).postgres, logger: logger)
                try await connection.query(
                    ClassStatements.insertMember(
                        id: memberID, classID: created.classID, name: "instructor", role: .instructor,
                        tokenHash: Secret.hash(created.instructorToken), at: now
                    ).postgres, logger: logger)
            }
        }
        return created
    }

    public func join(inviteCode: String, name: String) async throws(ServerError) -> Enrolment {
        let name = try ClassNames.student(name)
        let token = Secret.make("gyms_")
        let now = Date().timeIntervalSince1970
        let memberID = Secret.make("m").prefix(13).description
        return try await run("joining") {
            try await client.withTransaction(logger: logger) { connection in
                var found: (String, String)?
                for try await row in try await connection.query(
                    ClassStatements.classInvited(inviteHash: Secret.hash(inviteCode)).postgres, logger: logger
                ).decode((String, String).self) {
                    found = row
                }
                guard let (classID, className) = found else {
                    throw ServerError.notFound("no class has that invite code")
                }
                for try await _ in try await connection.query(
                    ClassStatements.nameTaken(classID: classID, name: name).postgres, logger: logger)
                {
                    throw ServerError.conflict("\(name) is taken in this class: choose another name")
                }
                try await connection.query(
                    ClassStatements.insertMember(
                        id: memberID, classID: classID, name: name, role: .student, tokenHash: Secret.hash(token),
                        at: now
                    ).postgres, logger: logger)
                try await connection.query(ClassStatements.bump(classID: classID).postgres, logger: logger)
                return Enrolment(classID: classID, className: className, name: name, token: token)
            }
        }
    }

    public func member(token: String) async throws(ServerError) -> ClassMember? {
        try await run("reading a member") {
            let rows = try await client.query(
                ClassStatements.member(tokenHash: Secret.hash(token)).postgres, logger: logger)
            for try await (id, classID, className, name, role) in rows.decode(
                (String, String, String, String, String).self)
            {
                return ClassMember(
                    id: id, classID: classID, className: className, name: name,
                    role: ClassRole(rawValue: role) ?? .student)
            }
            return nil
        }
    }

    public func submit(
        _ request: SubmissionRequest, by member: ClassMember, at date: Date, fingerprint: String?
    ) async throws(ServerError)
        -> Int64
    {
        let (workspace, claimed) = try StoredJSON.submission(request)
        let statement = ClassStatements.insertSubmission(
            memberID: member.id, exercise: request.exercise, workspace: workspace, claimed: claimed,
            at: date.timeIntervalSince1970, fingerprint: fingerprint)
        return try await run("storing a submission") {
            guard let inserted = try await firstInteger(statement) else {
                throw ServerError.database("\(location): the insert returned no ID")
            }
            try await client.query(ClassStatements.bump(byMember: member.id).postgres, logger: logger)
            return inserted
        }
    }

    /// The rows `statement` returns, on `connection` (inside a transaction) or on the pool.
    func rows(_ statement: ClassStatement, on connection: PostgresConnection?) async throws -> PostgresRowSequence {
        if let connection { return try await connection.query(statement.postgres, logger: logger) }
        return try await client.query(statement.postgres, logger: logger)
    }

    /// The first column of the first row, an integer (an ID a statement returned); nil when there is none.
    func firstInteger(_ statement: ClassStatement, on connection: PostgresConnection? = nil) async throws -> Int64? {
        let rows = try await self.rows(statement, on: connection)
        for try await row in rows { return try row.makeRandomAccess()[0].decode(Int64.self) }
        return nil
    }

    /// The rows of one of `ClassStatements.submissions`.
    func submissions(
        _ statement: ClassStatement, on connection: PostgresConnection? = nil
    ) async throws
        -> [SubmissionRow]
    {
        typealias Column = ClassStatements.SubmissionColumn
        let rows = try await self.rows(statement, on: connection)
        var found: [SubmissionRow] = []
        for try await row in rows {
            let columns = row.makeRandomAccess()
            func column<T: PostgresDecodable>(_ name: Column, _ type: T.Type) throws -> T {
                try columns[name.rawValue].decode(T.self)
            }
            found.append(
                try SubmissionRow(
                    id: column(.id, Int64.self), student: column(.student, String.self),
                    memberID: column(.memberID, String.self), exercise: column(.exercise, String.self),
                    status: column(.status, String.self), claimed: column(.claimed, Data.self),
                    verdict: column(.verdict, Data?.self), submittedAt: column(.submittedAt, Double.self),
                    gradedAt: column(.gradedAt, Double?.self), classID: column(.classID, String.self),
                    workspace: column(.workspace, Data.self), attempts: Int(column(.attempts, Int32.self))))
        }
        return found
    }

    public func submission(id: Int64) async throws(ServerError) -> (Submission, memberID: String, classID: String)? {
        try await run("reading a submission") {
            try await submissions(ClassStatements.submission(id: id)).first.map {
                ($0.submission, $0.memberID, $0.classID)
            }
        }
    }

    public func history(classID: String, student: String) async throws(ServerError) -> [Submission] {
        try await run("reading a history") {
            try await submissions(ClassStatements.history(classID: classID, student: student)).map(\.submission)
        }
    }

    public func changes(classID: String, references: [String]) async throws(ServerError) -> [SharedChanges.Record] {
        try await run("reading the change digests") {
            let rows = try await client.query(
                ClassStatements.changes(classID: classID, references: references).postgres, logger: logger)
            var records: [SharedChanges.Record] = []
            for try await (id, student, exercise, fingerprint) in rows.decode((Int64, String, String, String).self) {
                records.append(
                    SharedChanges.Record(
                        submissionID: id, student: student, exercise: exercise, fingerprint: fingerprint))
            }
            return records
        }
    }

    public func claim(worker: String, lease: TimeInterval, now: Date) async throws(ServerError) -> GradingJob? {
        let time = now.timeIntervalSince1970
        return try await run("claiming a job") {
            try await client.withTransaction(logger: logger) { connection -> GradingJob? in
                guard
                    let claimed = try await firstInteger(
                        ClassStatements.claim(worker: worker, until: time + lease, now: time, .postgres),
                        on: connection),
                    let row = try await submissions(ClassStatements.submission(id: claimed), on: connection).first
                else { return nil }
                try await connection.query(ClassStatements.bump(classID: row.classID).postgres, logger: logger)
                return try row.job()
            }
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
        return try await run("storing a verdict") {
            guard try await firstInteger(statement) != nil else { return false }
            try await client.query(ClassStatements.bump(bySubmission: id).postgres, logger: logger)
            return true
        }
    }

    public func leaderboard(classID: String, exercise: String) async throws(ServerError) -> [LeaderboardEntry] {
        try await run("reading the leaderboard") {
            Leaderboards.entries(
                try await submissions(ClassStatements.leaderboard(classID: classID, exercise: exercise))
                    .compactMap(\.leaderboardRow))
        }
    }

    public func progress(classID: String, exercises: [String]) async throws(ServerError) -> ProgressGrid {
        try await run("reading the progress grid") {
            var className = ""
            for try await name in try await client.query(
                ClassStatements.className(classID: classID).postgres, logger: logger
            ).decode(String.self) {
                className = name
            }
            var students: [String] = []
            for try await name in try await client.query(
                ClassStatements.students(classID: classID).postgres, logger: logger
            ).decode(String.self) {
                students.append(name)
            }
            var records: [ProgressRecord] = []
            let rows = try await client.query(
                ClassStatements.progress(classID: classID, .postgres).postgres, logger: logger)
            for try await (student, exercise, status, hints, submittedAt) in rows.decode(
                (String, String, String, Int, Double).self)
            {
                records.append(
                    ProgressRecord(
                        student: student, exercise: exercise, status: SubmissionStatus(rawValue: status) ?? .error,
                        hints: hints, submittedAt: Date(timeIntervalSince1970: submittedAt)))
            }
            return ProgressGrids.grid(className: className, students: students, exercises: exercises, records: records)
        }
    }

    // MARK: the announcement outbox

    public func enqueue(_ announcement: Announcement, at date: Date) async throws(ServerError) -> Bool {
        let statement = ClassStatements.enqueue(
            submissionID: announcement.submissionID, body: try StoredJSON.announcement(announcement),
            at: date.timeIntervalSince1970)
        return try await run("keeping an announcement") { try await firstInteger(statement) != nil }
    }

    public func nextAnnouncement(now: Date, hold: TimeInterval) async throws(ServerError) -> PendingAnnouncement? {
        let time = now.timeIntervalSince1970
        return try await run("taking an announcement") {
            let rows = try await client.query(
                ClassStatements.nextAnnouncement(now: time, until: time + hold, .postgres).postgres, logger: logger)
            for try await (id, body, attempts) in rows.decode((Int64, String, Int).self) {
                return PendingAnnouncement(id: id, announcement: try StoredJSON.announcement(body), attempts: attempts)
            }
            return nil
        }
    }

    public func announcementPosted(id: Int64, at date: Date) async throws(ServerError) {
        let statement = ClassStatements.announcementPosted(id: id, at: date.timeIntervalSince1970)
        try await run("recording a posted announcement") {
            try await client.query(statement.postgres, logger: logger)
        }
    }

    public func announcementRetry(id: Int64, at date: Date) async throws(ServerError) {
        let statement = ClassStatements.announcementRetry(id: id, at: date.timeIntervalSince1970)
        try await run("postponing an announcement") {
            try await client.query(statement.postgres, logger: logger)
        }
    }

    // MARK: the class's revision

    public func revision(classID: String) async throws(ServerError) -> Int64 {
        try await run("reading the class's revision") {
            try await firstInteger(ClassStatements.revision(classID: classID)) ?? 0
        }
    }
}

/// A shared statement on PostgreSQL: its `?` marks numbered `$1`, `$2`, ... and its values bound in order.
extension ClassStatement {
    var postgres: PostgresQuery {
        var sql = ""
        var mark = 0
        for character in self.sql {
            if character == "?" {
                mark += 1
                sql += "$\(mark)"
            } else {
                sql.append(character)
            }
        }
        var binds = PostgresBindings()
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .integer(let number): binds.append(number)
            case .real(let number): binds.append(number)
            case .bytes(let bytes): binds.append(ByteBuffer(bytes: bytes))
            case .null: binds.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
