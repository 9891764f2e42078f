/// A stage with its variables expanded the way BuildKit expands them for one set of build arguments.
public struct ResolvedStage: Sendable, Equatable {
    public var stage: Stage
    /// The FROM base after expanding global ARGs.
    public var baseName: String
    /// The `--platform` after expansion.
    public var platform: String?
    /// When the base names an earlier stage, its index.
    public var baseStageIndex: Int?
    public var steps: [ResolvedStep]
}

/// One instruction of a resolved stage, with the words BuildKit would use and the variables in scope.
public struct ResolvedStep: Sendable, Equatable {
    public var instruction: Instruction
    /// The arguments after expansion, for the instructions BuildKit expands (ADD, COPY, ENV, EXPOSE, LABEL,
    /// STOPSIGNAL, USER, VOLUME, WORKDIR, ARG); the arguments as written for the others (RUN, CMD, ...).
    public var words: [String]
    /// Build arguments declared in the stage so far, with their values (RUN sees them as environment).
    public var arguments: [String: String]
    /// Variables set by ENV in the stage so far.
    public var environment: [String: String]
    /// `COPY --from` or `RUN --mount from=` references to earlier stages, as stage indexes.
    public var stageDependencies: [Int]
    /// Expanded `COPY --from`, `--chown` and `--chmod` values, when given.
    public var copyFrom: String?
    public var chown: String?
    public var chmod: String?
}
