import Context
import Dockerfile
import Engine
import Foundation
import TestSupport
import Testing

@testable import Bench

/// The cache predictor against the real BuildKit: build, change, rebuild, and compare every step.
@Suite(
    "Cache predictions on the real engine", .serialized, .dockerShared,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct CacheIntegrationTests {
    enum Change: Sendable {
        case write(String, String)
        case chmod(String, Int)
        case touch(String)
        case dockerfile(String)
    }

    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        var dockerfile: String
        var change: Change
        var network = "none"
        var target: String? = nil
        var argsBefore: [String: String] = [:]
        var argsAfter: [String: String] = [:]
        var testDescription: String { name }
    }

    static let badPython = CourseDockerfiles.badPython
    static let goodPython = CourseDockerfiles.goodPython
    static let python = ["app.py": "print('hi')\n", "requirements.txt": "six==1.16.0\n"]
    static let debian = "gym-local/debian:bookworm-slim"

    static let scenarios: [Scenario] = [
        Scenario(
            name: "BAD python, code change", files: python, dockerfile: badPython,
            change: .write("app.py", "print('changed')\n"), network: "host"),
        Scenario(
            name: "GOOD python, code change", files: python, dockerfile: goodPython,
            change: .write("app.py", "print('changed')\n"), network: "host"),
        Scenario(
            name: "BAD python, requirements change", files: python, dockerfile: badPython,
            change: .write("requirements.txt", "six==1.16.0\n# pinned\n"), network: "host"),
        Scenario(
            name: "GOOD python, requirements change", files: python, dockerfile: goodPython,
            change: .write("requirements.txt", "six==1.16.0\n# pinned\n"), network: "host"),
        Scenario(
            name: "node app, source change",
            files: [
                "package.json": #"{"name":"app","version":"1.0.0","private":true}"# + "\n",
                "package-lock.json":
                    #"{"name":"app","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"app","version":"1.0.0"}}}"#
                    + "\n",
                "index.js": "console.log('hi')\n",
            ],
            dockerfile:
                "FROM gym-local/node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --offline\nCOPY . .\nCMD [\"node\", \"index.js\"]\n",
            change: .write("index.js", "console.log('changed')\n")),
        Scenario(
            name: "go multi-stage, source change",
            files: [
                "go.mod": "module example.com/app\n\ngo 1.19\n",
                "main.go": "package main\n\nfunc main() { println(\"hi\") }\n",
            ],
            dockerfile: """
                FROM gym-local/golang:1.19 AS build
                WORKDIR /src
                COPY go.mod ./
                RUN go mod download
                COPY . .
                RUN go build -o /out/app .
                FROM \(debian)
                COPY --from=build /out/app /usr/local/bin/app
                RUN ls -l /usr/local/bin/app
                """,
            change: .write("main.go", "package main\n\nfunc main() { println(\"changed\") }\n")),
        Scenario(
            name: "change to a file .dockerignore excludes",
            files: ["app.sh": "echo hi\n", "notes.md": "a\n", ".dockerignore": "*.md\n"],
            dockerfile: "FROM \(debian)\nCOPY . /app\nRUN ls /app\n", change: .write("notes.md", "b\n")),
        Scenario(
            name: "change inside a copied subdirectory",
            files: ["src/lib/a.sh": "a\n", "src/main.sh": "m\n", "other.txt": "o\n"],
            dockerfile: "FROM \(debian)\nCOPY other.txt /o\nCOPY src/ /app/src/\nRUN ls -R /app\n",
            change: .write("src/lib/a.sh", "changed\n")),
        Scenario(
            name: "ARG change (build arg, not referenced by RUN)", files: ["a.txt": "a\n"],
            dockerfile: "FROM \(debian)\nCOPY a.txt /a.txt\nARG VERSION=1\nRUN echo hello\n", change: .touch("a.txt"),
            argsBefore: ["VERSION": "1"], argsAfter: ["VERSION": "2"]),
        Scenario(
            name: "ENV change", files: ["a.txt": "a\n"],
            dockerfile: "FROM \(debian)\nENV MODE=dev\nCOPY a.txt /a.txt\nRUN echo $MODE\n",
            change: .dockerfile("FROM \(debian)\nENV MODE=prod\nCOPY a.txt /a.txt\nRUN echo $MODE\n")),
        Scenario(
            name: "heredoc RUN body change", files: ["a.txt": "a\n"],
            dockerfile: "FROM \(debian)\nCOPY a.txt /a.txt\nRUN <<EOF\necho one\nEOF\nRUN echo after\n",
            change: .dockerfile("FROM \(debian)\nCOPY a.txt /a.txt\nRUN <<EOF\necho two\nEOF\nRUN echo after\n")),
        Scenario(
            name: "bind-mounted file change", files: ["config.txt": "a\n", "other.txt": "o\n"],
            dockerfile:
                "FROM \(debian)\nCOPY other.txt /o\nRUN --mount=type=bind,source=config.txt,target=/c.txt cat /c.txt\nRUN echo done\n",
            change: .write("config.txt", "b\n")),
        Scenario(
            name: "change only a stage the target does not need", files: ["docs/a.md": "a\n", "app/main.sh": "m\n"],
            dockerfile:
                "FROM \(debian) AS docs\nCOPY docs /docs\nRUN ls /docs\nFROM \(debian) AS app\nCOPY app /app\nRUN ls /app\n",
            change: .write("docs/a.md", "b\n"), target: "app"),
        Scenario(
            name: "chmod-only change", files: ["run.sh": "echo hi\n", "b.txt": "b\n"],
            dockerfile: "FROM \(debian)\nCOPY b.txt /b.txt\nCOPY run.sh /run.sh\nRUN ls -l /run.sh\n",
            change: .chmod("run.sh", 0o755)),
        Scenario(
            name: "touch changes only mtime", files: ["run.sh": "echo hi\n"],
            dockerfile: "FROM \(debian)\nCOPY run.sh /run.sh\nRUN cat /run.sh\n", change: .touch("run.sh")),
        Scenario(
            name: "LABEL change is metadata only", files: ["a.txt": "a\n"],
            dockerfile: "FROM \(debian)\nLABEL version=1\nCOPY a.txt /a\nRUN cat /a\n",
            change: .dockerfile("FROM \(debian)\nLABEL version=2\nCOPY a.txt /a\nRUN cat /a\n")),
        // found by the differential harness (seed 20261201, #6 and #9): a stage built on another stage has no
        // FROM vertex of its own, so BuildKit numbers its steps from the first instruction after FROM
        Scenario(
            name: "a stage built on another stage, file change", files: ["a.txt": "a\n", "b.txt": "b\n"],
            dockerfile:
                "FROM \(debian) AS s0\nRUN echo s0\n\nFROM s0 AS s1\nRUN echo first\nCOPY . /ctx/\nRUN ls /ctx\n",
            change: .write("b.txt", "changed\n")),
    ]

    func build(_ dir: URL, _ scenario: Scenario, args: [String: String]) throws -> [BuildStep] {
        let request = BuildRequest(
            context: dir.path, dockerfile: dir.appendingPathComponent("Dockerfile").path, target: scenario.target,
            buildArgs: args, network: scenario.network)
        return try DockerBuilder().buildForMeasurement(request).steps.filter { $0.isInstruction && !$0.isFrom }
    }

    /// A disagreement is measured once more with fresh keys before it fails the test: the prediction is the
    /// same every time, so a model error disagrees again, while BuildKit's one-off loss of a step's cache
    /// record under load does not (seen once in a clean-clone rehearsal: a WORKDIR of the run's own key ran
    /// again in the rebuild). The first disagreement is logged either way.
    @Test("prediction matches BuildKit step by step", arguments: scenarios)
    func scenario(_ scenario: Scenario) throws {
        var outcome = try measure(scenario)
        if !outcome.agrees {
            FileHandle.standardError.write(
                Data(
                    "cache scenario \(scenario.name): disagreed once, measured again: \(outcome.disagreements)\n".utf8
                ))
            outcome = try measure(scenario)
        }
        #expect(outcome.agrees, "\(outcome.disagreements.joined(separator: "\n"))")
    }

    /// Builds the scenario's files with a fresh nonce, makes its change, predicts and rebuilds: the comparison.
    func measure(_ scenario: Scenario) throws -> DifferentialOutcome {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        // cache keys of this run's own: nothing an earlier build made can answer, and no other cache is pruned
        let nonce = RunNonce.fresh()
        let dockerfile = try RunNonce.keyed(scenario.dockerfile, nonce: nonce)
        for (path, content) in scenario.files.merging(["Dockerfile": dockerfile], uniquingKeysWith: { $1 }) {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        let dockerfilePath = dir.appendingPathComponent("Dockerfile").path
        _ = try build(dir, scenario, args: scenario.argsBefore)
        let before = BuildState(
            dockerfile: try Dockerfile.parse(contentsOfFile: dockerfilePath),
            context: try ContextSnapshot.scan(directory: dir.path, dockerfile: dockerfilePath),
            buildArgs: scenario.argsBefore)

        let fm = FileManager.default
        switch scenario.change {
        case .write(let path, let content):
            try content.write(to: dir.appendingPathComponent(path), atomically: false, encoding: .utf8)
        case .chmod(let path, let mode):
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: dir.appendingPathComponent(path).path)
        case .touch(let path):
            try fm.setAttributes(
                [.modificationDate: Date().addingTimeInterval(3600)],
                ofItemAtPath: dir.appendingPathComponent(path).path)
        case .dockerfile(let text):
            try RunNonce.keyed(text, nonce: nonce).write(toFile: dockerfilePath, atomically: false, encoding: .utf8)
        }
        let after = BuildState(
            dockerfile: try Dockerfile.parse(contentsOfFile: dockerfilePath),
            context: try ContextSnapshot.scan(directory: dir.path, dockerfile: dockerfilePath),
            buildArgs: scenario.argsAfter)
        let prediction = try CachePredictor.predict(before: before, after: after, target: scenario.target)
        let actual = try build(dir, scenario, args: scenario.argsAfter)

        #expect(!actual.isEmpty)
        // the harness's own step-by-step comparison: a hit must be CACHED, a miss must run, depends is either
        return CacheDifferential().compare(
            prediction, actual, stages: after.dockerfile.stages, scenario: scenario.name)
    }
}
