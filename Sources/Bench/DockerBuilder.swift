import Foundation

/// Drives `docker build` with BuildKit (`DOCKER_BUILDKIT=1`, `--progress=plain`).
public struct DockerBuilder: BuilderDriver {
    public let name = "docker"

    public init() {}

    public func version() throws(BenchError) -> String {
        let outcome = try ProcessRunner.run(["docker", "version", "--format", "{{.Server.Version}}"])
        guard outcome.status == 0 else {
            throw .noBuilder(
                "the Docker engine does not answer (\(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func build(_ request: BuildRequest, onStep: ((BuildStep) -> Void)? = nil) throws(BenchError) -> BuildResult {
        let iidFile = FileManager.default.temporaryDirectory.appendingPathComponent("gym-iid-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: iidFile) }
        let arguments =
            ["docker", "build", "--progress=plain", "--iidfile", iidFile, "-f", request.dockerfile]
            + request.commonArguments

        var parser = BuildProgressParser()
        let started = Date()
        let outcome = try ProcessRunner.run(arguments, environment: ["DOCKER_BUILDKIT": "1"]) { line in
            if let step = parser.consume(line), step.isInstruction { onStep?(step) }
        }
        let wall = Date().timeIntervalSince(started)
        let steps = parser.allSteps
        guard outcome.status == 0 else {
            let failing = steps.first { $0.error != nil }
            let message = parser.errors.last ?? failing?.error ?? "docker build exited with \(outcome.status)"
            throw .buildFailed(step: failing?.name, message: message, log: outcome.output)
        }
        let imageID =
            (try? String(contentsOfFile: iidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            ?? parser.imageID
        var size: Int64? = nil
        if let imageID {
            let inspect = try ProcessRunner.run(["docker", "image", "inspect", "--format", "{{.Size}}", imageID])
            size = Int64(inspect.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return BuildResult(
            wallSeconds: wall, steps: steps, imageID: imageID, imageSize: size, succeeded: true, log: outcome.output)
    }

    public func pruneCache() throws(BenchError) {
        let outcome = try ProcessRunner.run(["docker", "builder", "prune", "--all", "--force"])
        guard outcome.status == 0 else { throw .noBuilder("cannot prune the build cache: \(outcome.output)") }
    }

    public func removeImage(_ reference: String) {
        _ = try? ProcessRunner.run(["docker", "image", "rm", "--force", reference])
    }

    /// `docker info` facts for `gym doctor`.
    public func info() -> [String: String] {
        guard
            let outcome = try? ProcessRunner.run([
                "docker", "info", "--format",
                "{{.ServerVersion}}|{{.Driver}}|{{.OperatingSystem}}|{{.Architecture}}|{{.NCPU}}|{{.MemTotal}}|{{.DockerRootDir}}",
            ]), outcome.status == 0
        else { return [:] }
        let parts = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "|", omittingEmptySubsequences: false
        ).map(String.init)
        let keys = ["serverVersion", "storageDriver", "operatingSystem", "architecture", "cpus", "memory", "rootDir"]
        return Dictionary(uniqueKeysWithValues: zip(keys, parts))
    }

    /// The buildx plugin's version line, nil when absent.
    public func buildxVersion() -> String? {
        guard let outcome = try? ProcessRunner.run(["docker", "buildx", "version"]), outcome.status == 0 else {
            return nil
        }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Pulls an image into the engine (a digest reference is verified by the engine as it pulls).
    public func pullImage(_ reference: String) throws(BenchError) {
        let outcome = try ProcessRunner.run(["docker", "pull", "--quiet", reference])
        guard outcome.status == 0 else {
            throw .noBuilder(
                "the engine cannot pull \(reference): \(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
    }

    /// Pulls `reference` and gives it a tag of the caller's own, `tag`: one grader's hold on the image. Another
    /// grader of the same image holds it under its own tag, so `release` of one never removes the image from
    /// under the other. When another holder removed the pulled reference between the pull and the tag, it
    /// pulls again.
    public func hold(_ reference: String, as tag: String, attempts: Int = 3) throws(BenchError) {
        for attempt in 1...max(1, attempts) {
            try pullImage(reference)
            let tagged = try ProcessRunner.run(["docker", "image", "tag", reference, tag])
            if tagged.status == 0 { return }
            if attempt == attempts {
                throw .noBuilder(
                    "cannot tag \(reference) as \(tag): \(tagged.output.trimmingCharacters(in: .whitespacesAndNewlines))"
                )
            }
        }
    }

    /// Lets go of a hold: the caller's tag and the pulled reference go; the image itself stays as long as
    /// another holder's tag names it.
    public func release(_ reference: String, heldAs tag: String) {
        // by name, never by id: removing a name leaves the image while other names remain
        _ = try? ProcessRunner.run(["docker", "image", "rm", "--force", tag, reference])
    }

    /// An image the engine holds, as a build would have reported it: its ID and size, no steps.
    public func inspectImage(_ reference: String) throws(BenchError) -> BuildResult {
        let outcome = try ProcessRunner.run(["docker", "image", "inspect", "--format", "{{.Id}} {{.Size}}", reference])
        let fields = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard outcome.status == 0, fields.count == 2 else {
            throw .noBuilder(
                "the engine has no image \(reference): \(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        return BuildResult(
            wallSeconds: 0, steps: [], imageID: String(fields[0]), imageSize: Int64(fields[1]), succeeded: true,
            log: "")
    }

    /// Whether an image exists locally.
    public func hasImage(_ reference: String) -> Bool {
        (try? ProcessRunner.run(["docker", "image", "inspect", "--format", "{{.Id}}", reference]))?.status == 0
    }
}
