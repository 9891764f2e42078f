import Context
import Dockerfile
import Engine
import Foundation

/// What one differential scenario found.
public struct DifferentialOutcome: Sendable, Equatable {
    public var scenario: String
    /// Steps BuildKit ran in the second build that the prediction judged (hit or miss).
    public var compared: Int
    /// Each step where the prediction and BuildKit disagree, in words.
    public var disagreements: [String]

    public var agrees: Bool { disagreements.isEmpty }
}

/// The differential test of the cache model against a real BuildKit: build (with cache keys of the run's own,
/// `RunNonce`), apply the change, predict, rebuild, and compare every step BuildKit reports with the prediction.
public struct CacheDifferential: Sendable {
    let builder: DockerBuilder

    public init(engine: Engine = .local) { builder = DockerBuilder(engine: engine) }

    /// Runs one scenario in a scratch directory (removed afterwards).
    public func run(_ scenario: CacheScenario) throws -> DifferentialOutcome {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("gym-differential-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        // keys no earlier build made (not a prune of the whole builder cache: other builds keep theirs)
        let dockerfile = try RunNonce.keyed(scenario.dockerfile, nonce: RunNonce.fresh())
        for (path, content) in scenario.files.merging(["Dockerfile": dockerfile], uniquingKeysWith: { $1 }) {
            let url = dir.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
            try fm.setAttributes(
                [.posixPermissions: scenario.executables.contains(path) ? 0o755 : 0o644], ofItemAtPath: url.path)
        }
        let dockerfilePath = dir.appendingPathComponent("Dockerfile").path
        _ = try build(dir, target: scenario.targetBefore, args: scenario.argsBefore)
        let before = BuildState(
            dockerfile: try Dockerfile.parse(contentsOfFile: dockerfilePath),
            context: try ContextSnapshot.scan(directory: dir.path, dockerfile: dockerfilePath),
            buildArgs: scenario.argsBefore)
        try apply(scenario.change, in: dir)
        let after = BuildState(
            dockerfile: try Dockerfile.parse(contentsOfFile: dockerfilePath),
            context: try ContextSnapshot.scan(directory: dir.path, dockerfile: dockerfilePath),
            buildArgs: scenario.argsAfter)
        let prediction = try CachePredictor.predict(
            before: before, after: after, target: scenario.targetAfter, targetBefore: scenario.targetBefore)
        let actual = try build(dir, target: scenario.targetAfter, args: scenario.argsAfter)
        return compare(prediction, actual, stages: after.dockerfile.stages, scenario: scenario.name)
    }

    func build(_ dir: URL, target: String?, args: [String: String]) throws(BenchError) -> [BuildStep] {
        let request = BuildRequest(
            context: dir.path, dockerfile: dir.appendingPathComponent("Dockerfile").path, target: target,
            buildArgs: args, network: "none")
        return try onEngine { () throws(EngineError) in try builder.buildForMeasurement(request) }.steps.filter {
            $0.isInstruction && !$0.isFrom
        }
    }

    func apply(_ change: CacheScenario.Change, in dir: URL) throws {
        let fm = FileManager.default
        func url(_ path: String) -> URL { dir.appendingPathComponent(path) }
        func append(_ path: String) throws {
            let handle = try FileHandle(forWritingTo: url(path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("changed\n".utf8))
        }
        switch change {
        case .edit(let path), .editIgnored(let path):
            try append(path)
        case .touch(let path):
            try fm.setAttributes([.modificationDate: Date().addingTimeInterval(3600)], ofItemAtPath: url(path).path)
        case .chmod(let path):
            let mode = (try fm.attributesOfItem(atPath: url(path).path)[.posixPermissions] as? Int) ?? 0o644
            try fm.setAttributes([.posixPermissions: mode & 0o100 != 0 ? 0o644 : 0o755], ofItemAtPath: url(path).path)
        case .add(let path):
            try fm.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try "new\n".write(to: url(path), atomically: true, encoding: .utf8)
        case .delete(let path):
            try fm.removeItem(at: url(path))
        case .rename(let path, let to):
            try fm.moveItem(at: url(path), to: url(to))
        case .buildArg, .target:
            break
        }
    }

    /// Every step BuildKit reports, against the predicted step of the same stage and position.
    func compare(
        _ prediction: CachePrediction, _ actual: [BuildStep], stages: [Stage], scenario: String
    ) -> DifferentialOutcome {
        var disagreements: [String] = []
        var compared = 0
        if actual.isEmpty { disagreements.append("BuildKit reported no steps") }
        let multiStage = stages.count > 1
        for step in actual where !RunNonce.isNonceStep(step.name) {
            let predicted = prediction.steps.first { p in
                guard p.isBuildStep, p.position == step.position else { return false }
                let label = stages[p.stageIndex].name ?? "stage-\(p.stageIndex)"
                return multiStage ? step.stage == label : (step.stage == nil || step.stage == label)
            }
            guard let predicted else {
                disagreements.append("BuildKit ran \(step.name), which the prediction does not have")
                continue
            }
            switch predicted.prediction {
            case .hit:
                compared += 1
                if !step.cached { disagreements.append("\(step.name): predicted hit, BuildKit executed it") }
            case .miss:
                compared += 1
                if step.cached {
                    disagreements.append(
                        "\(step.name): predicted miss (\(predicted.cause ?? "")), BuildKit used the cache")
                }
            case .depends:
                break  // either is right: it hinges on the bytes of an upstream stage's output
            }
        }
        return DifferentialOutcome(scenario: scenario, compared: compared, disagreements: disagreements)
    }
}
