import Foundation
import TestSupport
import Testing

/// `gym parse` end to end: the real binary, real files, exit codes.
struct ParseCommandTests {
    @Test func helpListsCommandsAndVersion() throws {
        let help = try GymBinary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("parse"))
        let version = try GymBinary.run(["--version"])
        #expect(version.stdout.hasPrefix("gym "))
    }

    /// Help in each of its spellings exits 0 with the subcommand's overview; a usage error exits 64.
    @Test(arguments: [["parse", "--help"], ["parse", "-h"], ["help", "parse"]])
    func subcommandHelpExitsZero(arguments: [String]) throws {
        let help = try GymBinary.run(arguments)
        #expect(help.status == 0)
        #expect(help.stdout.contains("OVERVIEW: Show the stages and typed instructions"))
        #expect(help.stderr.isEmpty)
    }

    @Test func parsesTheBundledExample() throws {
        let run = try GymBinary.run(["parse", "examples/node-multistage/Dockerfile"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("stage 0 \"builder\" FROM node:18"))
        #expect(run.stdout.contains("12:1    COPY --from=builder /app/dist ./dist"))
        #expect(run.stdout.contains("CMD [\"node\", \"dist/index.js\"]  (exec form)"))
    }

    @Test func badFileExitsTwoWithLocatedError() throws {
        let run = try GymBinary.run(["parse", "-"], stdin: "FROM a\nCOPY --form=b x y\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains("<stdin>:2:6: error: unknown flag: form (did you mean from?)"))
    }

    @Test func missingFileIsAClearError() throws {
        let run = try GymBinary.run(["parse", "no/such/Dockerfile"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no/such/Dockerfile: error: cannot read no/such/Dockerfile: no such file"))
    }

    @Test func jsonReportsEachFile() throws {
        let run = try GymBinary.run(
            ["parse", "--format", "json", "examples/python-good/Dockerfile", "-"], stdin: "RUN x\n")
        #expect(run.status == 2)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 2)
        #expect(reports[0]["ok"] as? Bool == true)
        let stages = try #require(reports[0]["stages"] as? [[String: Any]])
        let instructions = try #require(stages[0]["instructions"] as? [[String: Any]])
        #expect(instructions.map { $0["keyword"] as? String } == ["WORKDIR", "COPY", "RUN", "COPY", "CMD"])
        #expect(instructions[4]["form"] as? String == "exec")
        let failure = try #require(reports[1]["error"] as? [String: Any])
        #expect(failure["line"] as? Int == 1)
    }

    @Test func unknownOptionIsAUsageError() throws {
        let run = try GymBinary.run(["parse", "--format", "xml", "x"])
        #expect(run.status == 64)
        let unknown = try GymBinary.run(["parse", "--no-such-flag", "Dockerfile"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--no-such-flag"))
    }
}
