import Foundation

/// What `gym validate` concluded about one attempt at an exercise.
public struct ValidationOutcome: Sendable, Codable, Equatable {
    /// `starter`, `solution`, `gaming/echo-in-cmd`, `alternatives/venv-between-stages`.
    public var name: String
    /// What must happen: `fail`, `pass`, or `fail at image-runs`.
    public var expectation: String
    /// Whether it did.
    public var ok: Bool
    /// The checks' results on it.
    public var results: [CheckResult]
}

/// Checks an exercise the way its author must: the starter fails, the reference solution passes, every
/// gaming attempt fails at the check it names, every alternative passes. The built-in pack is validated by
/// the test suite with this same code.
public enum ExerciseValidator {
    public static func validate(
        _ exercise: Exercise, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(GymError) -> [ValidationOutcome] {
        var outcomes: [ValidationOutcome] = []
        func attempt(_ name: String, write: (URL) throws(GymError) -> Void) throws(GymError) -> [CheckResult] {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-validate-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            try write(dir)
            progress("\(exercise.slug): \(name) ...")
            return Grader.check(exercise, in: dir, progress: progress)
        }
        let starter = try attempt("starter") { (dir: URL) throws(GymError) in
            do {
                try FileManager.default.copyItem(at: exercise.starter, to: dir)
            } catch {
                throw .io(path: dir.path, reason: "cannot copy the starter: \(error.localizedDescription)")
            }
        }
        outcomes.append(
            ValidationOutcome(
                name: "starter", expectation: "fail", ok: !starter.allSatisfy(\.passed), results: starter))
        let solution = try attempt("solution") { (dir: URL) throws(GymError) in try exercise.writeSolution(to: dir) }
        outcomes.append(
            ValidationOutcome(
                name: "solution", expectation: "pass", ok: solution.allSatisfy(\.passed), results: solution))
        for item in try exercise.cases() {
            let name = "\(item.kind == .gaming ? "gaming" : "alternatives")/\(item.name)"
            let results = try attempt(name) { (dir: URL) throws(GymError) in try exercise.write(item, to: dir) }
            switch item.kind {
            case .gaming:
                let caught = results.contains { $0.id == item.caughtBy && !$0.passed }
                outcomes.append(
                    ValidationOutcome(
                        name: name, expectation: "fail at \(item.caughtBy ?? "a check")", ok: caught,
                        results: results))
            case .alternative:
                outcomes.append(
                    ValidationOutcome(
                        name: name, expectation: "pass", ok: results.allSatisfy(\.passed), results: results))
            }
        }
        return outcomes
    }
}
