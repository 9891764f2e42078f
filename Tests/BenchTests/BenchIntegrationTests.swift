import Engine
import Foundation
import Storage
import TestSupport
import Testing

@testable import Bench

/// Real builds on the real BuildKit: the course's BAD and GOOD Python Dockerfiles after a code change.
/// Every build carries a label of the suite's own run, so what it leaves is found on an engine other suites
/// share.
@Suite(
    "Bench on the real engine", .serialized, .dockerShared,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct BenchIntegrationTests {
    static let bad = CourseDockerfiles.badPython
    static let good = CourseDockerfiles.goodPython
    static let run = "org.containergym.test-run=\(UUID().uuidString)"
    static let engine = Engine.local.labelling(run)

    func context() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-lab1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "flask==3.0.3\n".write(
            to: dir.appendingPathComponent("requirements.txt"), atomically: true, encoding: .utf8)
        try "print('hello')\n".write(to: dir.appendingPathComponent("app.py"), atomically: true, encoding: .utf8)
        try Self.bad.write(to: dir.appendingPathComponent("Dockerfile.bad"), atomically: true, encoding: .utf8)
        try Self.good.write(to: dir.appendingPathComponent("Dockerfile.good"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("after a code change BAD reruns pip install and GOOD caches it")
    func codeChange() throws {
        let dir = try context()
        defer { try? FileManager.default.removeItem(at: dir) }
        // no prune: every edit a bench makes is new to BuildKit (twoBenchesInARow), and GOOD's warm build
        // caches its install whatever the cache held
        let runner = BenchRunner(builder: DockerBuilder(engine: Self.engine))
        var results: [String: ScenarioResult] = [:]
        for name in ["Dockerfile.bad", "Dockerfile.good"] {
            let options = BenchOptions(
                context: dir.path, dockerfile: dir.appendingPathComponent(name).path, scenarios: [.code], runs: 1,
                network: "host", touch: "app.py")
            let result = try #require(try runner.run(options).first)
            results[name] = result
        }
        func pip(_ name: String) throws -> StepTiming {
            try #require(results[name]?.median?.steps.first { $0.name.contains("RUN pip install") })
        }
        #expect(try pip("Dockerfile.bad").cached == false)
        #expect(try pip("Dockerfile.good").cached == true)
        #expect(results["Dockerfile.good"]?.median?.changedFile == "app.py")
        // every build was a measurement: no image of them is left in the engine
        #expect(try DockerEngine.imageIDs(label: Self.run).isEmpty)
        // the user's files were not touched
        #expect(try String(contentsOf: dir.appendingPathComponent("app.py"), encoding: .utf8) == "print('hello')\n")
    }

    @Test("the same bench twice: the second run's code change is a change BuildKit has not seen")
    func twoBenchesInARow() throws {
        let dir = try context()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runner = BenchRunner(builder: DockerBuilder(engine: Self.engine))
        let options = BenchOptions(
            context: dir.path, dockerfile: dir.appendingPathComponent("Dockerfile.bad").path, scenarios: [.code],
            runs: 1, network: "host", touch: "app.py")
        // no prune between the two: the second bench finds the first one's builds in the cache
        for attempt in 1...2 {
            let result = try #require(try runner.run(options).first)
            let pip = try #require(result.median?.steps.first { $0.name.contains("RUN pip install") })
            #expect(!pip.cached, "bench \(attempt): BAD's install after a code change came from the cache")
        }
    }

    @Test("cold, warm and deps scenarios, recorded in SQLite")
    func scenariosAndHistory() throws {
        let dir = try context()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dbPath = dir.appendingPathComponent("history/gym.sqlite").path
        let history = try BenchHistory(path: dbPath)
        let dockerfile = dir.appendingPathComponent("Dockerfile.good").path
        let runner = BenchRunner(builder: DockerBuilder(engine: Self.engine)) { scenario, result, changed in
            _ = try? history.record(
                result, builder: "docker", dockerfile: dockerfile, context: dir.path, scenario: scenario,
                changedFile: changed, benchRun: nil)
        }
        let results = try runner.run(
            BenchOptions(context: dir.path, dockerfile: dockerfile, scenarios: [.cold, .warm, .deps], network: "host"))
        #expect(results.map(\.scenario) == [.cold, .warm, .deps])
        #expect((results[0].median?.stepsExecuted ?? 0) >= 3)
        #expect(results[1].median?.stepsExecuted == 0)
        #expect(results[1].cacheHitRatio == 1)
        #expect(results[2].median?.changedFile == "requirements.txt")
        let pip = try #require(results[2].median?.steps.first { $0.name.contains("RUN pip install") })
        #expect(pip.cached == false)
        #expect((results[0].median?.imageSize ?? 0) > 0)
        let rows = try history.builds()
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.dockerfileDigest.hasPrefix("sha256:") })
        let steps = try rows.map { try history.steps(ofBuild: try #require($0.id)).count }.reduce(0, +)
        #expect(steps >= 9)
    }

    @Test("a failing build reports the failing step")
    func failure() throws {
        let dir = try context()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "FROM gym-local/debian:bookworm-slim\nRUN echo failing && exit 3\n".write(
            to: dir.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        do {
            _ = try DockerBuilder(engine: Self.engine).build(
                BuildRequest(context: dir.path, dockerfile: dir.appendingPathComponent("Dockerfile").path), onStep: nil)
            Issue.record("expected a failure")
        } catch {
            guard case .buildFailed(let step, let message, _) = error else { Issue.record("\(error)"); return }
            #expect(step?.contains("RUN echo failing && exit 3") == true)
            #expect(message.contains("exit code: 3"))
        }
    }
}
