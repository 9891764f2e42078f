import Rendering

/// `gym check`'s views of graded exercises: for a terminal (each check with what was measured and the
/// advice), or JSON (JUnit XML is `JUnitReport`).
public enum CheckReporter {
    struct Document: Encodable {
        var exercise: String
        var passed: Bool
        var checks: [CheckResult]

        init(_ exercise: Exercise, _ results: [CheckResult]) {
            self.exercise = exercise.slug
            passed = results.allSatisfy(\.passed)
            checks = results
        }
    }

    /// One exercise as a JSON object.
    public static func json(_ graded: (exercise: Exercise, results: [CheckResult])) throws(RenderingError) -> String {
        try JSONText.encode(Document(graded.exercise, graded.results))
    }

    /// Several exercises as a JSON array.
    public static func json(_ graded: [(exercise: Exercise, results: [CheckResult])]) throws(RenderingError) -> String {
        try JSONText.encode(graded.map { Document($0.exercise, $0.results) })
    }

    public static func text(_ exercise: Exercise, _ results: [CheckResult]) -> String {
        var lines = ["\(exercise.title):"]
        for result in results {
            lines.append("  \(result.passed ? "✓" : "✗") \(result.title)")
            lines.append("      \(result.measured)")
            if let advice = result.advice { lines.append("      → \(advice)") }
        }
        let passed = results.filter(\.passed).count
        lines.append("")
        lines.append(
            passed == results.count
                ? "All \(results.count) checks pass: \(exercise.slug) is done."
                : "\(passed) of \(results.count) checks pass. `gym hint \(exercise.slug)` when stuck.")
        return lines.joined(separator: "\n")
    }
}
