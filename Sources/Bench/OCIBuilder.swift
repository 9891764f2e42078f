import Foundation

/// buildah or podman, driven through the same protocol (detected, not required). Their progress is not
/// BuildKit's: steps are read from `STEP n/m:` lines, and `--> Using cache` marks a cache hit.
public struct OCIBuilder: BuilderDriver {
    public let name: String

    public init(program: String) { name = program }

    public func version() throws(BenchError) -> String {
        let outcome = try ProcessRunner.run([name, "--version"])
        guard outcome.status == 0 else { throw .noBuilder("\(name) does not answer") }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func build(_ request: BuildRequest, onStep: ((BuildStep) -> Void)?) throws(BenchError) -> BuildResult {
        let arguments =
            [name, name == "podman" ? "build" : "bud", "-f", request.dockerfile, "--layers"] + request.commonArguments
        var steps: [BuildStep] = []
        let started = Date()
        let outcome = try ProcessRunner.run(arguments) { line in
            if line.hasPrefix("STEP "), let colon = line.firstIndex(of: ":") {
                let fraction = line.dropFirst(5)[..<colon].split(separator: "/")
                steps.append(
                    BuildStep(
                        vertex: steps.count + 1, name: line, stage: nil, position: Int(fraction.first ?? ""),
                        stageSteps: fraction.count > 1 ? Int(fraction[1]) : nil,
                        instruction: String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces),
                        cached: false, seconds: nil, error: nil, logs: []))
            } else if line.contains("Using cache"), !steps.isEmpty {
                steps[steps.count - 1].cached = true
                onStep?(steps[steps.count - 1])
            }
        }
        guard outcome.status == 0 else {
            throw .buildFailed(
                step: steps.last?.name, message: "\(name) exited with \(outcome.status)", log: outcome.output)
        }
        return BuildResult(
            wallSeconds: Date().timeIntervalSince(started), steps: steps, imageID: nil, imageSize: nil, succeeded: true,
            log: outcome.output)
    }

    public func pruneCache() throws(BenchError) {
        _ = try ProcessRunner.run([
            name, name == "podman" ? "builder" : "prune", name == "podman" ? "prune" : "--all", "-f",
        ])
    }

    public func removeImage(_ reference: String) {
        _ = try? ProcessRunner.run([name, "rmi", "-f", reference])
    }
}
