import Foundation

/// What `gym explore N` did: the prediction, recorded before the experiment ran, and the measurement.
public struct DiscoveryOutcome: Sendable, Codable, Equatable {
    public var question: Int
    public var topic: String
    public var prediction: String
    public var measured: DiscoveryMeasurement
    public var correct: Bool
    public var explanation: String
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

    /// The choice a prediction names (`b`, `B`), or an error listing the choices.
    public static func choice(_ prediction: String, of question: DiscoveryQuestion) throws(GymError) -> String {
        let key = prediction.trimmingCharacters(in: .whitespaces).lowercased()
        guard question.choices.contains(where: { $0.key == key }) else {
            let keys = question.choices.map(\.key).joined(separator: ", ")
            throw .badPrediction(
                "\(prediction.debugDescription) is not a choice of question \(question.number): \(keys)")
        }
        return key
    }

    /// Records the prediction, runs the experiment, records and returns what it measured.
    public static func explore(
        _ question: DiscoveryQuestion, prediction: String, workspace: Workspace, store: ProgressStore,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(GymError) -> DiscoveryOutcome {
        let key = try choice(prediction, of: question)
        let directory = directory(question, in: workspace)
        try setUp(question, in: directory)
        let id = try store.recordPrediction(question: question.number, prediction: key)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gym-explore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try setUp(question, in: scratch)
        let measured = try question.experiment.measure(
            in: scratch, lab: ExperimentLab(question: question.number, progress: progress))
        try store.recordMeasurement(id, measured)
        return DiscoveryOutcome(
            question: question.number, topic: question.topic, prediction: key, measured: measured,
            correct: key == measured.supports, explanation: question.explanation,
            limits: question.experiment.limits, directory: directory.path)
    }
}
