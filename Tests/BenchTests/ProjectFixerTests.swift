import Dockerfile
import Foundation
import Lint
import TestSupport
import Testing

@testable import Bench

/// `gym fix` on a project: the `.dockerignore` it adds keeps out what `gym context --suggest` finds, except
/// what the Dockerfile copies by name; an existing one is never replaced.
struct ProjectFixerTests {
    /// When a verified rewrite is rolled back, the fixes that change how the image runs are suspected first.
    @Test func theFixesThatChangeTheRunAreSuspectedFirst() {
        #expect(
            ProjectFixer.suspects(["apt-lists-removed", "maintainer-label", "exec-form", "non-root-user"]) == [
                "non-root-user", "exec-form", "apt-lists-removed", "maintainer-label",
            ])
        // every fix is in the order somewhere, a new one last
        #expect(
            Set(ProjectFixer.suspects(FixCatalog.all.map(\.description.id)))
                == Set(FixCatalog.all.map(\.description.id)))
    }

    @Test func theDockerignoreLeavesOutWhatTheDockerfileCopies() throws {
        let directory = try GymBinary.scratch([
            "Dockerfile":
                "FROM python:3.11-slim\nCOPY dist/app.whl /tmp/\nCOPY . /app\nCMD [\"python\", \"/app/app.py\"]\n",
            "app.py": "print('hi')\n", "dist/app.whl": "wheel", ".git/HEAD": "ref: refs/heads/main\n",
            "pkg/__pycache__/m.pyc": "x", ".env": "SECRET=1\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try ProjectFixer.fix(file: directory.appendingPathComponent("Dockerfile").path)
        let created = try #require(outcome.created.first)
        #expect(created.path == directory.path + "/.dockerignore")
        let patterns = created.text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(patterns.contains(".git") && patterns.contains("**/__pycache__") && patterns.contains(".env"))
        #expect(!patterns.contains("dist"), "the Dockerfile copies dist/app.whl: \(patterns)")
        #expect(created.reason.contains("not dist"), "\(created.reason)")
        #expect(!outcome.remaining.contains { $0.rule == "missing-dockerignore" })
        // the text parses as BuildKit reads .dockerignore, and the build still gets what it copies
        let matcher = try IgnoreMatcher(dockerignore: created.text)
        #expect(matcher.excludes(".git/HEAD") && !matcher.excludes("dist/app.whl") && !matcher.excludes("app.py"))

        // a .dockerignore that appeared after the fix was computed is not replaced, and the Dockerfile is
        // not rewritten either
        let dockerfile = directory.appendingPathComponent("Dockerfile").path
        try "mine\n".write(toFile: created.path, atomically: true, encoding: .utf8)
        #expect(throws: LintError.changedSinceRead(path: created.path)) { try Fixer.write(outcome) }
        #expect(try String(contentsOfFile: created.path, encoding: .utf8) == "mine\n")
        #expect(try String(contentsOfFile: dockerfile, encoding: .utf8) == outcome.original)

        try FileManager.default.removeItem(atPath: created.path)
        try Fixer.write(outcome)
        #expect(try String(contentsOfFile: created.path, encoding: .utf8) == created.text)
        #expect(try String(contentsOfFile: dockerfile, encoding: .utf8) == outcome.fixed)
        // the next run finds it and adds nothing
        #expect(try ProjectFixer.fix(file: dockerfile).created.isEmpty)
    }
}
