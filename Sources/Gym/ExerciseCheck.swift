import Bench
import Engine

/// One graded property of the learner's work, measured on the real Dockerfile, build or image.
///
/// Checks never read the Dockerfile as text: a learner who games the text fails, one who reaches the goal
/// another valid way passes.
public protocol ExerciseCheck: Sendable {
    /// Stable identifier (`rebuilds-offline`), shown in JSON output.
    var id: String { get }
    /// What must hold, in plain words.
    var title: String { get }
    /// Whether the check builds or runs the image.
    var needsEngine: Bool { get }
    /// Where its evidence comes from: never from what the learner's files say about themselves.
    var evidence: String { get }
    /// Whether its verdict rests on the wall clock, so it must not share the machine with other builds.
    var timed: Bool { get }
    /// For a timed check: phrases of the failures it reports by effect, before and whatever the clock says
    /// (`installed packages again`). An attempt that must fail for one of them cannot be swayed by other builds.
    var failuresByEffect: [String] { get }
    /// Measures and judges.
    func run(_ context: CheckContext) -> CheckResult
}

extension ExerciseCheck {
    public var timed: Bool { false }
    public var failuresByEffect: [String] { [] }
}

/// What one check measured and concluded.
public struct CheckResult: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var passed: Bool
    /// What was measured (`after editing app.py: 4 steps cached, 1 ran; the rebuild needed no network`).
    public var measured: String
    /// Why it failed and where to look; nil when it passed.
    public var advice: String?
    /// Where the evidence came from (`the engine's record of PID 1; the image's layers`).
    public var evidence: String

    public init(
        id: String, title: String, passed: Bool, measured: String, advice: String? = nil, evidence: String = ""
    ) {
        self.id = id
        self.title = title
        self.passed = passed
        self.measured = measured
        self.advice = passed ? nil : advice
        self.evidence = evidence
    }
}

extension ExerciseCheck {
    func result(_ passed: Bool, _ measured: String, advice: String? = nil) -> CheckResult {
        CheckResult(id: id, title: title, passed: passed, measured: measured, advice: advice, evidence: evidence)
    }

    /// The steps of a build that installed packages again rather than being served from the cache, as
    /// BuildKit's own progress reports them (`CACHED` or not): the evidence, whatever the network did. Which
    /// steps install is read from the checked image's layers (`InstallSteps`), by text where it has none.
    func reinstalled(_ build: BuildResult, _ context: CheckContext) -> [BuildStep] {
        let classifier = context.installSteps()
        return build.steps.filter { step in
            guard let instruction = step.instruction, !step.cached, !step.isFrom else { return false }
            return classifier.installs(instruction)
        }
    }

    /// The image's own ENTRYPOINT and CMD as its config says, or the failed result saying why there is none.
    func imageCommand(_ context: CheckContext) -> Result<[String], CheckResultFailure> {
        do {
            let argv = try ImageRunsCheck.imageCommand(context.imageReference, on: context.engine)
            guard !argv.isEmpty else {
                return .failure(CheckResultFailure(result(false, "the image has no ENTRYPOINT or CMD to run")))
            }
            return .success(argv)
        } catch {
            return .failure(CheckResultFailure(result(false, "the image's config could not be read: \(error)")))
        }
    }

    /// The failed result when the learner's image does not build (the builder's error as the advice), nil
    /// when it builds.
    func unbuilt(_ context: CheckContext) -> CheckResult? {
        guard case .failure(let error) = context.image() else { return nil }
        return result(false, "the image does not build", advice: "\(error)")
    }
}

/// A check's failed result, carried as an error where a step cannot go on.
struct CheckResultFailure: Error {
    let result: CheckResult
    init(_ result: CheckResult) { self.result = result }
}
