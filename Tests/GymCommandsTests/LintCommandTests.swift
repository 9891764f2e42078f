import Foundation
import TestSupport
import Testing

/// `gym lint` end to end: formats, thresholds, files that do not parse, directories.
struct LintCommandTests {
    func scratch(_ files: [String: String]) throws -> URL { try GymBinary.scratch(files) }

    @Test func ttyShowsCaretAndFixAndExitsOne() throws {
        let run = try GymBinary.run(["lint", "--no-color", "examples/python-bad/Dockerfile"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("examples/python-bad/Dockerfile:4:1: warning COPY . comes before the pip install"))
        #expect(run.stdout.contains("  4 | COPY . .\n    | ^~~~"))
        #expect(run.stdout.contains("fix: COPY requirements.txt"))
        #expect(!run.stdout.contains("\u{1B}["))
    }

    @Test func thresholdDecidesTheExitStatus() throws {
        let dir = try scratch([
            "Dockerfile": "FROM python:3.11-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n", "app.py": "",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let info = try GymBinary.run(["lint", "--failure-threshold", "info", dir.path])
        #expect(info.status == 1)  // no-user is info
        let warning = try GymBinary.run(["lint", "--failure-threshold", "warning", dir.path])
        #expect(warning.status == 0)
        let none = try GymBinary.run(["lint", "--failure-threshold", "none", "examples/python-bad/Dockerfile"])
        #expect(none.status == 0)
    }

    @Test func jsonFindingsHaveEveryField() throws {
        let run = try GymBinary.run(["lint", "--format", "json", "examples/python-bad/Dockerfile"])
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(!findings.isEmpty)
        for key in ["file", "line", "column", "endLine", "endColumn", "rule", "severity", "message", "fix"] {
            #expect(findings.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
    }

    @Test func sarifHasWhatGitHubCodeScanningRequires() throws {
        let run = try GymBinary.run(["lint", "--format", "sarif", "examples/python-bad/Dockerfile"])
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "gym")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.allSatisfy { $0["id"] is String && ($0["help"] as? [String: Any])?["text"] is String })
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        let ids = Set(rules.compactMap { $0["id"] as? String })
        for result in results {
            #expect(ids.contains(result["ruleId"] as? String ?? ""))
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            #expect((result["message"] as? [String: Any])?["text"] is String)
            let location = try #require(
                (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            #expect(
                (location["artifactLocation"] as? [String: Any])?["uri"] as? String == "examples/python-bad/Dockerfile")
            let region = try #require(location["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1)
        }
    }

    @Test func githubCheckstyleAndGitlabFormats() throws {
        let github = try GymBinary.run(["lint", "--format", "github", "examples/python-bad/Dockerfile"])
        #expect(
            github.stdout.contains(
                "::warning file=examples/python-bad/Dockerfile,line=4,col=1,endLine=4,endColumn=4,title=dependencies-after-source::"
            ))
        let checkstyle = try GymBinary.run(["lint", "--format", "checkstyle", "examples/python-bad/Dockerfile"])
        #expect(checkstyle.stdout.contains("<checkstyle version=\"4.3\">"))
        #expect(checkstyle.stdout.contains("source=\"gym.dependencies-after-source\""))
        let gitlab = try GymBinary.run(["lint", "--format", "gitlab", "examples/python-bad/Dockerfile"])
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(gitlab.stdout.utf8)) as? [[String: Any]])
        #expect(
            issues.allSatisfy { $0["fingerprint"] is String && $0["check_name"] is String && $0["location"] != nil })
    }

    @Test func aFileThatDoesNotParseIsReportedAndOthersStillLinted() throws {
        let dir = try scratch([
            "a/Dockerfile": "FROM a\nRUNN x\n", "b/Dockerfile": "FROM node:latest\nUSER node\nCMD [\"node\"]\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try GymBinary.run(["lint", "--no-color", dir.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("a/Dockerfile:2:1: error: unknown instruction: RUNN"))
        #expect(run.stdout.contains("[latest-tag]"))
    }

    @Test func directoriesAreSearched() throws {
        let dir = try scratch([
            "Containerfile": "FROM alpine:3.19\n", "svc/api.Dockerfile": "FROM alpine:3.19\n",
            "svc/Dockerfile.dev": "FROM alpine:3.19\n", "svc/Dockerfile.dockerignore": "x\n", "README.md": "",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try GymBinary.run(["lint", "--format", "json", "--failure-threshold", "none", dir.path])
        #expect(run.status == 0)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let files = Set(
            findings.compactMap { ($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } })
        #expect(files == ["Containerfile", "api.Dockerfile", "Dockerfile.dev"])
    }

    @Test func configFileAndUnknownRules() throws {
        let dir = try scratch(["cfg.yaml": "trustedRegistries: [registry.example.com]\n", "bad.yaml": "ignored: 3\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try GymBinary.run([
            "lint", "--config", dir.appendingPathComponent("cfg.yaml").path, "examples/python-good/Dockerfile",
        ])
        #expect(run.stdout.contains("[untrusted-registry]"))
        let bad = try GymBinary.run([
            "lint", "--config", dir.appendingPathComponent("bad.yaml").path, "examples/python-good/Dockerfile",
        ])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("invalid configuration"))
        let unknown = try GymBinary.run(["lint", "--ignore", "DL9999", "examples/python-good/Dockerfile"])
        #expect(unknown.status == 2)
    }

    @Test func explainAndListRules() throws {
        let explain = try GymBinary.run(["lint", "--explain", "DL3015"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("# apt-no-install-recommends"))
        #expect(explain.stdout.contains("--no-install-recommends"))
        let list = try GymBinary.run(["lint", "--list-rules", "--format", "json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rules.count >= 45)
    }

    @Test func stdin() throws {
        let run = try GymBinary.run(["lint", "--no-color", "-"], stdin: "FROM python\nUSER app\n")
        #expect(run.stdout.contains("<stdin>:1:1: warning python has no tag"))
    }
}
