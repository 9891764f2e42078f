import Dockerfile
import Foundation
import Testing

@testable import Context

/// States read from git revisions, compared with each other and with the working tree.
struct GitSourceTests {
    func git(_ args: [String], in dir: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", dir, "-c", "user.email=gym@example.com", "-c", "user.name=gym"] + args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(args)")
    }

    @Test func revisionToRevisionAndToTheWorkingTree() throws {
        let fixture = try ContextFixture([
            "Dockerfile": "FROM alpine\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
            "requirements.txt": "six\n", "app.py": "1\n", "notes.md": "x\n", ".dockerignore": "*.md\n",
        ])
        defer { fixture.remove() }
        try git(["init", "-q"], in: fixture.path)
        try git(["add", "."], in: fixture.path)
        try git(["commit", "-q", "-m", "one"], in: fixture.path)
        try fixture.write("app.py", "2\n")
        try fixture.write("notes.md", "y\n")
        try git(["commit", "-q", "-am", "two"], in: fixture.path)

        let one = try GitSource.snapshot(revision: "HEAD~1", directory: fixture.path, dockerfile: "Dockerfile")
        let two = try GitSource.snapshot(revision: "HEAD", directory: fixture.path, dockerfile: "Dockerfile")
        #expect(one.entries["notes.md"] == nil)
        #expect(one.entries["app.py"]?.digest == "git:" + SHA1.gitBlobID(Array("1\n".utf8)))
        let dockerfile = try Dockerfile.parse(
            try #require(GitSource.show("HEAD", path: "Dockerfile", in: fixture.path)))
        let prediction = try CachePredictor.predict(
            before: BuildState(dockerfile: dockerfile, context: one),
            after: BuildState(dockerfile: dockerfile, context: two))
        #expect(prediction.steps.map(\.prediction) == [.hit, .hit, .hit, .miss])

        // working tree vs HEAD: nothing changed until a chmod
        let clean = try GitSource.workingTree(directory: fixture.path, dockerfile: fixture.path + "/Dockerfile")
        // the same blob id and mode (a revision's sizes are not read)
        #expect(clean.entries["app.py"]?.digest == two.entries["app.py"]?.digest)
        #expect(clean.entries["app.py"]?.mode == two.entries["app.py"]?.mode)
        try fixture.chmod("requirements.txt", 0o755)
        let chmodded = try GitSource.workingTree(directory: fixture.path, dockerfile: fixture.path + "/Dockerfile")
        let afterChmod = try CachePredictor.predict(
            before: BuildState(dockerfile: dockerfile, context: two),
            after: BuildState(dockerfile: dockerfile, context: chmodded))
        #expect(afterChmod.steps[1].prediction == .miss)
        #expect(afterChmod.steps[1].cause == "requirements.txt mode changed (644 → 755)")
    }

    /// The held-out misses: a context holding the repository's own .git (no .dockerignore entry) and untracked
    /// files. Compared with HEAD, nothing changed: every step hits, as BuildKit hits given the same context
    /// twice. After a commit, .git did change, so `COPY . .` misses, with advice to ignore .git.
    @Test func gitDirectoryAndUntrackedFilesAreInBothStates() throws {
        let fixture = try ContextFixture([
            "Dockerfile": "FROM alpine\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
            "requirements.txt": "six\n", "app.py": "1\n",
        ])
        defer { fixture.remove() }
        try git(["init", "-q"], in: fixture.path)
        try git(["add", "."], in: fixture.path)
        try git(["commit", "-q", "-m", "one"], in: fixture.path)
        try fixture.write("build.log", "untracked\n")

        let (before, after) = try ChangeStates.states(
            directory: fixture.path, dockerfile: "Dockerfile", change: .revisions(from: "HEAD", to: nil))
        #expect(before.context.entries.keys.contains { $0.hasPrefix(".git/") })
        #expect(before.context.entries["build.log"] == after.context.entries["build.log"])
        let unchanged = try CachePredictor.predict(before: before, after: after)
        #expect(unchanged.steps.map(\.prediction) == [.hit, .hit, .hit, .hit], "\(unchanged.steps.map(\.cause))")
        #expect(ChangeStates.gitSuggestions(unchanged).isEmpty)

        try fixture.write("app.py", "2\n")
        try git(["commit", "-q", "-am", "two"], in: fixture.path)
        for change in [ChangeStates.Change.revisions(from: "HEAD~1", to: "HEAD"), .revisions(from: "HEAD~1", to: nil)] {
            let (old, new) = try ChangeStates.states(directory: fixture.path, dockerfile: "Dockerfile", change: change)
            let prediction = try CachePredictor.predict(before: old, after: new)
            #expect(prediction.steps.map(\.prediction) == [.hit, .hit, .hit, .miss])
            #expect(
                prediction.steps[3].cause?.hasPrefix("app.py changed, .git/") == true,
                "\(prediction.steps[3].cause ?? "")")
            #expect(ChangeStates.gitSuggestions(prediction).first?.contains("add .git to .dockerignore") == true)
        }
        // the same commit on both sides: .git is the same
        let (same, sameAfter) = try ChangeStates.states(
            directory: fixture.path, dockerfile: "Dockerfile", change: .revisions(from: "HEAD", to: "HEAD"))
        #expect(try CachePredictor.predict(before: same, after: sameAfter).steps.allSatisfy { $0.prediction == .hit })
    }

    /// Found by the differential harness (seed 20261201, scenarios 6 and 9): BuildKit numbers the steps of a
    /// stage built on another stage without a FROM vertex, so `[s1 1/4]` is the first instruction after FROM.
    @Test func aStageBuiltOnAnotherStageNumbersItsStepsWithoutItsFrom() throws {
        let text = "FROM alpine AS s0\nRUN echo a\n\nFROM s0 AS s1\nRUN echo b\nCOPY . /c/\nRUN echo c\n"
        let fixture = try ContextFixture(["Dockerfile": text, "a.txt": "a\n"])
        defer { fixture.remove() }
        let state = BuildState(
            dockerfile: try Dockerfile.parse(text),
            context: try ContextSnapshot.scan(directory: fixture.path, dockerfile: fixture.path + "/Dockerfile"))
        let steps = try CachePredictor.predict(before: state, after: state).steps.filter(\.isBuildStep)
        let numbering = steps.map { "\($0.stage) \($0.position.map(String.init) ?? "-")/\($0.stageSteps ?? 0)" }
        #expect(numbering == ["s0 1/2", "s0 2/2", "s1 -/3", "s1 1/3", "s1 2/3", "s1 3/3"])
    }
}
