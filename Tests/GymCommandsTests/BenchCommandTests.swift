import Foundation
import TestSupport
import Testing

/// `gym bench` and `gym doctor` end to end on the real engine.
@Suite(
    "bench and doctor commands", .serialized, .dockerShared,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct BenchCommandTests {
    @Test func doctorFindsTheEngineAndBaseImages() throws {
        let run = try GymBinary.run(["doctor", "--format", "json"])
        #expect(run.status == 0)
        let checks = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let engine = try #require(checks.first { $0["name"] as? String == "docker engine" })
        #expect(engine["ok"] as? Bool == true)
        #expect(
            checks.contains {
                $0["name"] as? String == "base image gym-local/python:3.11-slim" && $0["ok"] as? Bool == true
            })
    }

    @Test func benchJSONHasEveryScenarioField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-bench-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "FROM gym-local/debian:bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN cat /app/main.sh\n".write(
            to: dir.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        try "echo hi\n".write(to: dir.appendingPathComponent("main.sh"), atomically: true, encoding: .utf8)
        let db = dir.path + "-history.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        let run = try GymBinary.run(["bench", dir.path, "--scenario", "warm,code,deps", "--format", "json", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["scenario"] as? String } == ["warm", "code", "deps"])
        let warm = entries[0]
        for key in ["dockerfile", "scenario", "wallSeconds", "stepsCached", "stepsExecuted", "steps"] {
            #expect(warm[key] != nil, "missing \(key)")
        }
        #expect(warm["stepsExecuted"] as? Int == 0)
        #expect((entries[1]["changedFile"] as? String) == "main.sh")
        #expect(entries[2]["skipped"] as? String != nil)  // no manifest in this context
        #expect(FileManager.default.fileExists(atPath: db))
    }

    @Test func badOptionsAreUsageErrors() throws {
        #expect(try GymBinary.run(["bench", ".", "--network", "bridge"]).status == 64)
        #expect(try GymBinary.run(["bench", ".", "--runs", "0"]).status == 64)
        #expect(try GymBinary.run(["bench", "no/such/dir"]).status == 2)
    }
}
