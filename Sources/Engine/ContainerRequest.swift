/// A container to run: its image, the program (the image's own command unless `entrypoint` is given), and the
/// fences gym always sets: a network (none unless asked; never a bridge here), gym's label.
public struct ContainerRequest: Sendable, Equatable {
    public var image: String
    /// Replaces the image's ENTRYPOINT (and drops its CMD) when set.
    public var entrypoint: String?
    /// The arguments after the image (the CMD, or the entrypoint's arguments).
    public var arguments: [String]
    /// `--name`; nil lets the engine pick one.
    public var name: String?
    /// `none`, `host` or `container:NAME` (another container's namespace).
    public var network: String
    /// Removed as soon as it ends (`--rm`).
    public var removeWhenDone: Bool
    /// Seconds before the run is stopped (runs only, not detached starts).
    public var timeoutSeconds: Int?
    /// More options, each as the CLI takes it (`--user`, `65534`; `-e`, `A=B`; `--read-only`).
    public var options: [String]

    public init(
        image: String, entrypoint: String? = nil, arguments: [String] = [], name: String? = nil,
        network: String = "none", removeWhenDone: Bool = false, timeoutSeconds: Int? = nil, options: [String] = []
    ) {
        self.image = image
        self.entrypoint = entrypoint
        self.arguments = arguments
        self.name = name
        self.network = network
        self.removeWhenDone = removeWhenDone
        self.timeoutSeconds = timeoutSeconds
        self.options = options
    }

    /// The `docker run` line, with gym's label and `labels` (the engine's own marks) on the container.
    func arguments(detached: Bool, labels: [String] = []) -> [String] {
        var line = ["run"]
        if detached { line.append("--detach") }
        if removeWhenDone { line.append("--rm") }
        if let name { line += ["--name", name] }
        line += ["--network", network] + Engine.labelArguments(labels) + options
        if let entrypoint { line += ["--entrypoint", entrypoint] }
        return line + [image] + arguments
    }
}
