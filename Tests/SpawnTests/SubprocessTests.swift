import Foundation
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

    /// A program started while another one runs inherits none of the other's pipes: otherwise the first
    /// reader sees no end of file until the second program exits too (two git calls at once would wait on
    /// each other). The child lists the pipes among its open descriptors: as many as a program started
    /// alone has (its own stdout and stderr, and whatever the test runner leaves open to its children).
    @Test func aChildInheritsNoOtherChildsPipes() throws {
        func pipes() throws -> [Substring] {
            let output = try Subprocess.run(["sh", "-c", "for fd in /proc/self/fd/*; do readlink $fd; done"])
            return String(decoding: output.stdout, as: UTF8.self).split(separator: "\n").filter {
                $0.hasPrefix("pipe:")
            }
        }
        let alone = try pipes()
        #expect(alone.count >= 2)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            _ = try? Subprocess.run(["sleep", "2"])
            finished.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.3)  // the sleep's pipes are open in this process now
        let beside = try pipes()
        #expect(beside.count == alone.count, "\(beside) against \(alone) alone")
        finished.wait()
    }

    /// Build progress is read merged, in the order written, line by line as it comes.
    @Test func mergesStderrInOrderAndStreamsLines() throws {
        var lines: [String] = []
        let output = try Subprocess.run(
            ["sh", "-c", "echo one; echo two >&2; printf 'three\\nfour'"], mergingStandardError: true,
            onLine: { lines.append($0) })
        #expect(lines == ["one", "two", "three", "four"])
        #expect(String(decoding: output.stdout, as: UTF8.self) == "one\ntwo\nthree\nfour")
        #expect(output.stderr.isEmpty)
    }

    @Test func addsToTheEnvironmentWithoutLosingIt() throws {
        let output = try Subprocess.run(
            ["sh", "-c", "echo \"$GYM_SPAWN_TEST:$HOME\""],
            environment: ["GYM_SPAWN_TEST": "set", "HOME": "/elsewhere"])
        #expect(String(decoding: output.stdout, as: UTF8.self) == "set:/elsewhere\n")
        let path = try Subprocess.run(["sh", "-c", "echo \"$PATH\""])
        #expect(!String(decoding: path.stdout, as: UTF8.self).trimmingCharacters(in: .newlines).isEmpty)
    }

    @Test func findsExecutablesOnThePath() {
        #expect(Subprocess.executable(named: "sh").map { $0.hasSuffix("/sh") } == true)
        #expect(Subprocess.executable(named: "no-such-program-gym") == nil)
        #expect(Subprocess.executable(named: "/bin/sh") == "/bin/sh")
        #expect(Subprocess.executable(named: "/etc/passwd") == nil)  // not executable
    }
}
