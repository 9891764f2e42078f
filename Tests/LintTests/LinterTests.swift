import Dockerfile
import Foundation
import Testing

@testable import Lint

/// Pragmas, configuration and ordering around the rules.
struct LinterTests {
    func lint(_ source: String, linter: Linter = Linter()) -> [String] {
        linter.lint(source: Array(source.utf8), file: "Dockerfile", buildContext: nil).findings.map(\.rule)
    }

    @Test func gymAndHadolintPragmasSilenceTheNextInstruction() {
        let base =
            "FROM debian:12.5\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER app\n"
        #expect(lint(base).contains("apt-unpinned"))
        let gym =
            "FROM debian:12.5\n# gym ignore=apt-unpinned\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER app\n"
        #expect(!lint(gym).contains("apt-unpinned"))
        let hadolint =
            "FROM debian:12.5\n# hadolint ignore=DL3008,DL3059\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER app\n"
        #expect(!lint(hadolint).contains("apt-unpinned"))
    }

    @Test func globalPragmas() {
        let source = "# hadolint global ignore=DL3007\n# gym global ignore=no-user\nFROM node:latest\nCMD [\"node\"]\n"
        let rules = lint(source)
        #expect(!rules.contains("latest-tag"))
        #expect(!rules.contains("no-user"))
    }

    @Test func buildKitCheckSkipDirective() {
        let source = "# check=skip=JSONArgsRecommended\nFROM node:20-slim\nUSER node\nCMD node app.js\n"
        #expect(!lint(source).contains("json-args-recommended"))
        let all = "# check=skip=all\nFROM node:20-slim\nUSER node\nCMD node app.js\nENV A 1\n"
        let rules = lint(all)
        #expect(!rules.contains("json-args-recommended"))
        #expect(!rules.contains("legacy-key-value-format"))
    }

    @Test func configurationIgnoresAndOverrides() throws {
        let yaml = """
            ignored: [DL3007]
            override:
              error: [no-user]
            failure-threshold: error
            """
        let configuration = try LintConfiguration(yaml: yaml, file: ".hadolint.yaml")
        #expect(configuration.failureThreshold == .error)
        let result = Linter(configuration: configuration).lint(
            source: Array("FROM node:latest\nCMD [\"node\"]\n".utf8), file: "Dockerfile", buildContext: nil)
        #expect(!result.findings.map(\.rule).contains("latest-tag"))
        #expect(result.findings.first { $0.rule == "no-user" }?.severity == .error)
    }

    @Test func badConfigurationIsAClearError() {
        #expect(throws: LintError.invalidConfiguration(file: "c.yaml", reason: "unknown key \"ignroed\"")) {
            try LintConfiguration(yaml: "ignroed: [DL3008]\n", file: "c.yaml")
        }
        #expect(throws: LintError.self) { try LintConfiguration(yaml: "ignored: DL3008\n", file: "c.yaml") }
        #expect(throws: LintError.self) { try LintConfiguration(yaml: "failure-threshold: loud\n", file: "c.yaml") }
    }

    @Test func parseErrorsAreReportedNotThrown() {
        let result = Linter().lint(source: Array("FROM a\nRUNN x\n".utf8), file: "Dockerfile", buildContext: nil)
        #expect(result.parseError?.location?.start.line == 2)
        #expect(result.findings.isEmpty)
    }

    @Test func findingsAreOrderedByPosition() {
        let result = Linter().lint(
            source: Array("FROM python\nRUN cd /x && pip install flask\n".utf8), file: "D", buildContext: nil)
        let positions = result.findings.map { ($0.range.start.line, $0.range.start.column) }
        #expect(positions.map(\.0) == positions.map(\.0).sorted())
    }

    @Test func caseStatementsAndBackticks() {
        let commands = ShellScript.commands(
            "case \"$arch\" in x86_64|aarch64) apt-get install -y a ;; *) echo no ;; esac; g=`getent group 1 | cut -d: -f1`"
        )
        #expect(!commands.filter { !$0.isNested }.contains { $0.separator == "|" })
        #expect(commands.contains { $0.name == "apt-get" })
        #expect(commands.contains { $0.isNested && $0.name == "cut" && $0.separator == "|" })
    }

    @Test func shellSplitting() {
        let commands = ShellScript.commands(
            "set -e; apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y 'a b' \"c\" | tee log || echo $(date) # comment"
        )
        #expect(commands.map(\.name) == ["set", "apt-get", "apt-get", "tee", "echo", "date"])
        #expect(commands[2].arguments == ["install", "-y", "a b", "c"])
        #expect(commands.map(\.separator) == [nil, ";", "&&", "|", "||", nil])
        #expect(commands.map(\.isNested) == [false, false, false, false, false, true])
    }
}

/// Linting many files of one directory walks it once and shares the walk; each file still gets the ignore
/// rules BuildKit would use for it (its own `Dockerfile.dockerignore`, else the directory's `.dockerignore`),
/// so the findings are those of linting each file alone.
struct SharedContextTests {
    @Test func filesOfOneDirectoryShareItsWalkAndKeepTheirOwnIgnoreRules() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-shared-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("secrets"), withIntermediateDirectories: true)
        let files: [String: String] = [
            "app.py": "print('hi')\n", "requirements.txt": "flask\n", "secrets/.env": "TOKEN=1\n",
            ".dockerignore": "secrets\n",
            "Dockerfile": "FROM python:3.11-slim\nCOPY . .\nRUN pip install -r requirements.txt\n",
            "Dockerfile.dev": "FROM python:3.11-slim\nCOPY . .\nRUN pip install -r requirements.txt\n",
            // this one's own ignore file lets the secrets in
            "Dockerfile.dev.dockerignore": "*.log\n",
            "other.Dockerfile": "FROM python:3.11-slim\nCOPY app.py .\n",
        ]
        for (path, text) in files {
            try text.write(to: dir.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        let names = ["Dockerfile", "Dockerfile.dev", "other.Dockerfile"].map { dir.appendingPathComponent($0).path }
        let linter = Linter()
        let together = linter.lint(files: names, context: nil)
        #expect(together.unreadable.isEmpty && together.inputs.count == 3)
        for (index, name) in names.enumerated() {
            let alone = linter.lint(
                source: Array(try String(contentsOfFile: name, encoding: .utf8).utf8), file: name,
                buildContext: try BuildContextView.read(directory: dir.path, dockerfile: name))
            #expect(
                together.inputs[index].result.findings.map(\.rule) == alone.findings.map(\.rule),
                "\(name): \(together.inputs[index].result.findings.map(\.rule)) vs \(alone.findings.map(\.rule))")
        }
        // the two ignore files differ, and so do the views the two Dockerfiles got
        let shared = try BuildContextView.read(directory: dir.path, dockerfile: names[0])
        let own = try BuildContextView.read(directory: dir.path, dockerfile: names[1])
        #expect(shared.ignore.excludes("secrets/.env") && !own.ignore.excludes("secrets/.env"))
    }
}
