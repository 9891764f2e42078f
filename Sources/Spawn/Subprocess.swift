#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc 2.29+ and macOS 10.15+ have it; Swift's Glibc module does not export it (it is a GNU extension).
@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func spawnChangeDirectory(
    _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>
) -> Int32

#if canImport(Glibc)
/// Linux has had it since 2.6.27; Swift's Glibc module does not export it (it needs `_GNU_SOURCE`).
@_silgen_name("pipe2")
private func pipeWithFlags(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// A pipe whose two ends close on exec, created in one step (no other thread can spawn in between).
private func closeOnExecPipe(_ fds: UnsafeMutablePointer<Int32>) -> Int32 { pipeWithFlags(fds, O_CLOEXEC) }
#else
private func closeOnExecPipe(_ fds: UnsafeMutablePointer<Int32>) -> Int32 {
    guard pipe(fds) == 0 else { return -1 }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    return 0
}
#endif

/// A finished program: its exit status and what it wrote.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: [UInt8]

    public var succeeded: Bool { status == 0 }
}

/// Why a program could not be run.
public enum SpawnError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The program is not on the PATH (or not executable).
    case notFound(String)
    /// The system refused to start it (`posix_spawn` failed with this errno).
    case cannotStart(String, errno: Int32)

    public var description: String {
        switch self {
        case .notFound(let program): return "\(program) is not installed (not found on the PATH)"
        case .cannotStart(let program, let code):
            return "cannot start \(program): \(String(cString: strerror(code)))"
        }
    }
}

/// Runs programs with `posix_spawn`, reading stdout and stderr together as they come (a program that fills
/// one pipe while gym reads the other never deadlocks) and waiting with `waitpid`: no run loop, no polling
/// interval, so a short git command costs what git costs.
public enum Subprocess {
    /// Runs `arguments[0]` (looked up on the PATH) with the rest, in `directory` when given, with this
    /// process's environment plus `environment`. With `mergingStandardError` the program's stderr goes to the
    /// same pipe as its stdout, in the order written (`stdout` holds both, `stderr` stays empty), as a build
    /// tool's progress is read. `onLine` sees each line of stdout as it arrives.
    public static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
        mergingStandardError: Bool = false, onLine: ((String) -> Void)? = nil
    ) throws(SpawnError) -> ProcessOutput {
        precondition(!arguments.isEmpty, "no program to run")
        let command = arguments
        var out: [Int32] = [0, 0]
        var err: [Int32] = [0, 0]
        // close-on-exec: a child another thread starts meanwhile must not inherit these pipes' write ends, or
        // this reader sees no end of file until that other child exits too (dup2 gives the child its own
        // 1 and 2 without the flag)
        guard closeOnExecPipe(&out) == 0, closeOnExecPipe(&err) == 0 else {
            throw .cannotStart(arguments[0], errno: errno)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let directory { _ = spawnChangeDirectory(&actions, directory) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, mergingStandardError ? out[1] : err[1], 2)
        for fd in out + err { posix_spawn_file_actions_addclose(&actions, fd) }
        // the child starts with default signal handling and nothing blocked, whatever this process set up
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // this process's own environment as it is, unless the caller adds to it (git calls never do)
        var added: [UnsafeMutablePointer<CChar>?] = []
        if !environment.isEmpty { added = Self.environment(adding: environment).map { strdup($0) } + [nil] }
        defer { for pointer in added { free(pointer) } }
        let code =
            added.isEmpty
            ? posix_spawnp(&pid, command[0], &actions, &attributes, argv, environ)
            : posix_spawnp(&pid, command[0], &actions, &attributes, argv, added)
        close(out[1])
        close(err[1])
        guard code == 0 else {
            close(out[0])
            close(err[0])
            throw code == ENOENT ? .notFound(arguments[0]) : .cannotStart(arguments[0], errno: code)
        }
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var fds = [
            pollfd(fd: out[0], events: Int16(POLLIN), revents: 0),
            pollfd(fd: err[0], events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 65536)
        var lines = LineSplitter()
        var open = 2
        while open > 0 {
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for i in fds.indices where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if i == 0 {
                        if let onLine { lines.feed(buffer[0..<n], to: onLine) }
                        stdout.append(contentsOf: buffer[0..<n])
                    } else {
                        stderr.append(contentsOf: buffer[0..<n])
                    }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(fds[i].fd)
                    fds[i].fd = -1
                    open -= 1
                }
            }
        }
        if let onLine { lines.finish(to: onLine) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ProcessOutput(status: exit, stdout: stdout, stderr: stderr)
    }

    /// Where `name` would be run from: itself when it holds a slash, else the first executable file of that
    /// name on the PATH; nil when there is none.
    public static func executable(named name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = directory + "/" + name
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    /// This process's environment (`NAME=value` strings) with `overrides` set.
    static func environment(adding overrides: [String: String]) -> [String] {
        var variables: [String] = []
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            let name = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            if let name, overrides[name] == nil { variables.append(text) }
            index += 1
        }
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) { variables.append(name + "=" + value) }
        return variables
    }
}

/// Cuts a stream of bytes into lines as they arrive (a line may come in several reads).
struct LineSplitter {
    var pending: [UInt8] = []

    mutating func feed(_ bytes: ArraySlice<UInt8>, to onLine: (String) -> Void) {
        pending.append(contentsOf: bytes)
        var start = 0
        for i in pending.indices where pending[i] == 0x0A {
            onLine(String(decoding: pending[start..<i], as: UTF8.self))
            start = i + 1
        }
        pending.removeFirst(start)
    }

    mutating func finish(to onLine: (String) -> Void) {
        if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
        pending = []
    }
}
