/// What to build.
public struct BuildRequest: Sendable, Equatable {
    public var context: String
    public var dockerfile: String
    public var target: String?
    public var buildArgs: [String: String]
    /// `none` or `host` (never a bridge here); nil leaves the builder's default.
    public var network: String?
    /// Build without the cache (`--no-cache`).
    public var noCache: Bool
    public var tag: String?
    /// Writes the final stage's files to this directory on this machine (BuildKit's local exporter) instead
    /// of making an image: the build's result has no image ID then.
    public var outputDirectory: String?
    /// Labels (`key=value`) on the image beside gym's own; the engine adds its `labels` here.
    public var labels: [String] = []

    public init(
        context: String, dockerfile: String, target: String? = nil, buildArgs: [String: String] = [:],
        network: String? = "none", noCache: Bool = false, tag: String? = nil, outputDirectory: String? = nil
    ) {
        self.outputDirectory = outputDirectory
        self.context = context
        self.dockerfile = dockerfile
        self.target = target
        self.buildArgs = buildArgs
        self.network = network
        self.noCache = noCache
        self.tag = tag
    }
}

extension BuildRequest {
    /// The label every image gym builds and every container it runs carries (`Engine.createdByLabel`).
    public static let createdByLabel = Engine.createdByLabel

    /// The options every builder CLI understands the same way: network, target, cache, tag, build args,
    /// then the context.
    var commonArguments: [String] {
        var arguments: [String] = []
        if let network { arguments += ["--network", network] }
        if let target { arguments += ["--target", target] }
        if noCache { arguments.append("--no-cache") }
        if let tag { arguments += ["-t", tag] }
        if let outputDirectory { arguments += ["--output", "type=local,dest=\(outputDirectory)"] }
        arguments += Engine.labelArguments(labels)
        for (key, value) in buildArgs.sorted(by: { $0.key < $1.key }) {
            arguments += ["--build-arg", "\(key)=\(value)"]
        }
        return arguments + [context]
    }
}

/// What a build produced.
public struct BuildResult: Sendable, Equatable, Codable {
    public var wallSeconds: Double
    public var steps: [BuildStep]
    public var imageID: String?
    public var imageSize: Int64?
    public var succeeded: Bool
    public var log: String

    public init(
        wallSeconds: Double, steps: [BuildStep], imageID: String?, imageSize: Int64?, succeeded: Bool, log: String
    ) {
        self.wallSeconds = wallSeconds
        self.steps = steps
        self.imageID = imageID
        self.imageSize = imageSize
        self.succeeded = succeeded
        self.log = log
    }

    /// Dockerfile instructions served from the cache (FROM lines excluded).
    public var stepsCached: Int { steps.filter { $0.isInstruction && !$0.isFrom && $0.cached }.count }
    /// Dockerfile instructions that ran (FROM lines excluded).
    public var stepsExecuted: Int { steps.filter { $0.isInstruction && !$0.isFrom && !$0.cached }.count }
    /// Cached / (cached + executed), 0...1.
    public var cacheHitRatio: Double {
        let total = stepsCached + stepsExecuted
        return total == 0 ? 1 : Double(stepsCached) / Double(total)
    }
}
