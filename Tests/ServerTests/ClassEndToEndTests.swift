import Foundation
import Gym
import Spawn
import TestSupport
import Testing

@testable import Server

/// A class on the real engine: students submit the size challenge's files; the server builds each
/// submission's files itself and measures that build, and only its verdicts reach the leaderboard. No
/// registry: an image a student names is never what is measured.
@Suite(
    "The class end to end", .ownThreads, .serialized, .dockerShared(group: "image-size-challenge on the class server"),
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct ClassEndToEndTests {
    static let slug = "image-size-challenge"

    func workspace(_ write: (Exercise, URL) throws -> Void) throws -> URL {
        let exercise = try ExerciseCatalog.standard().exercise(Self.slug)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-e2e-\(UUID().uuidString)")
        try write(exercise, directory)
        return directory
    }

    func submitThroughGym(
        _ exercise: Exercise, _ directory: URL, _ login: ClassLogin, hints: Int
    ) async throws
        -> ClassSubmission.Outcome
    {
        try await ClassSubmission.submit(exercise, workspace: directory, login: login, hints: hints)
    }

    @Test func anHonestAGamedALyingAndACopyingStudent() async throws {
        let server = try await RunningServer(workers: 1)
        let created = try await server.store.createClass(name: "week 2")
        let anonymous = ClassClient(server: server.url, token: nil)
        var logins: [String: ClassLogin] = [:]
        for name in ["ada", "bob", "cy", "dee"] {
            let enrolment = try await anonymous.join(invite: created.inviteCode, name: name)
            logins[name] = ClassLogin(
                server: server.url, token: enrolment.token, name: name, className: "week 2", role: .student)
        }
        let exercise = try ExerciseCatalog.standard().exercise(Self.slug)

        // ada: the reference solution, through gym submit's own code (local check, then the files posted)
        let honest = try workspace { exercise, directory in try exercise.writeSolution(to: directory) }
        let adaLogin = try #require(logins["ada"])
        let ada = try await submitThroughGym(exercise, honest, adaLogin, hints: 2)
        let adaFailed = ada.localResults.filter { !$0.passed }
        #expect(adaFailed.isEmpty, "\(adaFailed)")
        #expect(ada.files >= 3 && ada.bytes > 0)

        // bob: a gaming attempt (an ENTRYPOINT that echoes the self-test line), also through gym submit
        let gaming = try #require(try exercise.cases().first { $0.name == "echo-entrypoint" })
        let gamed = try workspace { exercise, directory in try exercise.write(gaming, to: directory) }
        let bobLogin = try #require(logins["bob"])
        let bob = try await submitThroughGym(exercise, gamed, bobLogin, hints: 0)

        // cy: the honest files, posted with a claim of 5 MB and a pass: the client lies
        let cyClient = ClassClient(try #require(logins["cy"]))
        let lie = try await cyClient.submit(
            SubmissionRequest(
                exercise: Self.slug, workspace: try SubmittedWorkspace.read(honest),
                claimed: ClaimedResult(passed: true, sizeBytes: 5_000_000, hints: 0)))

        // dee: the unchanged starter's files, posted with an image built from ada's files named beside them
        // (the registry days' field) and a claim of ada's size: the server builds dee's files
        let built = try Subprocess.run(["docker", "build", "-q", "--network=host", "-t", "gym-e2e-ada", honest.path])
        #expect(built.succeeded, "\(String(decoding: built.stderr, as: UTF8.self))")
        let adaImage = String(decoding: built.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let starter = try workspace { exercise, directory in
            try FileManager.default.copyItem(at: exercise.starter, to: directory)
        }
        var copied =
            try JSONSerialization.jsonObject(
                with: JSONEncoder().encode(
                    SubmissionRequest(
                        exercise: Self.slug, workspace: try SubmittedWorkspace.read(starter),
                        claimed: ClaimedResult(passed: true, sizeBytes: ada.localSize, hints: 0)))) as! [String: Any]
        copied["image"] = adaImage
        let deeToken = try #require(logins["dee"]).token
        let posted = try await server.raw(
            .POST, "/api/submissions", token: deeToken, body: Array(try JSONSerialization.data(withJSONObject: copied)))
        #expect(posted.status == 202, "\(posted.body)")
        let dee = try JSONDecoder().decode(SubmissionAccepted.self, from: Data(posted.body.utf8))

        // the server's verdicts
        let adaVerdict = try await ClassClient(adaLogin).waitForVerdict(ada.accepted.id)
        let bobVerdict = try await ClassClient(bobLogin).waitForVerdict(bob.accepted.id)
        let cyVerdict = try await cyClient.waitForVerdict(lie.id)
        let deeVerdict = try await ClassClient(try #require(logins["dee"])).waitForVerdict(dee.id)
        #expect(adaVerdict.status == .passed, "\(String(describing: adaVerdict.verdict))")
        #expect(adaVerdict.verdict?.baseImage == "debian:bookworm-slim")
        #expect(adaVerdict.verdict?.imageID?.hasPrefix("sha256:") == true)
        #expect(bobVerdict.status == .failed)
        let bobReason = try #require(bobVerdict.verdict?.reason)
        #expect(bobReason.hasPrefix("image-runs:"), "\(bobReason)")
        #expect(bobVerdict.verdict?.checks.first { $0.id == "image-runs" }?.passed == false)
        #expect(cyVerdict.status == .passed)
        let cySize = try #require(cyVerdict.verdict?.sizeBytes)
        #expect(cySize > 20_000_000)
        #expect(
            cyVerdict.verdict?.reason?.contains("the client claimed 5000000 bytes; the server measured \(cySize)")
                == true)
        // dee's verdict is the server's build of the starter: too big, on the base the starter names
        #expect(deeVerdict.status == .failed, "\(String(describing: deeVerdict.verdict))")
        let deeSize = try #require(deeVerdict.verdict?.sizeBytes)
        #expect(deeSize > 200_000_000, "the starter's build, not ada's image")
        #expect(deeVerdict.verdict?.baseImage == "python:3.11")
        #expect(deeVerdict.verdict?.imageID != adaImage)

        // the leaderboard holds verified sizes only, and neither the gamed nor the copied submission
        let board = try await ClassClient(adaLogin).leaderboard()
        #expect(Set(board.entries.map(\.student)) == ["ada", "cy"])
        #expect(board.entries.first { $0.student == "cy" }?.sizeBytes == cySize)
        #expect(board.entries.allSatisfy { $0.sizeBytes > 5_000_000 && $0.podium })
        #expect(board.entries.first { $0.student == "ada" }?.sizeBytes == adaVerdict.verdict?.sizeBytes)
        // the instructor's grid: ada done with her hints, bob and dee tried, cy done
        let grid = try await ClassClient(server: server.url, token: created.instructorToken).progressGrid()
        let cells = Dictionary(
            uniqueKeysWithValues: grid.rows.map { ($0.student, $0.cells.first { $0.exercise == Self.slug }!) })
        #expect(cells["ada"]?.done == true && cells["ada"]?.hints == 2)
        #expect(cells["bob"]?.done == false && cells["bob"]?.attempts == 1)
        #expect(cells["cy"]?.done == true)
        #expect(cells["dee"]?.done == false)

        _ = try? Subprocess.run(["docker", "image", "rm", "-f", "gym-e2e-ada"])
        for directory in [honest, gamed, starter] { try? FileManager.default.removeItem(at: directory) }
        await server.stop()
    }
}
