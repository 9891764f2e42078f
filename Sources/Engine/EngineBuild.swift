import Foundation

extension Engine {
    /// Builds with BuildKit (`--progress=plain`), calling `onStep` as each Dockerfile step completes: the
    /// steps (cached or run, with their output), the wall clock, the image ID BuildKit wrote and its size.
    public func build(
        _ request: BuildRequest, onStep: ((BuildStep) -> Void)? = nil
    ) throws(EngineError)
        -> BuildResult
    {
        let iidFile = FileManager.default.temporaryDirectory.appendingPathComponent("gym-iid-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: iidFile) }
        var request = request
        request.labels += labels
        if let buildProxy {
            // BuildKit's predefined proxy arguments: in every RUN's environment, never in the cache key or
            // the image's history; a build that sets its own (the offline rebuild's closed proxy) keeps them
            for name in Self.proxyArgumentNames where request.buildArgs[name] == nil {
                request.buildArgs[name] = buildProxy
            }
        }
        // BuildKit writes no image ID for files exported to a directory (and refuses the option)
        let identity = request.outputDirectory == nil ? ["--iidfile", iidFile] : []
        let arguments =
            ["build", "--progress=plain"] + identity + ["-f", request.dockerfile] + request.commonArguments
        var parser = BuildProgressParser()
        let started = Date()
        let output = try execute(arguments, environment: ["DOCKER_BUILDKIT": "1"]) { line in
            if let step = parser.consume(line), step.isInstruction { onStep?(step) }
        }
        let wall = output.elapsedSeconds ?? Date().timeIntervalSince(started)
        let steps = parser.allSteps
        guard output.succeeded else {
            let failing = steps.first { $0.error != nil }
            let message = parser.errors.last ?? failing?.error ?? "docker build exited with \(output.status)"
            throw .buildFailed(step: failing?.name, message: message, log: output.output)
        }
        let imageID =
            request.outputDirectory != nil
            ? nil
            : (try? String(contentsOfFile: iidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                ?? parser.imageID
        var size: Int64? = nil
        if let imageID { size = Int64(try inspectImage(imageID, format: "{{.Size}}")) }
        return BuildResult(
            wallSeconds: wall, steps: steps, imageID: imageID, imageSize: size, succeeded: true, log: output.output)
    }

    /// The proxy arguments BuildKit defines without an `ARG` line.
    public static let proxyArgumentNames = ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]

    /// An image the engine holds, as a build would have reported it: its ID and size, no steps.
    public func measuredImage(_ reference: String) throws(EngineError) -> BuildResult {
        let (id, size) = try imageIDAndSize(reference)
        return BuildResult(wallSeconds: 0, steps: [], imageID: id, imageSize: size, succeeded: true, log: "")
    }
}
