import Foundation
import Spawn

/// buildah or podman, driven through the same protocol (detected, not required). Their progress is not
/// BuildKit's: steps are read from `STEP n/m:` lines, and `--> Using cache` marks a cache hit.
public struct OCIBuilder: BuilderDriver {
    public let name: String

    public init(program: String) { name = program }

    public func version() throws(EngineError) -> String {
        let outcome = try Self.run([name, "--version"])
        guard outcome.status == 0 else { throw .notAnswering(host: name, message: outcome.output) }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func build(_ request: BuildRequest, onStep: ((BuildStep) -> Void)?) throws(EngineError) -> BuildResult {
        let arguments =
            [name, name == "podman" ? "build" : "bud", "-f", request.dockerfile, "--layers"] + request.commonArguments
        var steps: [BuildStep] = []
        let started = Date()
        let outcome = try Self.run(arguments) { line in
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

    public func removeImage(_ reference: String) {
        _ = try? Self.run([name, "rmi", "-f", reference])
    }

    /// Runs the builder's CLI: exit status and merged output.
    static func run(_ arguments: [String], onLine: ((String) -> Void)? = nil) throws(EngineError) -> EngineOutput {
        do {
            let output = try Subprocess.run(arguments, mergingStandardError: true, onLine: onLine)
            return EngineOutput(status: output.status, output: String(decoding: output.stdout, as: UTF8.self))
        } catch .notFound(let program) {
            throw .notInstalled(program)
        } catch {
            throw .failed(command: arguments.prefix(2).joined(separator: " "), status: -1, message: error.description)
        }
    }
}
