import Bench
import Engine
import Foundation
import Image
import Scan

/// What an experiment does on the engine: builds with no network, edits that no earlier build has seen (a
/// nonce, so the build cache cannot answer from an earlier run of the same experiment), and runs.
public struct ExperimentLab: Sendable {
    public let question: Int
    public let progress: @Sendable (String) -> Void
    /// The engine the experiments build and run on.
    public let engine: Engine
    let builder: DockerBuilder

    public init(question: Int, engine: Engine = .local, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.question = question
        self.engine = engine
        builder = DockerBuilder(engine: engine)
        self.progress = progress
    }

    /// A token for an edit no build has seen.
    static func nonce() -> String { String(UUID().uuidString.prefix(8)).lowercased() }

    func build(
        _ directory: URL, dockerfile: String = "Dockerfile", tag: String? = nil
    ) throws(GymError)
        -> BuildResult
    {
        progress("building \(dockerfile) ...")
        do {
            let request = BuildRequest(
                context: directory.path, dockerfile: directory.appendingPathComponent(dockerfile).path,
                network: "none", tag: tag)
            // an experiment that names no tag measures the build and keeps no image
            return try tag == nil ? builder.buildForMeasurement(request) : builder.build(request)
        } catch {
            throw .experiment(question: question, reason: "the build failed: \(error)")
        }
    }

    /// Replaces `old` with `new` in one file of the experiment.
    func edit(_ directory: URL, _ file: String, replacing old: String, with new: String) throws(GymError) {
        let url = directory.appendingPathComponent(file)
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            guard text.contains(old) else {
                throw GymError.experiment(question: question, reason: "\(file) no longer holds \(old.debugDescription)")
            }
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        } catch let error as GymError {
            throw error
        } catch {
            throw .experiment(question: question, reason: "cannot edit \(file): \(error.localizedDescription)")
        }
        progress("edited \(file)")
    }

    /// Runs an image with no network: exit status and what it printed (stdout and stderr).
    func run(_ image: String, _ arguments: [String] = []) throws(GymError) -> (status: Int32, output: String) {
        do {
            let result = try engine.run(ContainerRequest(image: image, arguments: arguments, removeWhenDone: true))
            return (result.status, result.output)
        } catch {
            throw .experiment(question: question, reason: "cannot run \(image): \(error)")
        }
    }

    func removeImage(_ tag: String) { builder.removeImage(tag) }

    /// An image on the engine scanned as `gym scan` does: its packages and their known vulnerabilities.
    func scan(_ image: String) throws(GymError) -> (packages: Int, findings: [Scan.Finding]) {
        guard let directory = VulnerabilityDatabase.defaultDirectory() else {
            throw .experiment(
                question: question, reason: "no vulnerability database: run gym db update, or set GYM_VULNDB")
        }
        progress("scanning \(image) ...")
        do {
            let loaded = try ImageSource.load(image, engine: engine)
            let (inventory, _, _) = try Inventory.read(loaded)
            let database = try VulnerabilityDatabase(directory: directory)
            return (inventory.packages.count, VulnerabilityScanner.scan(inventory, database: database))
        } catch {
            throw .experiment(question: question, reason: "cannot scan \(image): \(error)")
        }
    }

    /// The Dockerfile step whose instruction starts with `prefix`.
    static func step(_ result: BuildResult, _ prefix: String) -> BuildStep? {
        result.steps.first { $0.instruction?.hasPrefix(prefix) ?? false }
    }
}
