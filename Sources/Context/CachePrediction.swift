import Dockerfile

/// What the predictor expects BuildKit to do with one step.
public enum CacheOutcome: String, Sendable, Codable {
    /// Served from the cache.
    case hit
    /// Executed again.
    case miss
    /// Hits only if an upstream stage's output (COPY --from) is byte-identical after it rebuilds.
    case depends
}

/// The prediction for one instruction of a stage the build needs.
public struct StepPrediction: Sendable, Equatable, Codable {
    /// The stage's name, or `#index`.
    public var stage: String
    public var stageIndex: Int
    public var line: Int
    /// The instruction's text (first line).
    public var instruction: String
    public var keyword: String
    public var prediction: CacheOutcome
    /// The first cause of a miss or dependency, in plain words.
    public var cause: String?
    /// FROM, RUN, COPY, ADD and WORKDIR are build steps; the other instructions only change the image config.
    public var isBuildStep: Bool
    /// The step's position in its stage as BuildKit numbers it (`[3/5]`), for build steps.
    public var position: Int?
    /// The number of build steps in the stage (the `5` of `[3/5]`).
    public var stageSteps: Int?
}

/// Everything `gym cache` says about a change.
public struct CachePrediction: Sendable, Equatable, Codable {
    public var steps: [StepPrediction]
    /// Restructuring advice ("copy requirements.txt, install, then COPY . .").
    public var suggestions: [String]
    /// The BuildKit behaviour the model follows.
    public var model: String
}

/// One side of a comparison: a Dockerfile, the context it sees, and the build arguments.
public struct BuildState: Sendable {
    public var dockerfile: Dockerfile
    public var context: ContextSnapshot
    public var buildArgs: [String: String]

    public init(dockerfile: Dockerfile, context: ContextSnapshot, buildArgs: [String: String] = [:]) {
        self.dockerfile = dockerfile
        self.context = context
        self.buildArgs = buildArgs
    }
}

extension CachePrediction {
    /// Adds to each build step that will not come from the cache how long it took the last time it was built
    /// (`timings` by instruction text, as the bench history keeps them); steps under 0.05 s are left as they are.
    public mutating func noteLastBuildTimes(_ timings: [String: Double]) {
        for i in steps.indices where steps[i].prediction != .hit && steps[i].isBuildStep {
            if let seconds = timings[steps[i].instruction], seconds >= 0.05 {
                steps[i].cause = (steps[i].cause ?? "") + String(format: " (took %.1f s last build)", seconds)
            }
        }
    }
}
