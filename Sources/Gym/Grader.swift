import Engine
import Foundation

/// Runs an exercise's checks on the learner's workspace.
public enum Grader {
    /// Every check's result, in the exercise's order. Checks that need an engine fail with a clear reason
    /// when none answers. The image is always built from `directory`'s files, never taken ready-made.
    /// `whileImageExists` sees the context after the checks and before the built image is removed (`gym
    /// server run`'s workers read the size and base of their own build then).
    public static func check(
        _ exercise: Exercise, in directory: URL, engine: Engine = .local,
        through lastCheck: String? = nil, progress: @escaping @Sendable (String) -> Void = { _ in },
        whileImageExists: ((CheckContext) -> Void)? = nil
    ) -> [CheckResult] {
        let context = CheckContext(
            exercise: exercise, workspace: directory, engine: engine, progress: progress)
        defer { context.cleanUp() }
        let results = run(exercise, context, through: lastCheck)
        whileImageExists?(context)
        return results
    }

    /// What a check that needs the engine measured when none answered: it could not run at all.
    public static let noEngine = "no Docker engine answers"

    /// Whether any of `results` could not run for want of an engine (gym cannot grade; the learner did not
    /// fail).
    public static func engineMissing(_ results: [CheckResult]) -> Bool {
        results.contains { $0.measured == noEngine }
    }

    /// How many untimed checks of one `gym check` run at once: they mostly wait on the engine (a container's
    /// start window, a server's answer, the image's layers), so they overlap well even on two cores.
    static let checksAtOnce = 3

    /// The checks' results in the exercise's order; with `lastCheck`, none after the one with that id. The
    /// untimed checks run `checksAtOnce` at a time (the image is built once, by whichever needs it first,
    /// while the others wait for it); a timed check runs after them, alone, so no build or container of
    /// this grading shares the machine with its clock.
    static func run(_ exercise: Exercise, _ context: CheckContext, through lastCheck: String? = nil) -> [CheckResult] {
        let engine = exercise.needsEngine ? context.engineAvailable : true
        var checks = exercise.checks[...]
        if let lastCheck, let index = checks.firstIndex(where: { $0.id == lastCheck }) {
            checks = checks[...index]
        }
        @Sendable func grade(_ check: any ExerciseCheck) -> CheckResult {
            if check.needsEngine && !engine {
                return CheckResult(
                    id: check.id, title: check.title, passed: false, measured: noEngine,
                    advice: "this check builds the image: start the engine (`gym doctor` says how)")
            }
            return check.run(context)
        }
        let untimed = checks.indices.filter { !checks[$0].timed }
        let timed = checks.indices.filter { checks[$0].timed }
        var results = [CheckResult?](repeating: nil, count: checks.count)
        let first = InParallel.map(untimed.map { checks[$0] }, width: checksAtOnce, grade)
        for (index, result) in zip(untimed, first) { results[index - checks.startIndex] = result }
        for index in timed { results[index - checks.startIndex] = grade(checks[index]) }
        return results.map { $0! }
    }
}
