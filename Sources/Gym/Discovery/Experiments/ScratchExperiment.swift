import Bench
import Engine
import Foundation

/// Question 6: a Python app on `FROM scratch`, built and run.
struct ScratchExperiment: DiscoveryExperiment {
    var files: [String: String] {
        [
            "Dockerfile": "FROM scratch\nCOPY app.py /app.py\nCMD [\"python\", \"/app.py\"]\n",
            "app.py": "print('hello from scratch')\n",
        ]
    }

    func measure(in directory: URL, lab: ExperimentLab) throws(GymError) -> DiscoveryMeasurement {
        let tag = "gym-explore-scratch:\(ExperimentLab.nonce())"
        let built: BuildResult
        do {
            built = try lab.build(directory, tag: tag)
        } catch {
            return DiscoveryMeasurement(supports: "a", evidence: ["the build failed: \(error)"])
        }
        defer { lab.removeImage(tag) }
        let run = try lab.run(tag)
        let lines = run.output.split(separator: "\n").map(String.init)
        // docker's own explanation, not its usage hint
        let output = lines.first { $0.contains("not found") || $0.contains("no such file") } ?? lines.first ?? ""
        let supports = run.status == 0 ? "c" : "b"
        return DiscoveryMeasurement(
            supports: supports,
            evidence: [
                "the build succeeded: the image is \(built.imageSize ?? 0) bytes (app.py and nothing else)",
                run.status == 0
                    ? "the container ran and printed \(output)"
                    : "the container could not start (exit \(run.status)): \(output)",
            ])
    }
}
