import Engine
import Foundation

/// What `gym explore N` did: the prediction, recorded before the experiment ran, and the measurement.
public struct DiscoveryOutcome: Sendable, Codable, Equatable {
    public var question: Int
    public var topic: String
    public var prediction: String
    public var measured: DiscoveryMeasurement
    public var correct: Bool
    public var explanation: String
    /// The learner's own words for why they predicted what they did (kept with the prediction).
    public var ownWords: String?
    /// What could not be measured here.
    public var limits: String?
    /// Where the experiment's files are, for the learner to read and rerun.
    public var directory: String
}

/// Runs the discovery experiments: the files go into the learner's workspace (never over files that are
/// already there), the measurement runs in a scratch copy of the pack's own files, so a learner's edits are
/// neither lost nor able to change what is measured.
public enum Explorer {
    /// Where question `question`'s files go.
    public static func directory(_ question: DiscoveryQuestion, in workspace: Workspace) -> URL {
        workspace.root.appendingPathComponent("explore").appendingPathComponent(question.slug)
    }

    /// Writes the experiment's files where none are yet; returns the ones written.
    @discardableResult
    public static func setUp(_ question: DiscoveryQuestion, in directory: URL) throws(GymError) -> [String] {
        var written: [String] = []
        for (relative, text) in question.experiment.files.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(relative)
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                throw .io(path: url.path, reason: "cannot write the experiment: \(error.localizedDescription)")
            }
            written.append(relative)
        }
        return written
    }

    /// The longest answer in the learner's own words that is kept.
    public static let ownWordsLimit = 2000

    /// The choice a prediction names (`b`, `B`, as this learner's order letters it): its own key, or an error
    /// listing the choices.
    public static func choice(
        _ prediction: String, of question: DiscoveryQuestion, order: ChoiceOrder = .packOrder
    )
        throws(GymError) -> String
    {
        guard let key = order.key(prediction, of: question) else {
            let letters = order.shown(question).map(\.letter).joined(separator: ", ")
            throw .badPrediction(
                "\(prediction.debugDescription) is not a choice of question \(question.number): \(letters)")
        }
        return key
    }

    /// The learner's own words, trimmed; an error past the limit (nothing is cut silently).
    public static func ownWords(_ text: String?) throws(GymError) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= ownWordsLimit else {
            throw .badPrediction("your own words are \(text.count) characters; at most \(ownWordsLimit) are kept")
        }
        return text
    }

    /// Records the prediction, runs the experiment, records and returns what it measured.
    /// The prediction is a letter as `order` shows the choices; the outcome names the choices the same way.
    public static func explore(
        _ question: DiscoveryQuestion, prediction: String, ownWords: String? = nil, order: ChoiceOrder = .packOrder,
        workspace: Workspace, store: ProgressStore, engine: Engine = .local,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(GymError) -> DiscoveryOutcome {
        let key = try choice(prediction, of: question, order: order)
        let words = try self.ownWords(ownWords)
        let directory = directory(question, in: workspace)
        try setUp(question, in: directory)
        let id = try store.recordPrediction(question: question.number, prediction: key, ownWords: words)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gym-explore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try setUp(question, in: scratch)
        let measured = try question.experiment.measure(
            in: scratch, lab: ExperimentLab(question: question.number, engine: engine, progress: progress))
        try store.recordMeasurement(id, measured)
        var shown = measured
        shown.supports = order.letter(measured.supports, of: question) ?? measured.supports
        return DiscoveryOutcome(
            question: question.number, topic: question.topic, prediction: order.letter(key, of: question) ?? key,
            measured: shown, correct: key == measured.supports, explanation: question.explanation,
            ownWords: words, limits: question.experiment.limits, directory: directory.path)
    }
}
