import Foundation
import GRDB
import Testing

@testable import Server

/// The SQLite store: accounts with hashed secrets, the job queue two workers share, leaderboard and grid.
struct ClassStoreTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gym-class-\(UUID().uuidString)").path

    static let image = "127.0.0.1:5000/gym/c/ada/image-size-challenge@sha256:" + String(repeating: "a", count: 64)

    func request(_ exercise: String = "image-size-challenge", size: Int64? = 100) -> SubmissionRequest {
        SubmissionRequest(
            exercise: exercise, image: Self.image,
            workspace: [WorkspaceFile(path: "Dockerfile", content: Data("FROM scratch\n".utf8).base64EncodedString())],
            claimed: ClaimedResult(passed: true, sizeBytes: size, hints: 1))
    }

    @Test func secretsAreStoredOnlyHashed() async throws {
        let store = try SQLiteClassStore(path: path)
        let created = try await store.createClass(name: "week 2")
        let ada = try await store.join(inviteCode: created.inviteCode, name: "ada")
        #expect(try await store.member(token: created.instructorToken)?.role == .instructor)
        #expect(
            try await store.member(token: ada.token)
                == ClassMember(
                    id: try #require(try await store.member(token: ada.token)).id, classID: created.classID,
                    className: "week 2", name: "ada", role: .student))
        #expect(try await store.member(token: ada.token + "x") == nil)
        let bytes =
            try Data(contentsOf: URL(fileURLWithPath: path))
            + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        for secret in [created.instructorToken, created.inviteCode, ada.token] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is stored in clear")
        }
    }

    @Test func joiningNeedsTheInviteAndAFreeName() async throws {
        let store = try SQLiteClassStore(path: path)
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

    @Test func twoWorkersNeverHoldOneJobAndALapsedLeaseIsTakenOver() async throws {
        let store = try SQLiteClassStore(path: path)
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

    @Test func theLeaderboardRanksEachStudentsSmallestVerifiedImage() async throws {
        let store = try SQLiteClassStore(path: path)
        let created = try await store.createClass(name: "c")
        var members: [String: ClassMember] = [:]
        for name in ["ada", "bob", "cy", "dee", "eve"] {
            members[name] = try await store.member(
                token: try await store.join(inviteCode: created.inviteCode, name: name).token)
        }
        // (student, measured size, passed); claimed sizes are all 1 byte: never used
        let graded: [(String, Int64, Bool)] = [
            ("ada", 90_000_000, true), ("ada", 60_000_000, true), ("bob", 50_000_000, false),
            ("bob", 120_000_000, true), ("cy", 70_000_000, true), ("dee", 65_000_000, true), ("eve", 10_000_000, false),
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

    @Test func theProgressGridCountsAttemptsAndDone() async throws {
        let store = try SQLiteClassStore(path: path)
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
            adaCells[0].done && adaCells[0].attempts == 2 && adaCells[0].hints == 1 && adaCells[0].lastStatus == .passed
        )
        #expect(!adaCells[1].done && adaCells[1].attempts == 0 && adaCells[1].lastSubmitted == nil)
        #expect(grid.rows[1].cells.allSatisfy { !$0.done && $0.attempts == 0 })
    }

    @Test func aDatabaseThatIsNotOneIsAClearError() throws {
        let file = path + ".txt"
        try Data("not sqlite at all, just text that is long enough to be a header".utf8).write(
            to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: ServerError.self) { try SQLiteClassStore(path: file) }
    }
}
