import Foundation

/// Runs an exercise's checks on the learner's workspace.
public enum Grader {
    /// Every check's result, in the exercise's order. Checks that need an engine fail with a clear reason
    /// when none answers.
    public static func check(
        _ exercise: Exercise, in directory: URL, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) -> [CheckResult] {
        let context = CheckContext(exercise: exercise, workspace: directory, progress: progress)
        defer { context.cleanUp() }
        let engine = exercise.needsEngine ? context.engineAvailable : true
        return exercise.checks.map { check in
            if check.needsEngine && !engine {
                return CheckResult(
                    id: check.id, title: check.title, passed: false, measured: "no Docker engine answers",
                    advice: "this check builds the image: start the engine (`gym doctor` says how)")
            }
            return check.run(context)
        }
    }
}
