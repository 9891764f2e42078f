import Foundation

/// Question 1: a Dockerfile of 17 lines, built; line 15 changed; built again. Which steps ran?
struct LayerCachingExperiment: DiscoveryExperiment {
    static let lines = 17
    static let changed = 15

    var files: [String: String] {
        let steps = (2...Self.lines).map { "RUN echo step-\($0) > /step\($0)" }
        return [
            "Dockerfile": (["FROM debian:bookworm-slim"] + steps).joined(separator: "\n") + "\n",
            "README.md": """
            Question 1: build this Dockerfile, change line 15, build again, and watch which steps BuildKit
            answers from its cache (CACHED) and which it runs.

            """,
        ]
    }

    func measure(in directory: URL, lab: ExperimentLab) throws(GymError) -> DiscoveryMeasurement {
        _ = try lab.build(directory)
        try lab.edit(
            directory, "Dockerfile", replacing: "RUN echo step-\(Self.changed) >",
            with: "RUN echo step-\(Self.changed)-\(ExperimentLab.nonce()) >")
        let rebuilt = try lab.build(directory)
        func ran(_ line: Int) throws(GymError) -> Bool {
            let prefix = "RUN echo step-\(line)" + (line == Self.changed ? "-" : " ")
            guard let step = ExperimentLab.step(rebuilt, prefix) else {
                throw .experiment(question: 1, reason: "BuildKit's progress shows no step for line \(line)")
            }
            return !step.cached
        }
        var before = 0
        var after = 0
        for line in 2...Self.lines {
            if try ran(line) {
                if line < Self.changed { before += 1 } else { after += 1 }
            }
        }
        let afterCount = Self.lines - Self.changed + 1
        let supports = before == 0 && after == afterCount ? "b" : before == 0 && after == 1 ? "c" : "a"
        return DiscoveryMeasurement(
            supports: supports,
            evidence: [
                "lines 2-\(Self.changed - 1): \(Self.changed - 2 - before) of \(Self.changed - 2) steps from the cache",
                "lines \(Self.changed)-\(Self.lines): \(after) of \(afterCount) steps ran again",
                String(format: "the rebuild took %.1f s", rebuilt.wallSeconds),
            ])
    }
}
