import Foundation
import TestSupport
import Testing

@testable import Server

/// The pages in a real browser: headless chromium logs in through /login, loads the leaderboard and the
/// progress grid, and the test reads the DOM it built; the screenshots go to docs/screenshots for the README.
@Suite(.ownThreads, .enabled(if: HeadlessChromium.isAvailable, HeadlessChromium.skipMessage))
struct PagesInBrowserTests {
    /// A graded class at fixed dates, so the pages (and the screenshots) are the same on every run.
    static func seed(_ store: any ClassStore) async throws -> CreatedClass {
        let created = try await store.createClass(name: "Week 2 · Tuesday")
        var members: [String: ClassMember] = [:]
        for name in ["ada", "bob", "cy", "dee", "eve", "fay"] {
            let token = try await store.join(inviteCode: created.inviteCode, name: name).token
            members[name] = try await store.member(token: token)
        }
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        // (student, exercise, measured bytes, passed, hints)
        let graded: [(String, String, Int64, Bool, Int)] = [
            ("ada", "image-size-challenge", 58_200_000, true, 1), ("cy", "image-size-challenge", 64_900_000, true, 0),
            ("dee", "image-size-challenge", 67_500_000, true, 2), ("bob", "image-size-challenge", 71_300_000, true, 0),
            ("eve", "image-size-challenge", 118_000_000, true, 3), ("fay", "image-size-challenge", 9_000_000, false, 0),
            ("ada", "layer-detective", 150_000_000, true, 0), ("bob", "layer-detective", 150_000_000, false, 1),
            ("bob", "layer-detective", 150_000_000, true, 1), ("cy", "jerry-fat-image", 300_000_000, false, 2),
        ]
        for (index, (name, exercise, size, passed, hints)) in graded.enumerated() {
            let at = start.addingTimeInterval(Double(index) * 600)
            let request = SubmissionRequest(
                exercise: exercise, workspace: [], claimed: ClaimedResult(passed: true, sizeBytes: size, hints: hints))
            let id = try await store.submit(request, by: members[name]!, at: at)
            _ = try #require(try await store.claim(worker: "w", lease: 60, now: at))
            let verdict = Verdict(
                passed: passed, checks: [], sizeBytes: size,
                baseImage: passed ? "debian:bookworm-slim" : "scratch",
                reason: passed ? nil : "image-runs: the container printed the line without running app.py")
            #expect(
                try await store.finish(
                    id: id, worker: "w", status: passed ? .passed : .failed, verdict: verdict, at: at))
        }
        return created
    }

    static func attribute(_ name: String, in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "\(name)=\"([^\"]*)\"")
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            String(html[Range($0.range(at: 1), in: html)!])
        }
    }

    @Test func leaderboardAndProgressInChromium() async throws {
        let server = try await RunningServer()
        let created = try await Self.seed(server.store)
        // each chromium run is a new browser: a new one-time link for each
        let instructor = ClassClient(server: server.url, token: created.instructorToken)
        func login(_ page: String) async throws -> String { try await instructor.loginLink(page: page).url }

        let board = try HeadlessChromium.dom(try await login("/leaderboard"))
        #expect(Self.attribute("data-student", in: board) == ["ada", "cy", "dee", "bob", "eve"])
        #expect(
            Self.attribute("data-bytes", in: board) == ["58200000", "64900000", "67500000", "71300000", "118000000"])
        let rows = board.components(separatedBy: "<tr").dropFirst(2)  // the header row, then the body's rows
        let classes = rows.map { row in
            row.hasPrefix(" class=\"record\"") ? "record" : row.contains("class=\"podium\"") ? "podium" : "plain"
        }
        #expect(classes == ["podium", "podium", "podium", "record", "plain", "plain"], "\(classes)")
        #expect(!board.contains("fay"), "a failed submission never reaches the leaderboard")

        let progress = try HeadlessChromium.dom(try await login("/progress"))
        #expect(Self.attribute("data-student", in: progress) == ["ada", "bob", "cy", "dee", "eve", "fay"])
        let bobRow = try #require(
            progress.components(separatedBy: "<tr data-student=\"bob\"").last?.components(separatedBy: "</tr>").first)
        #expect(
            bobRow.contains("data-exercise=\"layer-detective\" data-done=\"true\" data-attempts=\"2\""), "\(bobRow)")
        let cyRow = try #require(
            progress.components(separatedBy: "<tr data-student=\"cy\"").last?.components(separatedBy: "</tr>").first)
        #expect(cyRow.contains("data-exercise=\"jerry-fat-image\" data-done=\"false\" data-attempts=\"1\""), "\(cyRow)")

        // a student's page: the history, what was measured and what was claimed told apart
        let history = try HeadlessChromium.dom(try await login("/students/bob"))
        #expect(Self.attribute("data-id", in: history).count == 3, "\(history)")
        #expect(history.contains("Verified size (measured)") && history.contains("Size (claimed)"), "\(history)")

        let docs = GymBinary.packageRoot.appendingPathComponent("docs/screenshots")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try HeadlessChromium.screenshot(
            try await login("/leaderboard"), to: docs.appendingPathComponent("class-leaderboard.png").path)
        try HeadlessChromium.screenshot(
            try await login("/progress"), to: docs.appendingPathComponent("class-progress.png").path, width: 1300,
            height: 520)
        // a student's token opens the leaderboard but not the grid
        let student = try await server.store.join(inviteCode: created.inviteCode, name: "gus")
        let denied = try HeadlessChromium.dom(
            try await ClassClient(server: server.url, token: student.token).loginLink(page: "/progress").url)
        #expect(
            denied.contains("only the class&#39;s instructor") || denied.contains("only the class's instructor"),
            "\(denied)")
        #expect(denied.contains("<h1>403 Forbidden</h1>"), "a student sees a page, not JSON: \(denied)")
        // a visitor without a session, at the class's address and at a page: the page that says how to log in
        for path in ["/", "/leaderboard"] {
            let visitor = try HeadlessChromium.dom(server.url + path)
            #expect(visitor.contains("id=\"login\"") && visitor.contains("gym pages"), "\(path): \(visitor)")
        }

        await server.stop()
    }
}
