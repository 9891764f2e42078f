import Foundation

/// The one way to the Docker engine: which engine (its host, a value: `unix:///path/docker.sock`,
/// `tcp://host:port`, `ssh://user@host`; nil for the CLI's default) and typed operations on it, each throwing
/// `EngineError` with the engine's own message. Every `docker` command line gym runs is made here.
public struct Engine: Sendable {
    /// The engine's address, given to each command's environment (never this process's); nil: the default.
    public let host: String?
    /// How commands reach it: the docker CLI, or a recording in tests.
    public let transport: any EngineTransport
    /// The proxy every build on this engine is given through BuildKit's predefined proxy arguments
    /// (`http://127.0.0.1:3128` in a fenced engine's network namespace), unless a build sets its own; nil: none.
    public let buildProxy: String?
    /// Labels (`key=value`) put on every image this value builds and every container it runs, beside gym's own
    /// (`createdByLabel`): a run's own mark, so what one run made is told apart on a shared engine.
    public let labels: [String]

    public init(
        host: String? = nil, transport: any EngineTransport = DockerCLI(), buildProxy: String? = nil,
        labels: [String] = []
    ) {
        self.host = host
        self.transport = transport
        self.buildProxy = buildProxy
        self.labels = labels
    }

    /// This engine, with `label` put on everything it builds and runs as well.
    public func labelling(_ label: String) -> Engine {
        Engine(host: host, transport: transport, buildProxy: buildProxy, labels: labels + [label])
    }

    /// The local engine, as the docker CLI finds it.
    public static let local = Engine()

    /// The label every image gym builds and every container it runs carries, so `gym clean` removes exactly
    /// those.
    public static let createdByLabel = "org.containergym.created-by=gym"

    /// The `--label` options of a build or run: gym's label, then `labels`.
    static func labelArguments(_ labels: [String]) -> [String] {
        ([createdByLabel] + labels).flatMap { ["--label", $0] }
    }

    /// Runs one command and returns what it answered, whatever its status.
    public func execute(
        _ arguments: [String], environment: [String: String] = [:], timeoutSeconds: Int? = nil,
        onLine: ((String) -> Void)? = nil
    ) throws(EngineError) -> EngineOutput {
        try transport.execute(
            EngineCommand(arguments, environment: environment, timeoutSeconds: timeoutSeconds), host: host,
            onLine: onLine)
    }

    /// Runs one command that must succeed: its output, or the engine's message as the error.
    @discardableResult
    public func require(_ arguments: [String], timeoutSeconds: Int? = nil) throws(EngineError) -> String {
        let output = try execute(arguments, timeoutSeconds: timeoutSeconds)
        let command = EngineCommand(arguments).description
        if let seconds = timeoutSeconds, output.status == 124 { throw .timedOut(command: command, seconds: seconds) }
        guard output.succeeded else { throw .failed(command: command, status: output.status, message: output.trimmed) }
        return output.output
    }

    var hostName: String { host ?? "the default host" }

    // MARK: the engine itself

    /// The engine's version; throws `notAnswering` when no engine answers.
    public func version() throws(EngineError) -> String {
        let output = try execute(["version", "--format", "{{.Server.Version}}"])
        guard output.succeeded else { throw .notAnswering(host: hostName, message: output.trimmed) }
        return output.trimmed
    }

    /// Whether an engine answers.
    public var answers: Bool { (try? version()) != nil }

    /// `docker info` facts for `gym doctor`: serverVersion, storageDriver, operatingSystem, architecture, cpus,
    /// memory, rootDir.
    public func info() throws(EngineError) -> [String: String] {
        let text = try require([
            "info", "--format",
            "{{.ServerVersion}}|{{.Driver}}|{{.OperatingSystem}}|{{.Architecture}}|{{.NCPU}}|{{.MemTotal}}|{{.DockerRootDir}}",
        ])
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "|", omittingEmptySubsequences: false
        ).map(String.init)
        let keys = ["serverVersion", "storageDriver", "operatingSystem", "architecture", "cpus", "memory", "rootDir"]
        return Dictionary(uniqueKeysWithValues: zip(keys, parts))
    }

    /// The buildx plugin's version line, nil when it is absent.
    public func buildxVersion() -> String? {
        guard let output = try? execute(["buildx", "version"]), output.succeeded else { return nil }
        return output.trimmed
    }

    // MARK: images

    /// Fields of an image by a Go template (`{{.Id}}`, `{{json .Config}}`, `{{.Size}}`).
    public func inspectImage(_ reference: String, format: String) throws(EngineError) -> String {
        try require(["image", "inspect", "--format", format, reference]).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// Whether the engine holds an image by that reference.
    public func hasImage(_ reference: String) -> Bool {
        (try? execute(["image", "inspect", "--format", "{{.Id}}", reference]))?.succeeded == true
    }

    /// An image's ID and size in bytes.
    public func imageIDAndSize(_ reference: String) throws(EngineError) -> (id: String, size: Int64) {
        let fields = try inspectImage(reference, format: "{{.Id}} {{.Size}}").split(separator: " ")
        guard fields.count == 2, let size = Int64(fields[1]) else {
            throw .failed(
                command: "docker image inspect", status: 0,
                message: "unexpected answer for \(reference): \(fields.joined(separator: " "))")
        }
        return (String(fields[0]), size)
    }

    /// An image's layers, bottom first, by the digests of their uncompressed contents (its root filesystem's
    /// diff IDs): what the engine itself records the image is made of.
    public func layerDiffIDs(_ reference: String) throws(EngineError) -> [String] {
        let text = try inspectImage(reference, format: "{{range .RootFS.Layers}}{{println .}}{{end}}")
        return text.split(whereSeparator: \.isNewline).map(String.init)
    }

    /// Pulls an image (a digest reference is verified by the engine as it pulls).
    public func pull(_ reference: String) throws(EngineError) {
        try require(["pull", "--quiet", reference])
    }

    /// Gives an image another name.
    public func tag(_ reference: String, as tag: String) throws(EngineError) {
        try require(["image", "tag", reference, tag])
    }

    /// Removes image names or IDs by force; a missing one is no error (it is gone either way). Whether the
    /// engine removed them all (an image a container still uses stays).
    @discardableResult
    public func removeImages(_ references: [String]) -> Bool {
        guard !references.isEmpty else { return true }
        return (try? execute(["image", "rm", "--force"] + references))?.succeeded == true
    }

    /// Writes an image as a docker-archive to `file`.
    public func save(_ reference: String, to file: String) throws(EngineError) {
        try require(["image", "save", "-o", file, reference])
    }

    /// Image IDs (full), all or those carrying `label`.
    public func imageIDs(label: String? = nil, all: Bool = false) throws(EngineError) -> [String] {
        var arguments = ["images", "--quiet", "--no-trunc"]
        if all { arguments.append("--all") }
        if let label { arguments += ["--filter", "label=\(label)"] }
        return try require(arguments).split(whereSeparator: \.isNewline).map(String.init)
    }

    /// Forgets BuildKit's cache (all of it with `all`, else what no image uses); the engine's summary line.
    @discardableResult
    public func pruneBuildCache(all: Bool) throws(EngineError) -> String {
        try require(["builder", "prune", "--force"] + (all ? ["--all"] : []))
    }

    // MARK: containers

    /// Runs a container to its end (or its time limit): exit status and merged output. A status the engine
    /// gives for its own failures (125: could not create; 124: the time limit) is the container's status too.
    public func run(_ request: ContainerRequest) throws(EngineError) -> EngineOutput {
        try execute(request.arguments(detached: false, labels: labels), timeoutSeconds: request.timeoutSeconds)
    }

    /// Starts a container in the background: its ID.
    @discardableResult
    public func start(_ request: ContainerRequest) throws(EngineError) -> String {
        try require(request.arguments(detached: true, labels: labels)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops a container, waiting `grace` seconds before killing it.
    public func stop(_ container: String, grace: Int = 10) throws(EngineError) {
        try require(["stop", "--time", "\(grace)", container])
    }

    /// Waits for a container to end: its exit code, or nil when `timeoutSeconds` passed first.
    public func wait(_ container: String, timeoutSeconds: Int) throws(EngineError) -> Int32? {
        let output = try execute(["wait", container], timeoutSeconds: timeoutSeconds)
        guard output.succeeded else {
            if output.status == 124 { return nil }
            throw .failed(command: "docker wait", status: output.status, message: output.trimmed)
        }
        return Int32(output.trimmed)
    }

    /// A container's output so far (the last `tail` lines when given).
    public func logs(_ container: String, tail: Int? = nil) throws(EngineError) -> String {
        try require(["logs"] + (tail.map { ["--tail", "\($0)"] } ?? []) + [container])
    }

    /// A container's record as the engine keeps it (`docker container inspect`), JSON; or one field by a Go
    /// template.
    public func inspectContainer(_ container: String, format: String? = nil) throws(EngineError) -> String {
        try require(["container", "inspect"] + (format.map { ["--format", $0] } ?? []) + [container])
    }

    /// Whether a container is running now.
    public func isRunning(_ container: String) throws(EngineError) -> Bool {
        try inspectContainer(container, format: "{{.State.Running}}").trimmingCharacters(
            in: .whitespacesAndNewlines) == "true"
    }

    /// Removes containers by force; a missing one is no error.
    public func removeContainers(_ containers: [String]) {
        guard !containers.isEmpty else { return }
        _ = try? execute(["rm", "--force"] + containers)
    }

    /// Container IDs (running or not) carrying `label`.
    public func containerIDs(label: String) throws(EngineError) -> [String] {
        try require(["ps", "--all", "--quiet", "--filter", "label=\(label)"]).split(whereSeparator: \.isNewline).map(
            String.init)
    }
}
