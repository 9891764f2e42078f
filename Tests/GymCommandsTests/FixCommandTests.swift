import Foundation
import TestSupport
import Testing

/// `gym fix` as a user runs it.
struct FixCommandTests {
    @Test func diffCheckWriteAndList() throws {
        let directory = try GymBinary.scratch([
            "Dockerfile":
                "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python app.py\n"
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Dockerfile").path

        let diff = try GymBinary.run(["fix", file])
        #expect(diff.status == 0)
        for line in [
            "-RUN pip install -r requirements.txt", "+RUN pip install --no-cache-dir -r requirements.txt",
            "+CMD [\"python\", \"app.py\"]", "+USER 65534:65534",
            "--- /dev/null\n+++ \(directory.path)/.dockerignore", "+Dockerfile*",
        ] {
            #expect(diff.stdout.contains(line), "\(line) not in \(diff.stdout)")
        }
        #expect(
            diff.stderr.contains("would apply pip-no-cache-dir") && diff.stderr.contains("would create")
                && diff.stderr.contains("left for a person"), "\(diff.stderr)")
        #expect(
            try String(contentsOfFile: file, encoding: .utf8).contains("RUN pip install -r"), "the file is untouched")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/.dockerignore"))

        #expect(try GymBinary.run(["fix", file, "--check"]).status == 1)
        let written = try GymBinary.run(["fix", directory.path, "--write"])
        #expect(written.status == 0 && written.stderr.contains("applied exec-form"), "\(written.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("CMD [\"python\", \"app.py\"]"))
        #expect(try String(contentsOfFile: file + ".bak", encoding: .utf8).contains("CMD python app.py"))
        #expect(try String(contentsOfFile: directory.path + "/.dockerignore", encoding: .utf8).contains("Dockerfile*"))
        let clean = try GymBinary.run(["fix", file, "--check", "--format", "json"])
        #expect(clean.status == 0 && clean.stdout.contains("\"changed\" : false"), "\(clean.stdout)")

        let list = try GymBinary.run(["fix", "--list"])
        #expect(list.status == 0 && list.stdout.split(separator: "\n").count == 11)
        #expect(
            list.stdout.contains(
                "apt-update-with-install: run apt-get update in the RUN that installs (removes apt-update-alone)"))
        #expect(list.stdout.contains("pip-no-cache-dir: add --no-cache-dir to pip install (removes pip-no-cache-dir)"))

        let broken = try GymBinary.scratch(["Dockerfile": "FROM debian:12\nRUN <<EOF\nnever ends\n"])
        defer { try? FileManager.default.removeItem(at: broken) }
        let refused = try GymBinary.run(["fix", broken.path])
        #expect(refused.status == 2 && refused.stderr.contains("nothing was rewritten"), "\(refused.stderr)")
    }

    /// In an exercise's folder the learner has not passed, gym fix would print the answer: it refuses, and
    /// `--reveal` shows it and records the reveal, which gym status shows.
    @Test func anUnpassedExerciseIsNotSolvedForFree() throws {
        let root = try GymBinary.scratch([:])
        defer { try? FileManager.default.removeItem(at: root) }
        let db = root.appendingPathComponent("gym.sqlite").path
        let options = ["--workspace", root.path, "--db", db]
        #expect(try GymBinary.run(["start", "layer-detective"] + options).status == 0)
        let folder = root.appendingPathComponent("layer-detective").path
        let refused = try GymBinary.run(["fix", folder, "--db", db])
        #expect(refused.status == 2 && refused.stdout.isEmpty, "\(refused.stdout)")
        #expect(refused.stderr.contains("not passed yet") && refused.stderr.contains("--reveal"), "\(refused.stderr)")
        #expect(!(try GymBinary.run(["status"] + options).stdout.contains("revealed")))
        let revealed = try GymBinary.run(["fix", folder, "--db", db, "--reveal"])
        #expect(revealed.status == 0 && revealed.stdout.contains("requirements.txt"), "\(revealed.stdout)")
        #expect(try GymBinary.run(["status"] + options).stdout.contains("(answer revealed by gym fix)"))
        // outside an exercise's folder nothing changes and no database is written
        let elsewhere = try GymBinary.scratch(["Dockerfile": "FROM python:3.11-slim\nCOPY . .\n"])
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let other = elsewhere.appendingPathComponent("gym.sqlite").path
        #expect(try GymBinary.run(["fix", elsewhere.path, "--db", other]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: other))
    }
}
