import Rendering

/// `gym cache`'s views of a prediction: per stage, each step's verdict and cause, then the totals and
/// suggestions; or the same as JSON.
public enum CacheReporter {
    struct Document: Encodable {
        struct Entry: Encodable {
            var stage: String
            var line: Int
            var instruction: String
            var prediction: String
            var cause: String?
        }

        var model: String
        var steps: [Entry]
        var suggestions: [String]
    }

    public static func json(_ prediction: CachePrediction) throws(RenderingError) -> String {
        try JSONText.encode(
            Document(
                model: prediction.model,
                steps: prediction.steps.map {
                    Document.Entry(
                        stage: $0.stage, line: $0.line, instruction: $0.instruction,
                        prediction: $0.prediction.rawValue, cause: $0.cause)
                }, suggestions: prediction.suggestions))
    }

    public static func text(_ prediction: CachePrediction) -> String {
        var lines = ["model: \(prediction.model)"]
        var currentStage = -1
        for step in prediction.steps {
            if step.stageIndex != currentStage {
                currentStage = step.stageIndex
                lines.append("stage \(step.stage)")
            }
            let label = step.prediction == .hit ? "hit    " : step.prediction == .miss ? "MISS   " : "depends"
            let text = step.instruction.count > 48 ? String(step.instruction.prefix(45)) + "..." : step.instruction
            lines.append("  \(String(step.line).padding(toLength: 4, withPad: " ", startingAt: 0)) \(label)  \(text)")
            if let cause = step.cause, step.prediction != .hit { lines.append("               \(cause)") }
        }
        let counts = Dictionary(grouping: prediction.steps.filter(\.isBuildStep), by: \.prediction).mapValues(\.count)
        lines.append(
            "build steps: \(counts[.hit] ?? 0) hit, \(counts[.miss] ?? 0) miss, \(counts[.depends] ?? 0) depend on another stage"
        )
        for suggestion in prediction.suggestions { lines.append("suggestion: \(suggestion)") }
        return lines.joined(separator: "\n")
    }
}
