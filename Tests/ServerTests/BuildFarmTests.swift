import Foundation
import Gym
import Spawn
import TestSupport
import Testing

@testable import Server

/// Workers on another engine, the way a department's build farm runs them: `gym server work --engine` on a
/// second dockerd; one worker is killed with -9 mid-job and another takes the job over once its lease ends.
@Suite(
    "Grading on a second engine", .ownThreads, .serialized,
    .dockerShared(group: "image-size-challenge on the class server"),
    .enabled(
        if: DockerEngine.isAvailable && SecondEngine.isAvailable,
        SecondEngine.skipMessage))
struct BuildFarmTests {
    final class Worker: @unchecked Sendable {
        let process = Process()
        init(database: String, engine: String, lease: Int) throws {
            process.executableURL = GymBinary.executable
            // --builder is --engine's other name
            process.arguments = [
                "server", "work", "--database", database, lease > 100 ? "--builder" : "--engine", engine, "--lease",
                "\(lease)", "--unfenced-builds",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }
        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    @Test func aKilledWorkersJobIsGradedByAnotherOnTheFarm() async throws {
        let farm = try SecondEngine()
        // the base the solution builds on, and the serves check's probe, which runs on the farm's engine too
        try farm.load(images: ["python:3.11-slim", "debian:bookworm-slim"])
        let server = try await RunningServer(workers: 0)
        let created = try await server.store.createClass(name: "farm")
        let enrolment = try await ClassClient(server: server.url, token: nil).join(
            invite: created.inviteCode, name: "ada")
        let login = ClassLogin(
            server: server.url, token: enrolment.token, name: "ada", className: "farm", role: .student)
        let exercise = try ExerciseCatalog.standard().exercise("image-size-challenge")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-farm-\(UUID().uuidString)")
        try exercise.writeSolution(to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let since = String(Int(Date().timeIntervalSince1970))
        let outcome = try await ClassSubmission.submit(exercise, workspace: directory, login: login, hints: 0)
        let client = ClassClient(login)

        // the first worker takes the job, and dies with it
        let first = try Worker(database: server.databasePath, engine: farm.host, lease: 4)
        var taken = false
        let deadline = ContinuousClock.now + .seconds(180)
        while !taken && ContinuousClock.now < deadline {
            taken = try await client.submission(outcome.accepted.id).status == .grading
            if !taken { try await Task.sleep(for: .milliseconds(100)) }
        }
        first.kill()
        #expect(taken, "the first worker never took the job")
        // the second takes it over once the lease has run out, and grades it on the farm's engine
        let second = try Worker(database: server.databasePath, engine: farm.host, lease: 600)
        defer { second.kill() }
        let graded = try await client.waitForVerdict(outcome.accepted.id, timeout: .seconds(300))
        #expect(graded.status == .passed, "\(String(describing: graded.verdict))")
        let leftover = try await server.store.claim(worker: "probe", lease: 1, now: Date())
        #expect(leftover?.submission.id == nil, "nothing is left in the queue")

        // the farm's engine built the submitted files (the check's own tag for its build), the local one did not
        let until = String(Int(Date().timeIntervalSince1970) + 1)
        let filters = ["--since", since, "--until", until, "--filter", "type=image"]
        let format = ["--format", "{{.Action}} {{.Actor.Attributes.name}}"]
        func tagged(_ events: String) -> Int {
            events.split(separator: "\n").filter { $0.hasPrefix("tag gym-check-\(exercise.slug):") }.count
        }
        let farmEvents = try farm.docker(["events"] + filters + format)
        #expect(tagged(farmEvents) >= 1, "the farm's engine: \(farmEvents)")
        #expect(graded.verdict?.imageID?.hasPrefix("sha256:") == true)
        let local = String(
            decoding: try Subprocess.run(["docker", "events"] + filters + format).stdout, as: UTF8.self)
        // gym submit's own check built the files on the local engine first; no worker built there after it
        #expect(tagged(local) == 1, "the local engine: \(local)")
        await server.stop()
    }
}
