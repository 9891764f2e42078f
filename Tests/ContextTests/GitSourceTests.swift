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
        #expect(clean.entries["app.py"] == two.entries["app.py"])
        try fixture.chmod("requirements.txt", 0o755)
        let chmodded = try GitSource.workingTree(directory: fixture.path, dockerfile: fixture.path + "/Dockerfile")
        let afterChmod = try CachePredictor.predict(
            before: BuildState(dockerfile: dockerfile, context: two),
            after: BuildState(dockerfile: dockerfile, context: chmodded))
        #expect(afterChmod.steps[1].prediction == .miss)
        #expect(afterChmod.steps[1].cause == "requirements.txt mode changed (644 → 755)")
    }
}
