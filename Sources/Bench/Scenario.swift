/// The four builds Lab 1 compares.
public enum Scenario: String, Sendable, Codable, CaseIterable {
    /// No cache at all (`--no-cache`).
    case cold
    /// Rebuild with nothing changed.
    case warm
    /// Rebuild after editing a source file (not a dependency manifest).
    case code
    /// Rebuild after editing the dependency manifest.
    case deps
}

/// One measured build of a scenario.
public struct ScenarioRun: Sendable, Equatable, Codable {
    public var wallSeconds: Double
    public var stepsCached: Int
    public var stepsExecuted: Int
    public var steps: [StepTiming]
    public var imageSize: Int64?
    /// The file the scenario edited, relative to the context.
    public var changedFile: String?
}

/// A step's name, whether it was cached, and its time.
public struct StepTiming: Sendable, Equatable, Codable {
    public var name: String
    public var cached: Bool
    public var seconds: Double
}

/// A scenario's runs and their summary.
public struct ScenarioResult: Sendable, Equatable, Codable {
    public var dockerfile: String
    public var scenario: Scenario
    public var runs: [ScenarioRun]
    /// Why the scenario did not run (no manifest to edit, ...), when it did not.
    public var skipped: String?

    /// The median run by wall time.
    public var median: ScenarioRun? {
        guard !runs.isEmpty else { return nil }
        return runs.sorted { $0.wallSeconds < $1.wallSeconds }[(runs.count - 1) / 2]
    }

    public var wallSeconds: Double? { median?.wallSeconds }

    public var cacheHitRatio: Double? {
        guard let m = median else { return nil }
        let total = m.stepsCached + m.stepsExecuted
        return total == 0 ? 1 : Double(m.stepsCached) / Double(total)
    }

    /// The slowest steps of the median run, slowest first.
    public func slowest(_ count: Int = 3) -> [StepTiming] {
        (median?.steps ?? []).filter { !$0.cached }.sorted { $0.seconds > $1.seconds }.prefix(count).map { $0 }
    }
}
