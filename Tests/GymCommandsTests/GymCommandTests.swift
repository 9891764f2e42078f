import Foundation
import TestSupport
import Testing

/// The gym's commands end to end on an exercise that needs no engine (from GYM_EXERCISES): start, check,
/// hint, status, reset, and watch picking up a fix.
@Suite("gym commands")
struct GymCommandTests {
    /// An exercise directory with one check that needs no engine.
    static func exercises() throws -> URL {
        let broken = "FROM debian:bookworm-slim\nCOPY\n"
        let fixed = "FROM debian:bookworm-slim\nCOPY app.txt /app.txt\n"
        let yaml = """
            slug: tiny
            title: Tiny
            focus: A Dockerfile that parses
            story: Fix the COPY line.
            hints:
              - COPY needs a source and a destination.
            checks:
              - kind: dockerfile-parses
            """
        // one that needs the engine too: with none answering, gym cannot grade it (exit 2, not a failure)
        let sized = """
            slug: tiny-image
            title: Tiny image
            focus: A small image
            story: Keep it small.
            checks:
              - kind: dockerfile-parses
              - kind: image-size
                max-mb: 200
            """
        return try GymBinary.scratch([
            "tiny/exercise.yaml": yaml, "tiny/starter/Dockerfile": broken, "tiny/starter/app.txt": "hi\n",
            "tiny/solution/Dockerfile": fixed, "tiny-image/exercise.yaml": sized,
            "tiny-image/starter/Dockerfile": fixed, "tiny-image/starter/app.txt": "hi\n",
            "tiny-image/solution/Dockerfile": fixed,
        ])
    }

    /// Without --db and GYM_HOME, progress goes under `$HOME/.gym`: two accounts (or test runs) with their own
    /// HOME never share one database.
    @Test func stateFollowsHome() throws {
        let exercises = try Self.exercises()
        defer { try? FileManager.default.removeItem(at: exercises) }
        let homes = ["a", "b"].map { exercises.appendingPathComponent("home-\($0)").path }
        for home in homes {
            let space = home + "/ws"
            let env = ["GYM_EXERCISES": exercises.path, "HOME": home, "GYM_HOME": ""]
            let started = try GymBinary.run(["start", "tiny", "--workspace", space], environment: env)
            #expect(started.status == 0, "\(started.stderr)")
            #expect(FileManager.default.fileExists(atPath: home + "/.gym/gym.sqlite"))
        }
        let other = try GymBinary.run(
            ["status", "--workspace", homes[1] + "/ws"],
            environment: ["GYM_EXERCISES": exercises.path, "HOME": homes[1], "GYM_HOME": exercises.path + "/state"])
        #expect(other.status == 0)
        #expect(FileManager.default.fileExists(atPath: exercises.path + "/state/gym.sqlite"))
    }

    @Test func startCheckHintStatusResetAndWatch() throws {
        let exercises = try Self.exercises()
        defer { try? FileManager.default.removeItem(at: exercises) }
        let space = exercises.appendingPathComponent("ws").path
        let db = exercises.appendingPathComponent("gym.sqlite").path
        let options = ["--workspace", space, "--db", db]
        // the exercises come from the environment of the child processes only: other suites run beside this one
        let env = ["GYM_EXERCISES": exercises.path]
        func gym(_ arguments: [String]) throws -> GymBinary.Run { try GymBinary.run(arguments, environment: env) }

        #expect(try gym(["list"] + options).stdout.contains("tiny"))
        let started = try gym(["start", "tiny"] + options)
        #expect(started.status == 0 && started.stdout.contains("Fix the COPY line."))
        // the next commands work from where the learner stands: cd into the folder, or name the workspace
        #expect(
            started.stdout.contains("cd \(space)/tiny") || started.stdout.contains("cd '\(space)/tiny'"),
            "\(started.stdout)")
        #expect(started.stdout.contains("gym check tiny --workspace"), "\(started.stdout)")
        // with no engine answering, a check that needs one cannot run: exit 2 (gym cannot grade), not 1
        #expect(try gym(["start", "tiny-image"] + options).status == 0)
        let noEngine = try GymBinary.run(
            ["check", "tiny-image"] + options,
            environment: env.merging(["DOCKER_HOST": "unix:///nonexistent/gym-test.sock"]) { $1 })
        #expect(noEngine.status == 2 && noEngine.stderr.contains("no Docker engine answers"), "\(noEngine.stderr)")
        let failing = try gym(["check", "tiny", "--format", "json"] + options)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("\"passed\" : false"))
        #expect(try gym(["hint", "tiny"] + options).stdout.contains("hint 1 of 1 (the last one), -10 points"))
        // a hint already seen is shown again for free: asking five times still counts one
        for _ in 0..<4 {
            #expect(try gym(["hint", "tiny"] + options).stdout.contains("shown again, free"))
        }
        #expect(try gym(["hint", "tiny", "--again", "1"] + options).stdout.contains("(seen before, free)"))
        #expect(try gym(["hint", "tiny", "--again", "2"] + options).status == 64)
        let status = try gym(["status"] + options).stdout
        #expect(status.contains("0/1 checks") && status.contains("1/1"), "\(status)")
        // the same as JSON, for scripts and CI
        for command in ["status", "list"] {
            let json = try gym([command, "--format", "json"] + options)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(command)")
            let tiny = try #require(
                (document["exercises"] as? [[String: Any]])?.first { $0["slug"] as? String == "tiny" })
            #expect(tiny["state"] as? String == "0/1 checks" && tiny["hintsShown"] as? Int == 1, "\(command): \(tiny)")
            #expect(tiny["attempts"] as? Int == 1 && tiny["points"] as? Int == 100)
        }
        // summary is gym parse's format only
        #expect(try gym(["status", "--format", "summary"] + options).status == 64)
        #expect(try gym(["check", "nope"] + options).status == 2)

        // watch: fails first, then passes once the file is fixed, and exits 0
        let dockerfile = URL(fileURLWithPath: space).appendingPathComponent("tiny/Dockerfile")
        let watch = Process()
        watch.executableURL = GymBinary.executable
        watch.arguments = ["watch", "tiny", "--interval", "0.2"] + options
        watch.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let output = Pipe()
        watch.standardOutput = output
        watch.standardError = FileHandle.nullDevice
        try watch.run()
        Thread.sleep(forTimeInterval: 1.5)
        try "FROM debian:bookworm-slim\nCOPY app.txt /srv/app.txt\n".write(
            to: dockerfile, atomically: true, encoding: .utf8)
        let deadline = Date().addingTimeInterval(20)
        while watch.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if watch.isRunning { watch.terminate() }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(watch.terminationStatus == 0, "\(text)")
        #expect(text.contains("changed: checking again") && text.contains("All 1 checks pass"))
        #expect(try gym(["status"] + options).stdout.contains("done"))

        // reset keeps the learner's work in a backup
        let reset = try gym(["reset", "tiny"] + options)
        #expect(reset.status == 0 && reset.stdout.contains(".gym-backups/tiny-"))
        #expect(try String(contentsOf: dockerfile, encoding: .utf8).contains("COPY\n"))
    }
}
