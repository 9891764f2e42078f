import Engine
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
    /// Why it did not behave as it must, when it did not.
    public var why: String?
}

/// Checks an exercise the way its author must: the starter fails, the reference solution passes, every
/// gaming attempt fails at the check it names, every alternative passes. The built-in pack is validated by
/// the test suite with this same code.
public enum ExerciseValidator {
    /// One attempt to grade: its name and how its files are written.
    struct Attempt: Sendable {
        var name: String
        var write: @Sendable (URL) throws(GymError) -> Void
        /// A gaming attempt is graded up to the check that must catch it and no further.
        var through: String? = nil
        /// Whether its verdict can rest on a timed check's clock, so it is graded with no other build beside it.
        var clockBound = true
        var judge: @Sendable ([CheckResult]) -> ValidationOutcome
    }

    /// Which of an exercise's attempts to grade.
    public enum Part: String, Sendable, CaseIterable {
        /// Every attempt.
        case all
        /// The attempts whose verdict no clock can sway (every attempt of an exercise with no timed check): they
        /// may be graded beside other builds, this validation's or anyone's.
        case unclocked
        /// The attempts whose verdict a timed check's clock could sway: each must be graded with no other build
        /// on the engine.
        case clocked
    }

    /// Grades every attempt of `part`, `jobs` at a time (each in a directory and under an image tag of its own;
    /// BuildKit shares the base layers and the cache between them), on `engine`. In an exercise with a timed
    /// check (a ratio of wall clocks), an attempt whose verdict the clock could sway (one that must pass, or must
    /// fail at the timed check for a reason other than its failures by effect) is graded alone, after the
    /// others, so no other build of this validation skews its clock; the caller keeps other builds off the
    /// engine meanwhile. Outcomes come back in the attempts' order: starter, solution, then the cases.
    public static func validate(
        _ exercise: Exercise, jobs: Int = 2, part: Part = .all, engine: Engine = .local,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(GymError) -> [ValidationOutcome] {
        let attempts = try self.attempts(exercise)
        // with a timed check, the attempts whose verdict no clock can sway go side by side first, then the rest
        // one at a time
        let timed = exercise.checks.contains(where: \.timed)
        let free = part == .clocked ? [] : attempts.indices.filter { !timed || !attempts[$0].clockBound }
        let alone = part == .unclocked ? [] : attempts.indices.filter { timed && attempts[$0].clockBound }
        let grade = { @Sendable (attempt: Attempt) -> Result<ValidationOutcome, GymError> in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
                "gym-validate-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            do throws(GymError) {
                try attempt.write(dir)
            } catch {
                return .failure(error)
            }
            progress("\(exercise.slug): \(attempt.name) ...")
            return .success(
                attempt.judge(
                    Grader.check(exercise, in: dir, engine: engine, through: attempt.through, progress: progress)))
        }
        var results = [Result<ValidationOutcome, GymError>?](repeating: nil, count: attempts.count)
        for (indices, width) in [(free, max(1, jobs)), (alone, 1)] {
            let graded = InParallel.map(indices.map { attempts[$0] }, width: width, grade)
            for (index, result) in zip(indices, graded) { results[index] = result }
        }
        var outcomes: [ValidationOutcome] = []
        for case let result? in results {
            switch result {
            case .success(let outcome): outcomes.append(outcome)
            case .failure(let error): throw error
            }
        }
        return outcomes
    }

    /// The starter, the solution, and every gaming attempt and alternative kept with the exercise.
    static func attempts(_ exercise: Exercise) throws(GymError) -> [Attempt] {
        var attempts = [
            Attempt(
                name: "starter",
                write: { (dir: URL) throws(GymError) in
                    do {
                        try FileManager.default.copyItem(at: exercise.starter, to: dir)
                    } catch {
                        throw .io(path: dir.path, reason: "cannot copy the starter: \(error.localizedDescription)")
                    }
                },
                // it must fail, whatever fails
                clockBound: false,
                judge: {
                    ValidationOutcome(name: "starter", expectation: "fail", ok: !$0.allSatisfy(\.passed), results: $0)
                }
            ),
            Attempt(
                name: "solution",
                write: { (dir: URL) throws(GymError) in try exercise.writeSolution(to: dir) },
                judge: {
                    ValidationOutcome(name: "solution", expectation: "pass", ok: $0.allSatisfy(\.passed), results: $0)
                }
            ),
        ]
        for item in try exercise.cases() {
            let name = "\(item.kind == .gaming ? "gaming" : "alternatives")/\(item.name)"
            let judge: @Sendable ([CheckResult]) -> ValidationOutcome
            switch item.kind {
            case .gaming:
                judge = { results in
                    let caught = results.contains { $0.id == item.caughtBy && !$0.passed }
                    return ValidationOutcome(
                        name: name, expectation: "fail at \(item.caughtBy ?? "a check")", ok: caught, results: results)
                }
            case .alternative:
                judge = { ValidationOutcome(name: name, expectation: "pass", ok: $0.allSatisfy(\.passed), results: $0) }
            }
            attempts.append(
                Attempt(
                    name: name, write: { (dir: URL) throws(GymError) in try exercise.write(item, to: dir) },
                    clockBound: clockBound(item, exercise), judge: judge))
        }
        return attempts
    }

    /// Whether a case's verdict can rest on a clock: an alternative must pass every check, timed ones included;
    /// a gaming attempt only when the check that must catch it is timed and the reason it must fail for is not
    /// one of that check's failures by effect.
    static func clockBound(_ item: ExerciseCase, _ exercise: Exercise) -> Bool {
        guard item.kind == .gaming else { return true }
        guard let check = exercise.checks.first(where: { $0.id == item.caughtBy }), check.timed else { return false }
        guard let reason = item.reason?.lowercased() else { return true }
        return !check.failuresByEffect.contains { $0.lowercased().contains(reason) || reason.contains($0.lowercased()) }
    }

    static func passes(_ name: String, _ results: [CheckResult]) -> ValidationOutcome {
        let failing = results.filter { !$0.passed }.map(\.id)
        return ValidationOutcome(
            name: name, expectation: "pass", ok: failing.isEmpty, results: results,
            why: failing.isEmpty ? nil : "fails \(failing.joined(separator: ", "))")
    }

    /// What a failure says when the image was never there to measure: a build error, not the reason a gaming
    /// attempt must be caught for.
    static let buildErrors = ["the image does not build", "a build failed", "the rebuild failed"]

    /// Why a gaming attempt was not caught as it must be (nil: it was): `check` ran and failed, not because the
    /// image did not build, and its report holds `reason` when one is named.
    static func caughtFor(_ results: [CheckResult], check: String, reason: String?) -> String? {
        guard let result = results.first(where: { $0.id == check }) else { return "\(check) never ran" }
        guard !result.passed else { return "\(check) passed: \(result.measured)" }
        let report = result.measured + " " + (result.advice ?? "")
        if let reason {
            guard report.range(of: reason, options: .caseInsensitive) != nil else {
                return "\(check) failed for another reason than \(reason.debugDescription): \(result.measured)"
            }
            return nil
        }
        if buildErrors.contains(where: { result.measured.hasPrefix($0) }) {
            return "\(check) failed only because a build failed (\(result.measured)), not for what the attempt does"
        }
        return nil
    }
}
