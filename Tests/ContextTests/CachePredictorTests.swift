import Dockerfile
import Testing

@testable import Context

/// The cache rules of DESIGN.md, one by one, over contexts built in the tests.
struct CachePredictorTests {
    static func entries(_ files: [String: String], modes: [String: UInt32] = [:]) -> ContextSnapshot {
        var map: [String: ContextEntry] = [:]
        for (path, content) in files {
            map[path] = ContextEntry(
                path: path, kind: .file, size: Int64(content.utf8.count), mode: modes[path] ?? 0o644,
                digest: "xxh64:" + String(XXHash64.hash(Array(content.utf8)), radix: 16))
        }
        return ContextSnapshot(entries: map, ignore: try! IgnoreMatcher(patterns: []))
    }

    static func predict(
        _ dockerfile: String, _ before: [String: String], _ after: [String: String], afterDockerfile: String? = nil,
        modes: [String: UInt32] = [:], argsBefore: [String: String] = [:], argsAfter: [String: String] = [:],
        target: String? = nil
    ) throws -> [String: CacheOutcome] {
        let prediction = try CachePredictor.predict(
            before: BuildState(dockerfile: try .parse(dockerfile), context: entries(before), buildArgs: argsBefore),
            after: BuildState(
                dockerfile: try .parse(afterDockerfile ?? dockerfile), context: entries(after, modes: modes),
                buildArgs: argsAfter),
            target: target)
        return Dictionary(prediction.steps.map { ("\($0.line)", $0.prediction) }, uniquingKeysWith: { a, _ in a })
    }

    static let bad =
        "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"
    static let good =
        "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"
    static let files = ["app.py": "print(1)", "requirements.txt": "flask==3.0.3"]

    /// Two stages on one base that start alike: building the second after the first answers its common steps
    /// from the first's (the same key), up to the first step that differs.
    @Test func aStageNotBuiltBeforeSharesStepsWithAnotherStage() throws {
        let dockerfile = """
            FROM debian AS a
            RUN apt-get update
            RUN echo a

            FROM debian AS b
            RUN apt-get update
            RUN echo b
            RUN echo after
            """
        let prediction = try CachePredictor.predict(
            before: BuildState(dockerfile: try .parse(dockerfile), context: Self.entries([:]), buildArgs: [:]),
            after: BuildState(dockerfile: try .parse(dockerfile), context: Self.entries([:]), buildArgs: [:]),
            target: "b", targetBefore: .some("a"))
        let outcomes = prediction.steps.map { "\($0.line) \($0.prediction)" }
        #expect(outcomes == ["5 hit", "6 hit", "7 miss", "8 miss"])
        #expect(prediction.steps[1].cause == "the same step on the same parent was built in stage a")
    }

    @Test func copyOfEverythingMissesAndTheRestFollows() throws {
        let p = try Self.predict(Self.bad, Self.files, ["app.py": "print(2)", "requirements.txt": "flask==3.0.3"])
        #expect(p == ["1": .hit, "2": .hit, "3": .miss, "4": .miss, "5": .miss])
    }

    @Test func copyOfTheManifestDoesNotCareAboutSource() throws {
        let p = try Self.predict(Self.good, Self.files, ["app.py": "print(2)", "requirements.txt": "flask==3.0.3"])
        #expect(p == ["1": .hit, "2": .hit, "3": .hit, "4": .hit, "5": .miss, "6": .miss])
    }

    @Test func modeCountsAndMtimeDoesNot() throws {
        let chmod = try Self.predict(Self.good, Self.files, Self.files, modes: ["app.py": 0o755])
        #expect(chmod["5"] == .miss)
        let same = try Self.predict(Self.good, Self.files, Self.files)
        #expect(same.values.allSatisfy { $0 == .hit })
    }

    @Test func runKeysOnDeclaredArgsReferencedOrNot() throws {
        let dockerfile = "FROM alpine\nCOPY a /a\nARG VERSION=1\nRUN echo hello\n"
        let p = try Self.predict(
            dockerfile, ["a": "x"], ["a": "x"], argsBefore: ["VERSION": "1"], argsAfter: ["VERSION": "2"])
        #expect(p["2"] == .hit)
        #expect(p["4"] == .miss)
        let undeclared = try Self.predict(
            "FROM alpine\nRUN echo hello\n", [:], [:], argsBefore: ["X": "1"], argsAfter: ["X": "2"])
        #expect(undeclared["2"] == .hit)
    }

    @Test func envChangesLaterRunsButNotCopies() throws {
        let before = "FROM alpine\nENV MODE=dev\nCOPY a /a\nRUN echo hi\n"
        let after = "FROM alpine\nENV MODE=prod\nCOPY a /a\nRUN echo hi\n"
        let p = try Self.predict(before, ["a": "x"], ["a": "x"], afterDockerfile: after)
        #expect(p["3"] == .hit)
        #expect(p["4"] == .miss)
    }

    @Test func labelIsMetadataOnly() throws {
        let p = try Self.predict(
            "FROM alpine\nLABEL v=1\nRUN echo hi\n", [:], [:], afterDockerfile: "FROM alpine\nLABEL v=2\nRUN echo hi\n")
        #expect(p["3"] == .hit)
    }

    @Test func copyFromARebuiltStageDepends() throws {
        let dockerfile =
            "FROM golang AS build\nCOPY . /src\nRUN go build\nFROM alpine\nCOPY --from=build /app /app\nRUN true\n"
        let p = try Self.predict(dockerfile, ["main.go": "1"], ["main.go": "2"])
        #expect(p["2"] == .miss)
        #expect(p["5"] == .depends)
        #expect(p["6"] == .depends)
        let unchanged = try Self.predict(dockerfile, ["main.go": "1"], ["main.go": "1"])
        #expect(unchanged["5"] == .hit)
    }

    @Test func stagesTheTargetDoesNotNeedAreNotBuilt() throws {
        let dockerfile = "FROM alpine AS docs\nCOPY docs /docs\nFROM alpine AS app\nCOPY app /app\n"
        let prediction = try CachePredictor.predict(
            before: BuildState(
                dockerfile: try .parse(dockerfile), context: Self.entries(["docs/a": "1", "app/b": "1"])),
            after: BuildState(
                dockerfile: try .parse(dockerfile), context: Self.entries(["docs/a": "2", "app/b": "1"])),
            target: "app")
        #expect(prediction.steps.allSatisfy { $0.stage == "app" && $0.prediction == .hit })
    }

    @Test func bindMountedFilesCount() throws {
        let dockerfile = "FROM alpine\nRUN --mount=type=bind,source=config.txt,target=/c cat /c\n"
        #expect(
            try Self.predict(dockerfile, ["config.txt": "a", "x": "1"], ["config.txt": "b", "x": "1"])["2"] == .miss)
        #expect(
            try Self.predict(dockerfile, ["config.txt": "a", "x": "1"], ["config.txt": "a", "x": "2"])["2"] == .hit)
    }

    @Test func heredocBodyIsPartOfTheKey() throws {
        let p = try Self.predict(
            "FROM alpine\nRUN <<EOF\necho one\nEOF\n", [:], [:],
            afterDockerfile: "FROM alpine\nRUN <<EOF\necho two\nEOF\n")
        #expect(p["2"] == .miss)
    }

    @Test func causesAndSuggestionInPlainWords() throws {
        let prediction = try CachePredictor.predict(
            before: BuildState(dockerfile: try .parse(Self.bad), context: Self.entries(Self.files)),
            after: BuildState(
                dockerfile: try .parse(Self.bad),
                context: Self.entries(["app.py": "print(2)", "requirements.txt": "flask==3.0.3"])))
        let copy = try #require(prediction.steps.first { $0.line == 3 })
        #expect(copy.cause == "app.py changed")
        let run = try #require(prediction.steps.first { $0.line == 4 })
        #expect(run.cause?.contains("follows the miss of COPY . . (line 3)") == true)
        #expect(prediction.suggestions.first?.contains("Copy requirements.txt first") == true)
        let base = try CachePredictor.predict(
            before: BuildState(dockerfile: try .parse("FROM python:3.11-slim\nRUN x\n"), context: Self.entries([:])),
            after: BuildState(dockerfile: try .parse("FROM python:3.12-slim\nRUN x\n"), context: Self.entries([:])))
        #expect(base.steps[0].cause == "base changed: python:3.11-slim → python:3.12-slim")
    }
}
