import Rendering

/// Renders `gym explore`: the questions with the learner's answers, a question to predict, an outcome.
public enum DiscoveryReporter {
    /// The seven questions, each with its latest prediction and measurement.
    public static func list(_ questions: [DiscoveryQuestion], answers: [Int: DiscoveryAnswer]) -> String {
        var lines = ["discovery questions (gym explore N predicts, runs the experiment and compares):"]
        for question in questions {
            var state: String
            if let answer = answers[question.number] {
                if let measured = answer.measured {
                    state =
                        "predicted \(answer.prediction), measured \(measured): \(measured == answer.prediction ? "right" : "not quite")"
                } else {
                    state = "predicted \(answer.prediction), not measured yet"
                }
                if let words = answer.ownWords { state += "; you said: \(words.debugDescription)" }
            } else {
                state = "not explored"
            }
            lines.append(
                " \(question.number)  " + question.topic.padding(toLength: 24, withPad: " ", startingAt: 0) + state)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The question and its choices, asked before the experiment runs.
    public static func prompt(_ question: DiscoveryQuestion) -> String {
        var lines = ["Question \(question.number): \(question.topic)", question.question, "", question.prompt]
        for choice in question.choices { lines.append("  \(choice.key)) \(choice.text)") }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func text(_ outcome: DiscoveryOutcome, question: DiscoveryQuestion) -> String {
        func said(_ key: String) -> String {
            "\(key)) " + (question.choices.first { $0.key == key }?.text ?? "")
        }
        var lines = [
            "Question \(outcome.question): \(outcome.topic)", "you predicted: \(said(outcome.prediction))",
            "measured:      \(said(outcome.measured.supports))",
        ]
        lines += outcome.measured.evidence.map { "  \($0)" }
        lines.append(
            outcome.correct
                ? "right: the measurement agrees with your prediction."
                : "not quite: the measurement supports \(outcome.measured.supports), not \(outcome.prediction).")
        if let words = outcome.ownWords { lines.append("you said:      \(words)") }
        lines.append("why: \(outcome.explanation)")
        if let limits = outcome.limits { lines.append("not measured here: \(limits)") }
        lines.append("the experiment's files: \(outcome.directory)")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ outcome: DiscoveryOutcome) throws(RenderingError) -> String {
        try JSONText.encode(outcome) + "\n"
    }

    /// One question to answer, for a tool without a terminal: its text and the choices as this learner sees
    /// them.
    public static func json(asking question: DiscoveryQuestion) throws(RenderingError) -> String {
        try JSONText.encode(
            Listed(
                number: question.number, topic: question.topic, question: question.question,
                prompt: question.prompt, choices: question.choices, answer: nil)) + "\n"
    }

    struct Listed: Encodable {
        var number: Int
        var topic: String
        var question: String
        var prompt: String?
        var choices: [DiscoveryQuestion.Choice]
        var answer: DiscoveryAnswer?
    }

    public static func json(
        _ questions: [DiscoveryQuestion], answers: [Int: DiscoveryAnswer]
    ) throws(RenderingError)
        -> String
    {
        try JSONText.encode(
            questions.map {
                Listed(
                    number: $0.number, topic: $0.topic, question: $0.question, prompt: nil, choices: $0.choices,
                    answer: answers[$0.number])
            }) + "\n"
    }
}
