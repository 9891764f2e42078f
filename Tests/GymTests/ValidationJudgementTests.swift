import Testing

@testable import Gym

/// `gym validate`'s judgement of a gaming attempt: caught by the check it names, for the reason it names, and
/// never merely because its image did not build.
struct ValidationJudgementTests {
    static func result(_ id: String, passed: Bool, _ measured: String, advice: String? = nil) -> CheckResult {
        CheckResult(id: id, title: id, passed: passed, measured: measured, advice: advice)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var results: [CheckResult]
        var reason: String?
        /// A phrase of why it is not caught; nil when it is.
        var notCaught: String?
    }

    static let cases: [Case] = [
        Case(
            testDescription: "caught by the named check",
            results: [
                result("image-runs", passed: false, "exit 0, printed \"hi\"; but PID 1 (from the engine) ran echo")
            ],
            reason: nil, notCaught: nil),
        Case(
            testDescription: "caught for the reason named",
            results: [result("image-runs", passed: false, "exit 0; but PID 1 (from the engine) ran \"/bin/echo\"")],
            reason: "PID 1 (from the engine) ran", notCaught: nil),
        Case(
            testDescription: "the reason is matched in the advice too, whatever its case",
            results: [result("image-runs", passed: false, "exit 1", advice: "The App Must Still Work")],
            reason: "the app must still work", notCaught: nil),
        Case(
            testDescription: "a build error is the wrong reason",
            results: [result("image-runs", passed: false, "the image does not build", advice: "build failed at RUN x")],
            reason: nil, notCaught: "failed only because a build failed"),
        Case(
            testDescription: "a rebuild that failed is a build error too",
            results: [result("rebuild-speedup", passed: false, "a build failed: exit 1")], reason: nil,
            notCaught: "failed only because a build failed"),
        Case(
            testDescription: "another reason than the one named",
            results: [result("image-runs", passed: false, "exit 1, printed \"Traceback\"")],
            reason: "PID 1 (from the engine)", notCaught: "failed for another reason"),
        Case(
            testDescription: "the named check passed",
            results: [result("image-runs", passed: true, "exit 0"), result("serves", passed: false, "no answer")],
            reason: nil, notCaught: "image-runs passed"),
        Case(
            testDescription: "the named check never ran",
            results: [result("dockerfile-parses", passed: false, "line 2: unknown instruction")], reason: nil,
            notCaught: "never ran"),
    ]

    @Test(arguments: cases)
    func judgement(_ item: Case) {
        let check = item.results.first { $0.id != "dockerfile-parses" && $0.id != "serves" }?.id ?? "image-runs"
        let why = ExerciseValidator.caughtFor(item.results, check: check, reason: item.reason)
        if let expected = item.notCaught {
            #expect(why?.contains(expected) == true, "\(why ?? "caught")")
        } else {
            #expect(why == nil, "\(why ?? "")")
        }
    }

    /// A caught-by that names no check of the exercise is a spec error, before anything is built.
    @Test func aCaseNamingAnUnknownCheckIsASpecError() throws {
        let exercise = try ExerciseCatalog.standard().exercise("layer-detective")
        let cases = try exercise.cases()
        for item in cases where item.kind == .gaming {
            #expect(exercise.checks.contains { $0.id == item.caughtBy }, "\(item.name)")
        }
        #expect(try ExerciseValidator.attempts(exercise).count == 2 + cases.count)
    }
}

/// Which attempts of an exercise with a timed check are graded side by side and which alone: only a verdict
/// the clock could sway waits for an engine of its own.
@Suite("Attempts the clock could sway")
struct ClockBoundAttemptTests {
    @Test func layerOptimizationGradesOnlyItsPassingAttemptsAlone() throws {
        let exercise = try ExerciseCatalog.standard().exercise("layer-optimization")
        let attempts = try ExerciseValidator.attempts(exercise)
        let alone = Set(attempts.filter(\.clockBound).map(\.name))
        #expect(alone == ["solution", "alternatives/bind-mount", "alternatives/venv-first"])
        // the gaming attempts the timed check must catch, it catches by effect (an install ran again)
        #expect(attempts.contains { $0.name == "gaming/padded-cold-build" && !$0.clockBound })
        #expect(attempts.contains { $0.name == "starter" && !$0.clockBound })
    }

    @Test func aGamingAttemptCaughtByTheRatioItselfIsGradedAlone() throws {
        let exercise = try ExerciseCatalog.standard().exercise("layer-optimization")
        var item = try #require(try exercise.cases().first { $0.caughtBy == "rebuild-speedup" })
        item.reason = "x faster"
        #expect(ExerciseValidator.clockBound(item, exercise))
        item.reason = nil
        #expect(ExerciseValidator.clockBound(item, exercise))
        item.caughtBy = "image-runs"
        #expect(!ExerciseValidator.clockBound(item, exercise))
    }
}
