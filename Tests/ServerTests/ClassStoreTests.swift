import Foundation
import GRDB
import TestSupport
import Testing

@testable import Server

/// Which store a test runs against: every store test runs on SQLite, and on PostgreSQL when the cluster
/// `.ci/run` starts is there.
enum StoreKind: Sendable {
    case sqlite, postgres

    /// A new, empty store for the length of `body`, and the raw text of its tables (to look for secrets stored
    /// in clear).
    func withStore(
        _ body: (any ClassStore, _ dump: @Sendable () throws -> String) async throws -> Void
    )
        async throws
    {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("gym-class-\(UUID().uuidString)")
                .path
            try await ClassStores.withStore(path) { store in
                try await body(store) {
                    let bytes =
                        try Data(contentsOf: URL(fileURLWithPath: path))
                        + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
                    return String(decoding: bytes, as: UTF8.self)
                }
            }
        case .postgres:
            let url = try LoopbackPostgres.freshDatabase()
            try await ClassStores.withStore(url) { store in
                try await body(store) { try LoopbackPostgres.psql(url, "SELECT * FROM class; SELECT * FROM member") }
            }
        }
    }

    /// A new, empty store that is not yet running: a server runs it.
    func unstarted() throws -> any ClassStore {
        switch self {
        case .sqlite:
            try SQLiteClassStore(
                path: FileManager.default.temporaryDirectory.appendingPathComponent("gym-class-\(UUID().uuidString)")
                    .path)
        case .postgres: try PostgresClassStore(url: try LoopbackPostgres.freshDatabase())
        }
    }
}

/// The store on SQLite: accounts with hashed secrets, the job queue workers share, leaderboard and grid.
@Suite(.ownThreads)
struct SQLiteClassStoreTests {
    let contract = ClassStoreContract(kind: .sqlite)
    @Test func secretsAreStoredOnlyHashed() async throws { try await contract.secretsAreStoredOnlyHashed() }
    @Test func joiningNeedsTheInviteAndAFreeName() async throws {
        try await contract.joiningNeedsTheInviteAndAFreeName()
    }
    @Test func workersNeverShareAJob() async throws {
        try await contract.twoWorkersNeverHoldOneJobAndALapsedLeaseIsTakenOver()
    }
    @Test func leaderboard() async throws { try await contract.theLeaderboardRanksEachStudentsSmallestVerifiedImage() }
    @Test func progressGrid() async throws { try await contract.theProgressGridCountsAttemptsAndDone() }

    @Test func aDatabaseThatIsNotOneIsAClearError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gym-class-\(UUID().uuidString).txt")
        try Data("not sqlite at all, just text that is long enough to be a header".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: ServerError.self) { try SQLiteClassStore(path: file.path) }
    }
}

/// The same contract on a real PostgreSQL: claims lock with FOR UPDATE SKIP LOCKED.
@Suite(.ownThreads, .enabled(if: LoopbackPostgres.isAvailable, LoopbackPostgres.skipMessage))
struct PostgresClassStoreTests {
    let contract = ClassStoreContract(kind: .postgres)
    @Test func secretsAreStoredOnlyHashed() async throws { try await contract.secretsAreStoredOnlyHashed() }
    @Test func joiningNeedsTheInviteAndAFreeName() async throws {
        try await contract.joiningNeedsTheInviteAndAFreeName()
    }
    @Test func workersNeverShareAJob() async throws {
        try await contract.twoWorkersNeverHoldOneJobAndALapsedLeaseIsTakenOver()
    }
    @Test func leaderboard() async throws { try await contract.theLeaderboardRanksEachStudentsSmallestVerifiedImage() }
    @Test func progressGrid() async throws { try await contract.theProgressGridCountsAttemptsAndDone() }

    @Test func aBadURLOrADeadServerIsAClearError() async throws {
        #expect(throws: ServerError.self) { try PostgresClassStore(url: "http://nohost") }
        // the default limit, not the one a busy CI machine sets for live databases
        await #expect(throws: ServerError.self) {
            try await ClassStores.running(try PostgresClassStore(url: "postgres://nohost", connectLimit: .seconds(15)))
            {
                _ in
            }
        }
        let port = try LoopbackRegistry.freePort()
        do {
            let store = try PostgresClassStore(
                url: "postgres://postgres@127.0.0.1:\(port)/none", connectLimit: .seconds(15))
            try await ClassStores.running(store) { _ in }
            Issue.record("a closed port opened a store")
        } catch {
            #expect("\(error)".contains("127.0.0.1:\(port)"), "\(error)")
        }
    }

    @Test func migrationsApplyOnceAcrossReopening() async throws {
        let url = try LoopbackPostgres.freshDatabase()
        let created = try await ClassStores.withStore(url) { try await $0.createClass(name: "kept") }
        let className = try await ClassStores.withStore(url) {
            try await $0.member(token: created.instructorToken)?.className
        }
        #expect(className == "kept")
        #expect(
            try LoopbackPostgres.psql(url, "SELECT name FROM gym_migrations ORDER BY name")
                == "v1-class\nv2-change-fingerprint\nv3-announcement-outbox\nv4-class-revision\n")
    }

    @Test func theServerRunsThePoolAndPreparesTheTables() async throws {
        // an unstarted store: the server's application runs its pool and migrates before it listens
        let server = try await RunningServer(kind: .postgres)
        let created = try await server.store.createClass(name: "served")
        let answer = try await server.raw(.GET, "/api/me", token: created.instructorToken)
        await server.stop()
        #expect(answer.status == 200, "\(answer)")
    }
}

/// What every class store must do, whatever holds it.
struct ClassStoreContract {
    let kind: StoreKind

    func request(_ exercise: String = "image-size-challenge", size: Int64? = 100) -> SubmissionRequest {
        SubmissionRequest(
            exercise: exercise,
            workspace: [WorkspaceFile(path: "Dockerfile", content: Data("FROM scratch\n".utf8).base64EncodedString())],
            claimed: ClaimedResult(passed: true, sizeBytes: size, hints: 1))
    }

    func secretsAreStoredOnlyHashed() async throws {
        try await kind.withStore { store, dump in
            let created = try await store.createClass(name: "week 2")
            let ada = try await store.join(inviteCode: created.inviteCode, name: "ada")
            #expect(try await store.member(token: created.instructorToken)?.role == .instructor)
            #expect(
                try await store.member(token: ada.token)
                    == ClassMember(
                        id: try #require(try await store.member(token: ada.token)).id, classID: created.classID,
                        className: "week 2", name: "ada", role: .student))
            #expect(try await store.member(token: ada.token + "x") == nil)
            let text = try dump()
            #expect(text.contains("ada"), "the dump shows the tables")
            for secret in [created.instructorToken, created.inviteCode, ada.token] {
                #expect(!text.contains(secret), "\(secret) is stored in clear")
            }
        }
    }

    func joiningNeedsTheInviteAndAFreeName() async throws {
        try await kind.withStore { store, _ in
            let created = try await store.createClass(name: "week 2")
            _ = try await store.join(inviteCode: created.inviteCode, name: "ada")
            await #expect(throws: ServerError.conflict("ada is taken in this class: choose another name")) {
                try await store.join(inviteCode: created.inviteCode, name: "ada")
            }
            await #expect(throws: ServerError.notFound("no class has that invite code")) {
                try await store.join(inviteCode: "nope", name: "bob")
            }
            await #expect(throws: ServerError.conflict("a class named week 2 exists already")) {
                try await store.createClass(name: "week 2")
            }
        }
    }

    func twoWorkersNeverHoldOneJobAndALapsedLeaseIsTakenOver() async throws {
        try await kind.withStore { store, _ in
            let created = try await store.createClass(name: "c")
            let ada = try #require(
                try await store.member(token: try await store.join(inviteCode: created.inviteCode, name: "ada").token))
            var submitted: Set<Int64> = []
            for _ in 0..<20 { submitted.insert(try await store.submit(request(), by: ada, at: Date())) }
            // eight workers claim at once until the queue is empty: every job exactly once
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [Int64] = []
                        while let job = try await store.claim(worker: "w\(worker)", lease: 60, now: Date()) {
                            mine.append(job.submission.id)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 20 && Set(claimed) == submitted)
            // a worker that died: its job comes back once the lease ends, to another worker
            let later = Date().addingTimeInterval(120)
            let retaken = try #require(try await store.claim(worker: "w9", lease: 60, now: later))
            #expect(retaken.attempt == 2)
            let verdict = Verdict(passed: true, checks: [], sizeBytes: 5, baseImage: nil, reason: nil)
            #expect(
                try await store.finish(
                    id: retaken.submission.id, worker: "w9", status: .passed, verdict: verdict, at: later))
            #expect(
                try await !store.finish(
                    id: retaken.submission.id, worker: "w9", status: .passed, verdict: verdict, at: later))
        }
    }

    func theLeaderboardRanksEachStudentsSmallestVerifiedImage() async throws {
        try await kind.withStore { store, _ in
            let created = try await store.createClass(name: "c")
            var members: [String: ClassMember] = [:]
            for name in ["ada", "bob", "cy", "dee", "eve"] {
                members[name] = try await store.member(
                    token: try await store.join(inviteCode: created.inviteCode, name: name).token)
            }
            // (student, measured size, passed); claimed sizes are all 1 byte: never used
            let graded: [(String, Int64, Bool)] = [
                ("ada", 90_000_000, true), ("ada", 60_000_000, true), ("bob", 50_000_000, false),
                ("bob", 120_000_000, true), ("cy", 70_000_000, true), ("dee", 65_000_000, true),
                ("eve", 10_000_000, false),
            ]
            for (name, size, passed) in graded {
                let id = try await store.submit(request(size: 1), by: members[name]!, at: Date())
                let job = try #require(try await store.claim(worker: "w", lease: 60, now: Date()))
                #expect(job.submission.id == id)
                let verdict = Verdict(
                    passed: passed, checks: [], sizeBytes: size, baseImage: "debian:bookworm-slim", reason: nil)
                #expect(
                    try await store.finish(
                        id: id, worker: "w", status: passed ? .passed : .failed, verdict: verdict, at: Date()))
            }
            let board = try await store.leaderboard(classID: created.classID, exercise: "image-size-challenge")
            #expect(board.map(\.student) == ["ada", "dee", "cy", "bob"])
            #expect(board.map(\.sizeBytes) == [60_000_000, 65_000_000, 70_000_000, 120_000_000])
            #expect(board.map(\.podium) == [true, true, true, false])
            #expect(board.map(\.beatsRecord) == [true, true, false, false])
            #expect(board.map(\.rank) == [1, 2, 3, 4])
        }
    }

    func theProgressGridCountsAttemptsAndDone() async throws {
        try await kind.withStore { store, _ in
            let created = try await store.createClass(name: "c")
            let ada = try #require(
                try await store.member(token: try await store.join(inviteCode: created.inviteCode, name: "ada").token))
            _ = try await store.join(inviteCode: created.inviteCode, name: "bob")
            for passed in [false, true] {
                let id = try await store.submit(request("layer-detective"), by: ada, at: Date())
                _ = try await store.claim(worker: "w", lease: 60, now: Date())
                let verdict = Verdict(passed: passed, checks: [], sizeBytes: 1, baseImage: nil, reason: nil)
                _ = try await store.finish(
                    id: id, worker: "w", status: passed ? .passed : .failed, verdict: verdict, at: Date())
            }
            let grid = try await store.progress(
                classID: created.classID, exercises: ["layer-detective", "jerry-fat-image"])
            #expect(grid.rows.map(\.student) == ["ada", "bob"])
            let adaCells = grid.rows[0].cells
            #expect(
                adaCells[0].done && adaCells[0].attempts == 2 && adaCells[0].hints == 1
                    && adaCells[0].lastStatus == .passed
            )
            #expect(!adaCells[1].done && adaCells[1].attempts == 0 && adaCells[1].lastSubmitted == nil)
            #expect(grid.rows[1].cells.allSatisfy { !$0.done && $0.attempts == 0 })
        }
    }
}
