/// One vertex of a BuildKit build as its plain progress reports it.
public struct BuildStep: Sendable, Equatable, Codable {
    /// The vertex number (`#8`).
    public var vertex: Int
    /// The vertex name as printed (`[builder 2/5] RUN go build`).
    public var name: String
    /// The stage name for Dockerfile steps of a named or numbered stage (`builder`, `stage-1`).
    public var stage: String?
    /// `2` and `5` of `[2/5]`: the step's position in its stage.
    public var position: Int?
    public var stageSteps: Int?
    /// The Dockerfile instruction (`RUN go build`) for Dockerfile steps.
    public var instruction: String?
    /// Served from the cache.
    public var cached: Bool
    /// Seconds the vertex took (`DONE 1.2s`), nil when not reported.
    public var seconds: Double?
    /// The error line, when the vertex failed.
    public var error: String?
    /// Output lines the step printed (`#8 0.512 Collecting flask`), without the timestamps.
    public var logs: [String]

    public init(
        vertex: Int, name: String, stage: String?, position: Int?, stageSteps: Int?, instruction: String?,
        cached: Bool, seconds: Double?, error: String?, logs: [String]
    ) {
        self.vertex = vertex
        self.name = name
        self.stage = stage
        self.position = position
        self.stageSteps = stageSteps
        self.instruction = instruction
        self.cached = cached
        self.seconds = seconds
        self.error = error
        self.logs = logs
    }

    /// Whether the vertex is a Dockerfile instruction (not `[internal] load ...` or `exporting to image`).
    public var isInstruction: Bool { instruction != nil }

    /// Whether it is the FROM of a stage (always resolved, never "executed" in the cache sense).
    public var isFrom: Bool { instruction?.uppercased().hasPrefix("FROM ") ?? false }
}
