import Spawn
import Testing

/// The process spawner on real programs.
@Suite("Subprocess")
struct SubprocessTests {
    @Test func capturesStdoutStderrAndStatus() throws {
        let output = try Subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"])
        #expect(output.status == 3)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "out\n")
        #expect(String(decoding: output.stderr, as: UTF8.self) == "err\n")
    }

    /// A program that fills stderr (far beyond a pipe's 64 KB) before writing stdout does not deadlock.
    @Test func aFullStderrPipeDoesNotDeadlock() throws {
        let output = try Subprocess.run(["sh", "-c", "head -c 1000000 /dev/zero >&2; echo done"])
        #expect(output.stderr.count == 1_000_000)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "done\n")
    }

    @Test func runsInADirectory() throws {
        let output = try Subprocess.run(["pwd"], in: "/tmp")
        #expect(String(decoding: output.stdout, as: UTF8.self) == "/tmp\n")
    }

    @Test func aMissingProgramIsAClearError() {
        #expect(throws: SpawnError.notFound("no-such-program-gym")) {
            try Subprocess.run(["no-such-program-gym"])
        }
    }

    @Test func aSignalIsReportedAs128PlusItsNumber() throws {
        #expect(try Subprocess.run(["sh", "-c", "kill -TERM $$"]).status == 128 + 15)
    }
}
