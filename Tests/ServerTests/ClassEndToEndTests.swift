import Foundation
import Gym
import Registry
import Spawn
import TestSupport
import Testing

@testable import Server

/// A class on the real engine and a real registry: three students submit the size challenge; the server
/// pulls each image by digest and measures it again, and only its verdicts reach the leaderboard.
@Suite(
    "The class end to end", .ownThreads, .serialized, .dockerExclusive,
    .enabled(if: DockerEngine.isAvailable && LoopbackRegistry.isAvailable, DockerEngine.skipMessage))
struct ClassEndToEndTests {
    static let slug = "image-size-challenge"

    func workspace(_ write: (Exercise, URL) throws -> Void) throws -> URL {
        let exercise = try ExerciseCatalog.standard().exercise(Self.slug)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-e2e-\(UUID().uuidString)")
        try write(exercise, directory)
        return directory
    }

    @Test func anHonestAGamedAndALyingStudent() async throws {
        let registry = try LoopbackRegistry()
        let server = try await RunningServer(registry: registry.host, workers: 1)
        let created = try await server.store.createClass(name: "week 2")
        let anonymous = ClassClient(server: server.url, token: nil)
        var logins: [String: ClassLogin] = [:]
        for name in ["ada", "bob", "cy"] {
            let enrolment = try await anonymous.join(invite: created.inviteCode, name: name)
            logins[name] = ClassLogin(
                server: server.url, token: enrolment.token, name: name, className: "week 2", role: .student)
        }
        let exercise = try ExerciseCatalog.standard().exercise(Self.slug)

        // ada: the reference solution, through gym submit's own code (local check, push by digest, post)
        let honest = try workspace { exercise, directory in try exercise.writeSolution(to: directory) }
        let adaLogin = try #require(logins["ada"])
        let adaResult = await GradingWorker.onThread { () -> Result<ClassSubmission.Outcome, ServerError> in
            Result { () throws(ServerError) in
                try ClassSubmission.submit(
                    exercise, workspace: honest, login: adaLogin, hints: 2, registryOptions: .init())
            }
        }
        let ada = try adaResult.get()
        let adaFailed = ada.localResults.filter { !$0.passed }
        #expect(adaFailed.isEmpty, "\(adaFailed)")
        #expect(ada.image.hasPrefix("\(registry.host)/gym/\(created.classID)/ada/\(Self.slug)@sha256:"))

        // bob: a gaming attempt (an ENTRYPOINT that echoes the self-test line), also through gym submit
        let gaming = try #require(try exercise.cases().first { $0.name == "echo-entrypoint" })
        let gamed = try workspace { exercise, directory in try exercise.write(gaming, to: directory) }
        let bobLogin = try #require(logins["bob"])
        let bobResult = await GradingWorker.onThread { () -> Result<ClassSubmission.Outcome, ServerError> in
            Result { () throws(ServerError) in
                try ClassSubmission.submit(
                    exercise, workspace: gamed, login: bobLogin, hints: 0, registryOptions: .init())
            }
        }
        let bob = try bobResult.get()

        // cy: builds and pushes with docker, then posts a claim of 5 MB and a pass: the client lies
        let built = try Subprocess.run(["docker", "build", "-q", "--network=host", "-t", "gym-e2e-cy", honest.path])
        #expect(built.succeeded, "\(String(decoding: built.stderr, as: UTF8.self))")
        _ = try registry.push(engineImage: "gym-e2e-cy", as: "gym/\(created.classID)/cy/\(Self.slug):1")
        let digests = try Subprocess.run([
            "docker", "image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", "gym-e2e-cy",
        ])
        let cyImage = try #require(
            String(decoding: digests.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
                .first { $0.hasPrefix(registry.host + "/") })
        let cyClient = ClassClient(try #require(logins["cy"]))
        let lie = try await cyClient.submit(
            SubmissionRequest(
                exercise: Self.slug, image: cyImage, workspace: try SubmittedWorkspace.read(honest),
                claimed: ClaimedResult(passed: true, sizeBytes: 5_000_000, hints: 0)))

        // the server's verdicts
        let adaVerdict = try await ClassClient(adaLogin).waitForVerdict(ada.accepted.id)
        let bobVerdict = try await ClassClient(bobLogin).waitForVerdict(bob.accepted.id)
        let cyVerdict = try await cyClient.waitForVerdict(lie.id)
        #expect(adaVerdict.status == .passed, "\(String(describing: adaVerdict.verdict))")
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
        #expect(adaVerdict.verdict?.baseImage == "debian:bookworm-slim")

        // the leaderboard holds verified sizes only, and not the gamed image
        let board = try await ClassClient(adaLogin).leaderboard()
        #expect(Set(board.entries.map(\.student)) == ["ada", "cy"])
        #expect(board.entries.first { $0.student == "cy" }?.sizeBytes == cySize)
        #expect(board.entries.allSatisfy { $0.sizeBytes > 5_000_000 && $0.podium })
        #expect(board.entries.first { $0.student == "ada" }?.sizeBytes == adaVerdict.verdict?.sizeBytes)
        // the instructor's grid: ada done with her hints, bob tried, cy done
        let grid = try await ClassClient(server: server.url, token: created.instructorToken).progressGrid()
        let cells = Dictionary(
            uniqueKeysWithValues: grid.rows.map { ($0.student, $0.cells.first { $0.exercise == Self.slug }!) })
        #expect(cells["ada"]?.done == true && cells["ada"]?.hints == 2)
        #expect(cells["bob"]?.done == false && cells["bob"]?.attempts == 1)
        #expect(cells["cy"]?.done == true)

        _ = try? Subprocess.run(["docker", "image", "rm", "-f", "gym-e2e-cy"])
        for directory in [honest, gamed] { try? FileManager.default.removeItem(at: directory) }
        await server.stop()
    }
}
