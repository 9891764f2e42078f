import Spawn

/// One command for the engine's CLI: its arguments after `docker`, extra environment, a time limit.
public struct EngineCommand: Sendable, Equatable, CustomStringConvertible {
    public var arguments: [String]
    public var environment: [String: String]
    /// Seconds after which the command is stopped (`timeout N docker ...`); nil waits for it.
    public var timeoutSeconds: Int?

    public init(_ arguments: [String], environment: [String: String] = [:], timeoutSeconds: Int? = nil) {
        self.arguments = arguments
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
    }

    /// `docker run --rm ...`, as a person would type it.
    public var description: String { (["docker"] + arguments.prefix(3)).joined(separator: " ") }
}

/// What a command answered: its exit status and its standard output and error, merged in the order written.
public struct EngineOutput: Sendable, Equatable {
    public var status: Int32
    public var output: String
    /// How long the command took, when the transport knows it better than the caller's clock: a recording
    /// replays the duration it recorded, so what a check decides from a build's wall clock does not depend
    /// on how busy the machine running the tests is. Nil: the caller times the command itself.
    public var elapsedSeconds: Double?

    public init(status: Int32, output: String, elapsedSeconds: Double? = nil) {
        self.status = status
        self.output = output
        self.elapsedSeconds = elapsedSeconds
    }

    public var succeeded: Bool { status == 0 }
    /// The output without its surrounding whitespace.
    public var trimmed: String { output.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// How commands reach the engine: the docker CLI on this machine (`DockerCLI`), or a recording of its answers
/// in tests (so a check's decisions can be tested in milliseconds from what a real engine said).
public protocol EngineTransport: Sendable {
    /// Runs `command` against the engine at `host` (nil: the CLI's default); `onLine` sees each output line.
    func execute(
        _ command: EngineCommand, host: String?, onLine: ((String) -> Void)?
    ) throws(EngineError)
        -> EngineOutput
}

/// The docker CLI, spawned through the package's one spawner; the host goes to the child's environment only
/// (`DOCKER_HOST`), never to this process's.
public struct DockerCLI: EngineTransport {
    public init() {}

    public func execute(
        _ command: EngineCommand, host: String?, onLine: ((String) -> Void)?
    ) throws(EngineError)
        -> EngineOutput
    {
        var environment = command.environment
        if let host { environment["DOCKER_HOST"] = host }
        var arguments = ["docker"] + command.arguments
        if let seconds = command.timeoutSeconds {
            // GNU timeout: the command's own status, or 124 when it ran out of time
            arguments = ["timeout", "\(seconds)"] + arguments
        }
        do {
            let output = try Subprocess.run(
                arguments, environment: environment, mergingStandardError: true, onLine: onLine)
            return EngineOutput(status: output.status, output: String(decoding: output.stdout, as: UTF8.self))
        } catch .notFound(let program) {
            throw .notInstalled(program)
        } catch {
            throw .failed(command: command.description, status: -1, message: error.description)
        }
    }
}
