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
        #expect(
            diff.stdout.hasSuffix(
                """
                @@ -1,5 +1,5 @@
                 FROM python:3.11-slim
                 WORKDIR /app
                 COPY . .
                -RUN pip install -r requirements.txt
                -CMD python app.py
                +RUN pip install --no-cache-dir -r requirements.txt
                +CMD ["python", "app.py"]

                """), "\(diff.stdout)")
        #expect(diff.stderr.contains("would apply pip-no-cache-dir") && diff.stderr.contains("left for a person"))
        #expect(
            try String(contentsOfFile: file, encoding: .utf8).contains("RUN pip install -r"), "the file is untouched")

        #expect(try GymBinary.run(["fix", file, "--check"]).status == 1)
        let written = try GymBinary.run(["fix", directory.path, "--write"])
        #expect(written.status == 0 && written.stderr.contains("applied exec-form"), "\(written.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("CMD [\"python\", \"app.py\"]"))
        #expect(try String(contentsOfFile: file + ".bak", encoding: .utf8).contains("CMD python app.py"))
        let clean = try GymBinary.run(["fix", file, "--check", "--format", "json"])
        #expect(clean.status == 0 && clean.stdout.contains("\"changed\" : false"), "\(clean.stdout)")

        let list = try GymBinary.run(["fix", "--list"])
        #expect(list.status == 0 && list.stdout.split(separator: "\n").count == 7)
        #expect(list.stdout.contains("pip-no-cache-dir: add --no-cache-dir to pip install (removes pip-no-cache-dir)"))

        let broken = try GymBinary.scratch(["Dockerfile": "FROM debian:12\nRUN <<EOF\nnever ends\n"])
        defer { try? FileManager.default.removeItem(at: broken) }
        let refused = try GymBinary.run(["fix", broken.path])
        #expect(refused.status == 2 && refused.stderr.contains("nothing was rewritten"), "\(refused.stderr)")
    }
}
