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
    /// each other). The first program's stdout and stderr pipes are found by their inodes in /proc; the
    /// second lists its own open descriptors, which must name neither (other tests' pipes may come and go
    /// meanwhile, so counting is not enough).
    @Test func aChildInheritsNoOtherChildsPipes() throws {
        let marker = "2.\(Int.random(in: 100_000...999_999))"
        let finished = DispatchSemaphore(value: 0)
        Thread {
            _ = try? Subprocess.run(["sleep", marker])
            finished.signal()
        }.start()
        var sleepers: [Substring] = []
        let deadline = Date().addingTimeInterval(60)
        while sleepers.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            let found = try Subprocess.run([
                "sh", "-c",
                "for p in /proc/[0-9]*; do [ \"$(tr '\\0' ' ' < $p/cmdline 2>/dev/null)\" = 'sleep \(marker) ' ] && echo ${p#/proc/}; done; true",
            ])
            sleepers = String(decoding: found.stdout, as: UTF8.self).split(separator: "\n")
        }
        let pid = try #require(sleepers.first, "the sleep started")
        let theirs = try Subprocess.run(["sh", "-c", "readlink /proc/\(pid)/fd/1 /proc/\(pid)/fd/2"])
        let theirPipes = Set(String(decoding: theirs.stdout, as: UTF8.self).split(separator: "\n"))
        #expect(theirPipes.count == 2 && theirPipes.allSatisfy { $0.hasPrefix("pipe:") }, "\(theirPipes)")
        let output = try Subprocess.run(["sh", "-c", "for fd in /proc/self/fd/*; do readlink $fd; done"])
        let mine = Set(String(decoding: output.stdout, as: UTF8.self).split(separator: "\n"))
        #expect(mine.isDisjoint(with: theirPipes), "the second child holds the first one's pipes: \(mine)")
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
