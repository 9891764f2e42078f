import Foundation

/// One of the week's seven discovery questions, answered by an experiment: the learner predicts first (one
/// of the choices, recorded), the experiment measures, and the measurement says which choice it supports.
public struct DiscoveryQuestion: Sendable {
    public struct Choice: Sendable, Codable, Equatable {
        public var key: String
        public var text: String
    }

    public var number: Int
    public var topic: String
    /// The course's question, as the seed asks it.
    public var question: String
    /// What the learner predicts before the experiment runs.
    public var prompt: String
    public var choices: [Choice]
    /// The choice the course teaches; the experiment's test checks the measurement supports it.
    public var answer: String
    public var explanation: String
    public var experiment: any DiscoveryExperiment

    /// The directory name of its experiment (`1-layer-caching`).
    public var slug: String {
        "\(number)-" + topic.lowercased().replacingOccurrences(of: " ", with: "-")
    }
}

/// What an experiment measured: the choice the evidence supports, and the evidence.
public struct DiscoveryMeasurement: Sendable, Codable, Equatable {
    public var supports: String
    public var evidence: [String]

    public init(supports: String, evidence: [String]) {
        self.supports = supports
        self.evidence = evidence
    }
}

/// An experiment that answers a discovery question with the engine: its files, written into the learner's
/// workspace so they can read and rerun them, and the measurement.
public protocol DiscoveryExperiment: Sendable {
    /// The experiment's files (relative path → content).
    var files: [String: String] { get }
    /// What cannot be built offline here, said plainly; nil when everything is measured.
    var limits: String? { get }
    /// Runs it in `directory` (where `files` were written).
    func measure(in directory: URL, lab: ExperimentLab) throws(GymError) -> DiscoveryMeasurement
}

extension DiscoveryExperiment {
    public var limits: String? { nil }
}
