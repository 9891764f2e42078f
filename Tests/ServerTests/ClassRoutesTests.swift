import Foundation
import GRDB
import Gym
import NIOHTTP1
import TestSupport
import Testing

@testable import Server

/// The routes on PostgreSQL: the same answers as on SQLite.
@Suite(.ownThreads, .enabled(if: LoopbackPostgres.isAvailable, LoopbackPostgres.skipMessage))
struct PostgresClassRoutesTests {
    @Test func accessRules() async throws {
        try await ClassRoutesTests(kind: .postgres).studentsSeeOnlyTheirOwnAndTheInstructorSeesTheClass()
    }

    @Test func badSubmissions() async throws {
        try await ClassRoutesTests(kind: .postgres).badSubmissionsAreRefusedWithAReasonAndNothingStored()
    }

    @Test func pagesAndMethods() async throws {
        try await ClassRoutesTests(kind: .postgres).browsersGetPagesTheAPIKeepsJSONAndWrongMethodsAre405()
    }

    @Test func sameChanges() async throws {
        try await ClassRoutesTests(kind: .postgres).sameChangesAreShownNotFailed()
    }

    @Test func keptPagesFollowChanges() async throws {
        try await ClassRoutesTests(kind: .postgres).keptPagesFollowEveryChange()
    }
}

/// The HTTP side on a real socket: who may do what, and bad requests answered 4xx with nothing stored.
@Suite(.ownThreads)
struct ClassRoutesTests {
    var kind: StoreKind = .sqlite

    static let digest = "sha256:" + String(repeating: "b", count: 64)

    struct Class {
        var created: CreatedClass
        var ada: Enrolment
        var bob: Enrolment
    }

    func enrol(_ server: RunningServer) async throws -> Class {
        let created = try await server.store.createClass(name: "week 2")
        let client = ClassClient(server: server.url, token: nil)
        return Class(
            created: created, ada: try await client.join(invite: created.inviteCode, name: "ada"),
            bob: try await client.join(invite: created.inviteCode, name: "bob"))
    }

    func submission(_ exercise: String = "image-size-challenge") -> SubmissionRequest {
        SubmissionRequest(
            exercise: exercise,
            workspace: [WorkspaceFile(path: "Dockerfile", content: Data("FROM scratch\n".utf8).base64EncodedString())],
            claimed: ClaimedResult(passed: true, sizeBytes: 10, hints: 0))
    }

    func claiming(hints: Int? = 0, sizeBytes: Int64? = 10) -> SubmissionRequest {
        var request = submission()
        request.claimed = ClaimedResult(passed: true, sizeBytes: sizeBytes, hints: hints)
        return request
    }

    @Test func studentsSeeOnlyTheirOwnAndTheInstructorSeesTheClass() async throws {
        let server = try await RunningServer(kind: kind)
        let klass = try await enrol(server)
        let ada = ClassClient(server: server.url, token: klass.ada.token)
        let me = try await ada.me()
        #expect(me.name == "ada" && me.role == .student)
        let accepted = try await ada.submit(submission())
        #expect(accepted.status == .queued && accepted.location == "/api/submissions/\(accepted.id)")
        #expect(try await ada.submission(accepted.id).student == "ada")
        // bob cannot read ada's submission, her history, or the grid
        let bob = ClassClient(server: server.url, token: klass.bob.token)
        await #expect(
            throws: ServerError.refused(status: 404, message: "not found: no submission \(accepted.id) of yours")
        ) {
            try await bob.submission(accepted.id)
        }
        #expect(try await server.raw(.GET, "/api/students/ada/submissions", token: klass.bob.token).status == 403)
        #expect(try await server.raw(.GET, "/api/progress", token: klass.bob.token).status == 403)
        #expect(try await server.raw(.GET, "/progress", token: klass.ada.token).status == 403)
        // no token, or a made-up one
        #expect(try await server.raw(.GET, "/api/leaderboard").status == 401)
        #expect(try await server.raw(.GET, "/api/leaderboard", token: "gyms_forged").status == 401)
        // the instructor sees the grid and ada's submission, and may not submit
        let instructor = klass.created.instructorToken
        let grid = try await server.raw(.GET, "/api/progress", token: instructor)
        #expect(grid.status == 200 && grid.body.contains("\"student\" : \"ada\""))
        #expect(try await ClassClient(server: server.url, token: instructor).submission(accepted.id).id == accepted.id)
        #expect(
            try await server.raw(.POST, "/api/submissions", token: instructor, body: Array("{}".utf8)).status == 403)
        // an instructor of another class sees nothing of this one
        let other = try await server.store.createClass(name: "other")
        await #expect(throws: ServerError.self) {
            try await ClassClient(server: server.url, token: other.instructorToken).submission(accepted.id)
        }
        await server.stop()
    }

    @Test func badSubmissionsAreRefusedWithAReasonAndNothingStored() async throws {
        let server = try await RunningServer(kind: kind)
        let klass = try await enrol(server)
        let token = klass.ada.token
        func post(_ body: String) async throws -> (Int, String) {
            let answer = try await server.raw(.POST, "/api/submissions", token: token, body: Array(body.utf8))
            return (answer.status, answer.body)
        }
        func encoded(_ request: SubmissionRequest) throws -> String {
            String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        }
        let cases: [(String, Int, String)] = [
            ("{\"exercise\": ", 400, "not JSON"),
            ("{\"exercise\": \"image-size-challenge\"}", 400, "lacks `workspace`"),
            (try encoded(submission("no-such-exercise")), 400, "unknown exercise `no-such-exercise`"),
            (
                try encoded(
                    SubmissionRequest(
                        exercise: "image-size-challenge",
                        workspace: [WorkspaceFile(path: "../etc/passwd", content: "")],
                        claimed: ClaimedResult(passed: true, sizeBytes: 1, hints: nil))), 400, "relative path"
            ),
            (String(repeating: " ", count: ClassServer.maximumRequestBytes + 10) + "{}", 413, "larger than"),
            // what the learner claims is bounded before it is kept and shown
            (try encoded(claiming(hints: -3)), 400, "claimed.hints is -3"),
            (try encoded(claiming(hints: 99)), 400, "claimed.hints is 99"),
            (try encoded(claiming(sizeBytes: -1)), 400, "claimed.sizeBytes is -1"),
            (try encoded(claiming(sizeBytes: Int64.max)), 400, "claimed.sizeBytes is"),
        ]
        for (body, status, reason) in cases {
            let (answered, text) = try await post(body)
            #expect(answered == status, "\(reason): \(text)")
            #expect(text.contains(reason), "\(text)")
        }
        #expect(try await server.store.history(classID: klass.created.classID, student: "ada").isEmpty)
        // a bad name on joining
        let join = try await server.raw(
            .POST, "/api/join",
            body: Array("{\"invite\": \"\(klass.created.inviteCode)\", \"name\": \"<b>x</b>\"}".utf8))
        #expect(join.status == 400 && join.body.contains("letters or digits"))
        // a name is folded to lowercase as it is taken: `Ada` is ada, who exists
        for name in ["Ada", "ADA"] {
            let again = try await server.raw(
                .POST, "/api/join",
                body: Array("{\"invite\": \"\(klass.created.inviteCode)\", \"name\": \"\(name)\"}".utf8))
            #expect(again.status == 409, "\(name): \(again.body)")
        }
        let carol = try await ClassClient(server: server.url, token: nil).join(
            invite: klass.created.inviteCode, name: "Carol")
        #expect(carol.name == "carol")
        await server.stop()
    }

    /// A browser gets HTML wherever it goes (a visitor without a session: how to log in), the API keeps JSON,
    /// and a known path asked with the wrong method is a 405 that says what it takes.
    @Test func browsersGetPagesTheAPIKeepsJSONAndWrongMethodsAre405() async throws {
        let server = try await RunningServer(kind: kind)
        let klass = try await enrol(server)
        func isHTML(_ answer: (status: Int, body: String, headers: HTTPHeaders)) -> Bool {
            answer.headers.first(name: "Content-Type")?.hasPrefix("text/html") == true
                && answer.body.hasPrefix("<!doctype html>")
        }
        for path in ["/", "/leaderboard", "/progress", "/students/ada"] {
            let visitor = try await server.raw(.GET, path)
            #expect(isHTML(visitor) && visitor.body.contains("gym pages"), "\(path): \(visitor.status) \(visitor.body)")
            #expect(visitor.status == (path == "/" ? 200 : 401), "\(path)")
        }
        // a reused or made-up login link, and a student on the instructor's page: HTML with the reason
        let made = try await server.raw(.GET, "/login?code=gyml_made_up")
        #expect(made.status == 401 && isHTML(made) && made.body.contains("login link is used, expired or unknown"))
        let student = try await server.raw(.GET, "/progress", cookie: "gym_token=\(klass.ada.token)")
        #expect(student.status == 403 && isHTML(student) && student.body.contains("only the class"))
        let missing = try await server.raw(.GET, "/no-such-page", cookie: "gym_token=\(klass.ada.token)")
        #expect(missing.status == 404 && isHTML(missing))
        // the API answers in JSON, errors included
        for (path, status) in [("/api/leaderboard", 401), ("/api/no-such-thing", 404)] {
            let api = try await server.raw(.GET, path)
            #expect(api.status == status && api.headers.first(name: "Content-Type") == "application/json", "\(path)")
            #expect(api.body.contains("\"error\""))
        }
        // a known path, another method: 405 and what it takes
        for (method, path, allowed) in [
            (HTTPMethod.GET, "/api/join", "POST"), (.POST, "/leaderboard", "GET"),
            (.DELETE, "/api/submissions/7", "GET"),
            (.PUT, "/api/students/ada/submissions", "GET"),
        ] {
            let wrong = try await server.raw(method, path, token: klass.ada.token)
            #expect(
                wrong.status == 405 && wrong.headers.first(name: "Allow") == allowed,
                "\(method) \(path): \(wrong.status)")
        }
        // an escaped message: what a visitor puts in the path is text on the page, never markup
        let hostile = try await server.raw(.GET, "/%3Cscript%3Ealert(1)%3C/script%3E")
        #expect(hostile.status == 404 && !hostile.body.contains("<script>"))
        await server.stop()
    }

    /// A name taken under the old, looser rule (`Ada`) keeps its account, and the instructor sees that it cannot
    /// submit under today's rule.
    @Test func anAccountUnderTheOldNameRuleIsShownToTheInstructor() async throws {
        let server = try await RunningServer()
        let klass = try await enrol(server)
        let queue = try DatabaseQueue(path: server.databasePath)
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO member (id, class_id, name, role, token_hash, created_at)
                    VALUES ('m-old-ada', ?, 'Ada', 'student', 'x', 0)
                    """, arguments: [klass.created.classID])
        }
        let grid = try await server.raw(.GET, "/api/progress", token: klass.created.instructorToken)
        #expect(grid.status == 200 && grid.body.contains("joined under an older name rule"), "\(grid.body)")
        let page = try await server.raw(.GET, "/progress", cookie: "gym_token=\(klass.created.instructorToken)")
        #expect(page.body.contains("name-problem") && page.body.contains("cannot submit as Ada"))
        #expect(!page.body.contains("cannot submit as ada<"), "ada meets today's rule")
        await server.stop()
    }

    @Test func aTokenOverItsRateIsToldWhenToComeBack() async throws {
        // one request back every 20 s: slow machines cannot refill the budget while the test runs
        let server = try await RunningServer(rateBurst: 5, ratePerSecond: 0.05)
        let klass = try await enrol(server)
        var statuses: [Int] = []
        var retryAfter: String?
        for _ in 0..<8 {
            let answer = try await server.raw(.GET, "/api/me", token: klass.ada.token)
            statuses.append(answer.status)
            if answer.status == 429 { retryAfter = answer.headers.first(name: "Retry-After") }
        }
        #expect(statuses.prefix(5).allSatisfy { $0 == 200 })
        #expect(statuses.suffix(3).allSatisfy { $0 == 429 })
        #expect(retryAfter.flatMap(Int.init).map { (1...20).contains($0) } == true, "\(String(describing: retryAfter))")
        // another token has its own budget
        #expect(try await server.raw(.GET, "/api/me", token: klass.bob.token).status == 200)
        // guessed tokens count against their address: 401 until the budget is spent, then 429
        var guesses: [Int] = []
        for attempt in 0..<8 {
            guesses.append(try await server.raw(.GET, "/api/me", token: "gyms_guess\(attempt)").status)
        }
        // the address spent 2 of its 5 on the two joins above
        #expect(guesses == [401, 401, 401, 429, 429, 429, 429, 429], "\(guesses)")
        await server.stop()
    }

    /// A client of the registry days still sends `image`: the field is ignored (the server builds the files),
    /// and nothing of it is kept.
    /// Two students whose changes to the starter are the same (written with other whitespace and comments)
    /// are shown to the instructor on the grid and on both pages, by name, and to each student without the
    /// other's name; a submission of the reference solution is marked as such; the unchanged starter and a
    /// student's own changes are neither.
    @Test func sameChangesAreShownNotFailed() async throws {
        let server = try await RunningServer(kind: kind)
        let klass = try await enrol(server)
        let client = ClassClient(server: server.url, token: nil)
        let cy = try await client.join(invite: klass.created.inviteCode, name: "cy")
        let dee = try await client.join(invite: klass.created.inviteCode, name: "dee")
        let exercise = try ExerciseCatalog.standard().exercise("layer-optimization")
        let starter = try SubmittedWorkspace.read(exercise.starter)
        func with(_ dockerfile: String, over files: [WorkspaceFile] = starter) -> [WorkspaceFile] {
            files.map {
                $0.path == "Dockerfile"
                    ? WorkspaceFile(path: "Dockerfile", content: Data(dockerfile.utf8).base64EncodedString()) : $0
            }
        }
        let mine =
            "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
        let copied =
            "# my own work\nFROM python:3.11-slim\nWORKDIR  /app\n\nCOPY requirements.txt .\nRUN pip install \\\n  -r requirements.txt\nCOPY . .\n"
        let solution = exercise.solution.appendingPathComponent("Dockerfile")
        let reference = try String(contentsOf: solution, encoding: .utf8)
        for (token, files) in [
            (klass.ada.token, with(mine)), (klass.bob.token, with(copied)), (cy.token, with(reference)),
            (dee.token, starter),
        ] {
            _ = try await ClassClient(server: server.url, token: token).submit(
                SubmissionRequest(
                    exercise: exercise.slug, workspace: files,
                    claimed: ClaimedResult(passed: true, sizeBytes: nil, hints: 0)))
        }
        let instructor = ClassClient(server: server.url, token: klass.created.instructorToken)
        let grid = try await instructor.progressGrid()
        func cell(_ student: String) throws -> ProgressCell {
            try #require(grid.rows.first { $0.student == student }?.cells.first { $0.exercise == exercise.slug })
        }
        #expect(try cell("ada").sameChangesAs == ["bob"] && cell("bob").sameChangesAs == ["ada"])
        #expect(try cell("ada").referenceSolution == nil && cell("cy").referenceSolution == true)
        #expect(try cell("cy").sameChangesAs == nil && cell("dee").sameChangesAs == nil)
        #expect(try cell("dee").referenceSolution == nil)
        // the pages: the grid and both students' histories, by name for the instructor
        let cookie = "gym_token=\(klass.created.instructorToken)"
        let progress = try await server.raw(.GET, "/progress", cookie: cookie)
        #expect(progress.body.contains("same changes as bob") && progress.body.contains("same changes as ada"))
        #expect(progress.body.contains("reference solution"))
        let bobPage = try await server.raw(.GET, "/students/bob", cookie: cookie)
        #expect(bobPage.body.contains("same changes as ada"))
        // bob reads his own: a classmate made the same changes, not who
        let own = try await server.raw(.GET, "/api/students/bob/submissions", token: klass.bob.token)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let history = try decoder.decode([Submission].self, from: Data(own.body.utf8))
        #expect(history.first?.sameChangesAs == ["another student"], "\(own.body)")
        #expect(!own.body.contains("ada"))
        await server.stop()
    }

    /// The hot pages are kept per class revision: every write that changes what they show (a join, a
    /// submission, a worker taking it, a verdict) is seen on the next request, HTML and JSON alike.
    @Test func keptPagesFollowEveryChange() async throws {
        let server = try await RunningServer(kind: kind)
        let klass = try await enrol(server)
        let instructor = ClassClient(server: server.url, token: klass.created.instructorToken)
        let cookie = "gym_token=\(klass.created.instructorToken)"
        func cell() async throws -> ProgressCell? {
            try await instructor.progressGrid().rows.first { $0.student == "ada" }?.cells
                .first { $0.exercise == Leaderboards.sizeChallenge }
        }
        #expect(try await cell()?.attempts == 0)
        #expect(try await server.raw(.GET, "/progress", cookie: cookie).body.contains("data-student=\"cy\"") == false)
        _ = try await ClassClient(server: server.url, token: nil).join(invite: klass.created.inviteCode, name: "cy")
        #expect(try await server.raw(.GET, "/progress", cookie: cookie).body.contains("data-student=\"cy\""))
        let accepted = try await ClassClient(server: server.url, token: klass.ada.token).submit(submission())
        let queued = try await cell()
        #expect(queued?.attempts == 1 && queued?.lastStatus == .queued)
        _ = try #require(try await server.store.claim(worker: "w", lease: 60, now: Date()))
        #expect(try await cell()?.lastStatus == .grading)
        #expect(try await instructor.leaderboard().entries.isEmpty)
        let verdict = Verdict(passed: true, checks: [], sizeBytes: 70_000_000, baseImage: "scratch", reason: nil)
        #expect(
            try await server.store.finish(id: accepted.id, worker: "w", status: .passed, verdict: verdict, at: Date()))
        #expect(try await cell()?.done == true)
        #expect(try await instructor.leaderboard().entries.map(\.student) == ["ada"])
        let page = try await server.raw(.GET, "/leaderboard", cookie: cookie)
        #expect(page.body.contains("data-student=\"ada\""), "\(page.body)")
        await server.stop()
    }

    @Test func anImageAClientSendsIsIgnored() async throws {
        let server = try await RunningServer(kind: kind)
        let klass = try await enrol(server)
        var body = try JSONSerialization.jsonObject(with: JSONEncoder().encode(submission())) as! [String: Any]
        body["image"] = "127.0.0.1:5000/gym/c/bob/x@\(Self.digest)"
        let answer = try await server.raw(
            .POST, "/api/submissions", token: klass.ada.token,
            body: Array(try JSONSerialization.data(withJSONObject: body)))
        #expect(answer.status == 202, "\(answer.body)")
        let kept = try await server.store.history(classID: klass.created.classID, student: "ada")
        #expect(kept.count == 1)
        let stored = try JSONEncoder().encode(kept)
        #expect(!String(decoding: stored, as: UTF8.self).contains(Self.digest))
        await server.stop()
    }

    @Test func pagesRenderTheSameDataAndEscapeNames() async throws {
        let server = try await RunningServer(kind: kind)
        let klass = try await enrol(server)
        // a token in the URL is refused; a one-time link logs the browser in, once
        let inURL = try await server.raw(.GET, "/login?token=\(klass.created.instructorToken)")
        #expect(
            inURL.status == 400 && inURL.headers.first(name: "Set-Cookie") == nil && inURL.body.contains("gym pages"))
        let link = try await ClassClient(server: server.url, token: klass.created.instructorToken).loginLink(
            page: "/progress")
        #expect(
            link.url.hasPrefix(server.url + "/login?code=gyml_") && !link.url.contains(klass.created.instructorToken))
        #expect(link.expiresInSeconds == 120)
        let path = String(link.url.dropFirst(server.url.count))
        let login = try await server.raw(.GET, path)
        #expect(login.status == 303 && login.headers.first(name: "Location") == "/progress")
        let again = try await server.raw(.GET, path)
        #expect(again.status == 401 && again.headers.first(name: "Set-Cookie") == nil, "a link works once")
        // a link elsewhere lands on the leaderboard instead
        let away = try await ClassClient(server: server.url, token: klass.ada.token).loginLink(page: "//evil.example/x")
        let landed = try await server.raw(.GET, String(away.url.dropFirst(server.url.count)))
        #expect(landed.headers.first(name: "Location") == "/leaderboard")
        await #expect(throws: ServerError.self) {
            try await ClassClient(server: server.url, token: nil).loginLink()
        }
        let cookie = try #require(login.headers.first(name: "Set-Cookie"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let cookieValue = String(cookie.split(separator: ";")[0])
        let progress = try await server.raw(.GET, "/progress", cookie: cookieValue)
        #expect(progress.status == 200)
        #expect(progress.body.contains("<table id=\"progress\"") && progress.body.contains("data-student=\"ada\""))
        let board = try await server.raw(.GET, "/leaderboard", cookie: cookieValue)
        #expect(board.status == 200 && board.body.contains("No verified entry yet") && board.body.contains("68"))
        let openapi = try await server.raw(.GET, "/api/openapi.json")
        let document = try JSONSerialization.jsonObject(with: Data(openapi.body.utf8)) as? [String: Any]
        let paths = try #require(document?["paths"] as? [String: Any])
        #expect(
            Set(paths.keys).isSuperset(of: [
                "/api/leaderboard", "/api/progress", "/api/submissions", "/api/join", "/api/login-links",
            ]))
        await server.stop()
    }
}
