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
}
