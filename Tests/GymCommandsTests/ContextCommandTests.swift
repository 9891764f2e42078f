import Engine
import Foundation
import TestSupport
import Testing

@testable import Bench

/// `gym context` and `gym cache` end to end.
struct ContextCommandTests {
    func scratch(_ files: [String: String]) throws -> URL { try GymBinary.scratch(files) }

    @Test func cachePredictsTheCourseExample() throws {
        let run = try GymBinary.run(["cache", "examples/python-bad", "--changed", "app.py"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("MISS     COPY . ."))
        #expect(run.stdout.contains("app.py changed"))
        #expect(run.stdout.contains("follows the miss of COPY . . (line 4)"))
        #expect(run.stdout.contains("suggestion: RUN pip install -r requirements.txt (line 5) reruns"))
    }

    @Test func cacheJSONHasTheFieldsTheGymUses() throws {
        let run = try GymBinary.run([
            "cache", "examples/python-good", "--changed", "requirements.txt", "--format", "json",
        ])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let steps = try #require(document["steps"] as? [[String: Any]])
        #expect(steps.map { $0["prediction"] as? String } == ["hit", "hit", "miss", "miss", "miss", "miss"])
        #expect(steps.allSatisfy { $0["stage"] != nil && $0["line"] is Int && $0["instruction"] is String })
        #expect((steps[2]["cause"] as? String) == "requirements.txt changed")
    }

    @Test func cacheUsageErrors() throws {
        #expect(try GymBinary.run(["cache", "examples/python-good"]).status == 64)
        #expect(try GymBinary.run(["cache", "examples/python-good", "--to", "HEAD"]).status == 64)
        let notGit = try scratch(["Dockerfile": "FROM alpine\n"])
        defer { try? FileManager.default.removeItem(at: notGit) }
        let run = try GymBinary.run(["cache", notGit.path, "--from", "HEAD"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("not inside a git repository"))
    }

    @Test func contextReportsAndWritesWithoutLosingWork() throws {
        let dir = try scratch([
            "Dockerfile": "FROM alpine\nCOPY . /app\n", "app.py": "x", ".env": "SECRET=1", "node_modules/a/i.js": "1",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try GymBinary.run(["context", dir.path, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(json["files"] as? Int == 4)
        #expect(json["secrets"] as? [String] == [".env"])
        let tty = try GymBinary.run(["context", dir.path])
        #expect(tty.stdout.contains("look like secrets, and are sent:\n  ! .env"))
        #expect(try GymBinary.run(["context", dir.path, "--write"]).status == 0)
        let written = try String(contentsOf: dir.appendingPathComponent(".dockerignore"), encoding: .utf8)
        #expect(written.contains("node_modules"))
        let again = try GymBinary.run(["context", dir.path, "--write"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("pass --force"))
        #expect(try GymBinary.run(["context", dir.path, "--write", "--force"]).status == 0)
        #expect(try String(contentsOf: dir.appendingPathComponent(".dockerignore.bak"), encoding: .utf8) == written)
        let after = try GymBinary.run(["context", dir.path, "--format", "json"])
        let afterJSON = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        #expect((afterJSON["excludedFiles"] as? Int ?? 0) >= 2)
    }
}

/// `gym cache` reads the last recorded build from the history database to say what a miss costs.
struct CacheHistoryTests {
    @Test func missesSayHowLongTheStepTookLastBuild() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gym-cache-history-\(UUID().uuidString).sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: db) }
        let history = try BenchHistory(path: db)
        let steps = [
            BuildStep(
                vertex: 5, name: "[3/4] COPY . .", stage: nil, position: 3, stageSteps: 4, instruction: "COPY . .",
                cached: false, seconds: 0.2, error: nil, logs: []),
            BuildStep(
                vertex: 6, name: "[4/4] RUN pip install -r requirements.txt", stage: nil, position: 4, stageSteps: 4,
                instruction: "RUN pip install -r requirements.txt", cached: false, seconds: 41, error: nil, logs: []),
        ]
        try history.record(
            BuildResult(wallSeconds: 42, steps: steps, imageID: nil, imageSize: nil, succeeded: true, log: ""),
            builder: "docker",
            dockerfile: "examples/python-bad/Dockerfile", context: "examples/python-bad", scenario: .code,
            changedFile: "app.py",
            benchRun: nil)
        let run = try GymBinary.run(["cache", "examples/python-bad", "--changed", "app.py", "--db", db])
        #expect(
            run.stdout.contains("every later step of stage #0 misses with it (took 41.0 s last build)"), "\(run.stdout)"
        )
    }
}
