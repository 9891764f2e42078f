/// Every way the gym can fail, with the offending value in the message.
public enum GymError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No exercise has this slug.
    case unknownExercise(String, known: [String])
    /// An exercise's own files are broken (a bug in the exercise, not in the learner's work).
    case badExercise(slug: String, reason: String)
    /// The exercise has not been started, so it has no workspace.
    case notStarted(String)
    /// A file or directory could not be read, copied or written.
    case io(path: String, reason: String)
    /// The progress database failed.
    case storage(String)
    /// A discovery question's experiment could not run (the engine, a base image, a build).
    case experiment(question: Int, reason: String)
    /// No discovery question has this number, or the prediction is not one of its choices.
    case badPrediction(String)

    public var description: String {
        switch self {
        case .unknownExercise(let slug, let known):
            return "no exercise named \(slug.debugDescription); try one of: \(known.joined(separator: ", "))"
        case .badExercise(let slug, let reason): return "exercise \(slug) is broken: \(reason)"
        case .notStarted(let slug): return "\(slug) is not started: run `gym start \(slug)` first"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .storage(let why): return "progress database: \(why)"
        case .experiment(let question, let reason): return "discovery question \(question): \(reason)"
        case .badPrediction(let why): return why
        }
    }
}
