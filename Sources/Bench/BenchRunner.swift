import Engine
import Foundation

/// What `gym bench` measures.
public struct BenchOptions: Sendable {
    public var context: String
    public var dockerfile: String
    public var scenarios: [Scenario]
    public var runs: Int
    public var network: String?
    public var buildArgs: [String: String]
    public var target: String?
    /// The file the code scenario edits (relative to the context); picked automatically when nil.
    public var touch: String?

    public init(
        context: String, dockerfile: String, scenarios: [Scenario] = Scenario.allCases, runs: Int = 1,
        network: String? = "none", buildArgs: [String: String] = [:], target: String? = nil, touch: String? = nil
    ) {
        self.context = context
        self.dockerfile = dockerfile
        self.scenarios = scenarios
        self.runs = runs
        self.network = network
        self.buildArgs = buildArgs
        self.target = target
        self.touch = touch
    }
}

/// Progress of a benchmark, for a live display.
public enum BenchEvent: Sendable {
    case buildStarted(scenario: Scenario, run: Int, of: Int)
    case stepFinished(BuildStep)
    case buildFinished(scenario: Scenario, run: Int, seconds: Double, cached: Int, executed: Int)
    case note(String)
}

/// Runs the cold, warm, code-change and dependency-change builds of one Dockerfile on a scratch copy.
public struct BenchRunner: Sendable {
    public let builder: any BuilderDriver
    /// Called with every build, for the history.
    public var recorder: (@Sendable (Scenario, BuildResult, String?) -> Void)?

    public init(builder: any BuilderDriver, recorder: (@Sendable (Scenario, BuildResult, String?) -> Void)? = nil) {
        self.builder = builder
        self.recorder = recorder
    }

    public func run(
        _ options: BenchOptions, progress: ((BenchEvent) -> Void)? = nil
    ) throws(BenchError) -> [ScenarioResult] {
        guard options.runs >= 1 else { throw .invalidOptions("--runs must be at least 1") }
        let workspace = try ContextWorkspace(context: options.context, dockerfile: options.dockerfile)
        defer { workspace.remove() }

        func build(_ scenario: Scenario, run: Int, noCache: Bool, changed: String?) throws(BenchError) -> ScenarioRun {
            progress?(.buildStarted(scenario: scenario, run: run, of: options.runs))
            let request = BuildRequest(
                context: workspace.root, dockerfile: workspace.dockerfile, target: options.target,
                buildArgs: options.buildArgs, network: options.network, noCache: noCache)
            let result = try onEngine { () throws(EngineError) in
                try builder.buildForMeasurement(request) { step in progress?(.stepFinished(step)) }
            }
            recorder?(scenario, result, changed)
            progress?(
                .buildFinished(
                    scenario: scenario, run: run, seconds: result.wallSeconds, cached: result.stepsCached,
                    executed: result.stepsExecuted))
            return ScenarioRun(
                wallSeconds: result.wallSeconds, stepsCached: result.stepsCached, stepsExecuted: result.stepsExecuted,
                steps: result.steps.filter(\.isInstruction).map {
                    StepTiming(name: $0.name, cached: $0.cached, seconds: $0.seconds ?? 0)
                }, imageSize: result.imageSize, changedFile: changed)
        }

        var results: [ScenarioResult] = []
        var warmedUp = false
        let editNonce = Int.random(in: 1_000_000...999_999_999)
        for scenario in Scenario.allCases where options.scenarios.contains(scenario) {
            var runs: [ScenarioRun] = []
            switch scenario {
            case .cold:
                for r in 1...options.runs { runs.append(try build(.cold, run: r, noCache: true, changed: nil)) }
                warmedUp = true
            case .warm:
                if !warmedUp {
                    progress?(.note("priming the cache"))
                    _ = try build(.warm, run: 0, noCache: false, changed: nil)
                    warmedUp = true
                }
                for r in 1...options.runs { runs.append(try build(.warm, run: r, noCache: false, changed: nil)) }
            case .code, .deps:
                let file = scenario == .code ? (options.touch ?? workspace.sourceFile()) : workspace.manifest()
                guard let file else {
                    let why =
                        scenario == .code
                        ? "no source file to edit in the context"
                        : "no dependency manifest (requirements.txt, package.json, go.mod, ...) in the context"
                    results.append(
                        ScenarioResult(dockerfile: options.dockerfile, scenario: scenario, runs: [], skipped: why))
                    continue
                }
                guard FileManager.default.fileExists(atPath: workspace.root + "/" + file) else {
                    throw .invalidOptions("--touch \(file): no such file in the context")
                }
                if !warmedUp {
                    progress?(.note("priming the cache"))
                    _ = try build(scenario, run: 0, noCache: false, changed: nil)
                    warmedUp = true
                }
                for r in 1...options.runs {
                    // an edit no earlier bench made: a second bench of the same project must not find its
                    // "changed" builds in BuildKit's cache from the first
                    try workspace.edit(file, run: editNonce + r)
                    runs.append(try build(scenario, run: r, noCache: false, changed: file))
                }
            }
            results.append(ScenarioResult(dockerfile: options.dockerfile, scenario: scenario, runs: runs, skipped: nil))
        }
        return results
    }
}
