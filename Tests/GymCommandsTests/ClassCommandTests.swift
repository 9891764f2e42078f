import Foundation
import Server
import TestSupport
import Testing

/// `gym server`, `gym login` and `gym submit` as a user runs them: real processes, a real socket.
struct ClassCommandTests {
    /// A `gym server` (or `gym server work`) process, killed at the end of the test.
    final class ServerProcess: @unchecked Sendable {
        let process = Process()
        let errors = Pipe()
        var port = 0

        init(_ arguments: [String], environment: [String: String]) throws {
            process.executableURL = GymBinary.executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
        }

        /// Waits for the "listening on" line: the port.
        func listening() throws -> Int {
            var text = ""
            let handle = errors.fileHandleForReading
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
                if let range = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                    port = Int(text[range].split(separator: ":").last!)!
                    return port
                }
            }
            throw RegistryTestError("the server did not start: \(text)")
        }

        func kill(_ signal: Int32 = SIGKILL) {
            Foundation.kill(process.processIdentifier, signal)
            process.waitUntilExit()
        }
    }

    /// A made-up cohort through the store: every student has every exercise's submissions, the last passed.
    @Test func seedDemoFillsAClassThroughTheStore() async throws {
        let home = try GymBinary.scratch([:])
        defer { try? FileManager.default.removeItem(at: home) }
        let database = home.appendingPathComponent("class.sqlite").path
        let seeded = try GymBinary.run(
            [
                "server", "seed-demo", "--database", database, "--students", "3", "--submissions", "2", "--format",
                "json",
            ],
            environment: ["GYM_HOME": home.path])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let klass = try JSONDecoder().decode(CreatedClass.self, from: Data(seeded.stdout.utf8))
        let store = try SQLiteClassStore(path: database)
        let grid = try await store.progress(
            classID: klass.classID, exercises: ["image-size-challenge", "layer-detective"])
        #expect(grid.rows.map(\.student) == ["student001", "student002", "student003"])
        #expect(grid.rows.allSatisfy { $0.cells.allSatisfy { $0.done && $0.attempts == 2 } })
        #expect(try await store.leaderboard(classID: klass.classID, exercise: "image-size-challenge").count == 3)
        let refused = try GymBinary.run(["server", "seed-demo", "--database", database, "--students", "0"])
        #expect(refused.status == 64)
    }

    @Test func anAcceptedSubmissionSurvivesKillNine() async throws {
        let home = try GymBinary.scratch([:])
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["GYM_HOME": home.path]
        let database = home.appendingPathComponent("class.sqlite").path
        let created = try GymBinary.run(
            ["server", "create-class", "week 2", "--database", database, "--format", "json"], environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        let klass = try JSONDecoder().decode(CreatedClass.self, from: Data(created.stdout.utf8))
        let arguments = [
            "server", "run", "--port", "0", "--workers", "0", "--database", database,
        ]
        let first = try ServerProcess(arguments, environment: environment)
        let url = "http://127.0.0.1:\(try first.listening())"
        let ada = try await ClassClient(server: url, token: nil).join(invite: klass.inviteCode, name: "ada")
        let accepted = try await ClassClient(server: url, token: ada.token).submit(
            SubmissionRequest(
                exercise: "image-size-challenge",
                workspace: [
                    WorkspaceFile(path: "Dockerfile", content: Data("FROM scratch\n".utf8).base64EncodedString())
                ],
                claimed: ClaimedResult(passed: true, sizeBytes: 1, hints: 0)))
        first.kill(SIGKILL)  // no chance to flush anything more
        let second = try ServerProcess(arguments, environment: environment)
        let again = "http://127.0.0.1:\(try second.listening())"
        defer { second.kill() }
        let kept = try await ClassClient(server: again, token: ada.token).submission(accepted.id)
        #expect(kept.status == .queued && kept.student == "ada")
    }

    @Test func loginKeepsTheTokenForTheAccountAlone() async throws {
        let home = try GymBinary.scratch([:])
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["GYM_HOME": home.path]
        let database = home.appendingPathComponent("class.sqlite").path
        let created = try GymBinary.run(
            ["server", "create-class", "week 2", "--database", database, "--format", "json"], environment: environment)
        let klass = try JSONDecoder().decode(CreatedClass.self, from: Data(created.stdout.utf8))
        let server = try ServerProcess(
            ["server", "run", "--port", "0", "--workers", "0", "--database", database], environment: environment)
        defer { server.kill() }
        let url = "http://127.0.0.1:\(try server.listening())"

        // submitting before logging in says how to log in
        let early = try GymBinary.run(["submit", "image-size-challenge"], environment: environment)
        #expect(
            early.status == 2 && early.stderr.contains("gym login URL --invite CODE --name NAME"), "\(early.stderr)")

        let login = try GymBinary.run(
            ["login", url, "--invite", klass.inviteCode, "--name", "ada"], environment: environment)
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout == "logged in to \(url) as ada (student, class \"week 2\")\n")
        let file = home.appendingPathComponent("class.json").path
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let stored = try ClassLogin.load(from: file)
        #expect(stored.name == "ada" && stored.token.hasPrefix("gyms_"))

        // the same name again, a wrong code, both flags missing: clear refusals, exit 2 / 64
        let taken = try GymBinary.run(
            ["login", url, "--invite", klass.inviteCode, "--name", "ada"], environment: environment)
        #expect(taken.status == 2 && taken.stderr.contains("ada is taken"), "\(taken.stderr)")
        let wrong = try GymBinary.run(["login", url, "--invite", "nope", "--name", "bob"], environment: environment)
        #expect(wrong.status == 2 && wrong.stderr.contains("no class has that invite code"), "\(wrong.stderr)")
        let usage = try GymBinary.run(["login", url], environment: environment)
        #expect(usage.status == 64)
        for bad in [
            ["--announce", "ftp://chat.example/hook"], ["--announce", "hook"], ["--build-proxy", "127.0.0.1:3128"],
        ] {
            let refused = try GymBinary.run(["server", "run"] + bad, environment: environment)
            #expect(refused.status == 64 && refused.stderr.contains(bad[0]), "\(refused.stderr)")
        }
        // workers that would build students' files with this machine's network: refused unless fenced or said so
        for command in [["server", "run"], ["server", "work"]] {
            let unfenced = try GymBinary.run(command + ["--database", database], environment: environment)
            #expect(unfenced.status == 64 && unfenced.stderr.contains("scripts/fence.sh"), "\(unfenced.stderr)")
        }

        // the instructor logs in with the token create-class printed
        let instructor = try GymBinary.run(
            ["login", url, "--token", klass.instructorToken, "--format", "json"], environment: environment)
        #expect(
            instructor.status == 0 && instructor.stdout.contains("\"role\" : \"instructor\""), "\(instructor.stdout)")
        #expect(!instructor.stdout.contains(klass.instructorToken))

        // a one-time link for the browser: a code, never the token, and it works once
        let pages = try GymBinary.run(["pages", "progress", "--format", "json"], environment: environment)
        #expect(pages.status == 0, "\(pages.stderr)")
        let link = try JSONDecoder().decode(BrowserLogin.self, from: Data(pages.stdout.utf8))
        #expect(link.url.hasPrefix(url + "/login?code=") && link.url.hasSuffix("next=/progress"), "\(link.url)")
        #expect(!pages.stdout.contains(klass.instructorToken))
        let text = try GymBinary.run(["pages"], environment: environment)
        #expect(text.status == 0 && text.stdout.contains("next=/leaderboard\n(opens once"), "\(text.stdout)")
    }
}
