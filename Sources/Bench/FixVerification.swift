import Engine
import Foundation
import Image

/// One variant of a Dockerfile (before or after gym fix) built and measured on the engine.
public struct VariantMeasure: Sendable, Codable, Equatable {
    public var sizeBytes: Int64?
    public var layers: Int
    /// Bytes the layers hold that the final filesystem does not (dive's wasted bytes).
    public var wastedBytes: Int64
    /// After editing one source file: the rebuild's time and the Dockerfile steps that ran again.
    public var rebuildSeconds: Double?
    public var rebuildStepsRun: Int?
    public var editedFile: String?
    /// The image's default command, run with no network for at most `RunOutcome.limit` seconds.
    public var run: RunOutcome
}

/// How the default command ended.
public struct RunOutcome: Sendable, Codable, Equatable {
    public static let limit = 10
    /// nil when it was still running at the limit (a server), and stopped.
    public var exitCode: Int32?
    public var output: String
    /// How another run's output is held against this one's, as two runs of this same image showed (a
    /// timestamp or a process id in it differs from run to run).
    public var comparison: OutputComparison

    public init(exitCode: Int32?, output: String, comparison: OutputComparison = .exact) {
        self.exitCode = exitCode
        self.output = output
        self.comparison = comparison
    }

    /// Another run (the fixed image's) behaves like this one (the original's): both still running at the
    /// limit, or the same exit code and output, compared as this run's `comparison` says.
    public func matches(_ other: RunOutcome) -> Bool {
        guard exitCode == other.exitCode else { return false }
        guard exitCode != nil else { return true }
        switch comparison {
        case .exact: return output == other.output
        case .numbersIgnored: return Self.masked(output) == Self.masked(other.output)
        case .exitCodeOnly: return true
        }
    }

    /// How the outputs of two runs of one image compare: the same, the same once numbers (times, ids, process
    /// numbers, hexadecimal ids) are masked, or not even then.
    public static func comparison(_ first: String, _ second: String) -> OutputComparison {
        if first == second { return .exact }
        return masked(first) == masked(second) ? .numbersIgnored : .exitCodeOnly
    }

    /// The text with every word part made of hexadecimal digits that holds a decimal digit replaced by `#`.
    static func masked(_ text: String) -> String {
        numbers.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "#")
    }

    nonisolated(unsafe) static let numbers = try! NSRegularExpression(pattern: "[0-9a-fA-F]*[0-9][0-9a-fA-F]*")
}

/// How a run's output is compared with the original image's.
public enum OutputComparison: String, Sendable, Codable {
    /// Byte for byte: two runs of the original printed the same.
    case exact
    /// With numbers masked: two runs of the original differed only in them.
    case numbersIgnored = "numbers-ignored"
    /// Not at all: two runs of the original printed different text (or ended differently).
    case exitCodeOnly = "exit-code-only"
}

/// Before and after, measured; whether the fixed file is kept.
public struct FixVerification: Sendable, Codable, Equatable {
    public var before: VariantMeasure
    /// nil when the fixed file does not build (then it is rolled back).
    public var after: VariantMeasure?
    /// Why the fixed file is not kept, nil when it is.
    public var rollback: String?
    /// Fixes taken back so that the others could stand (the rewrite measured as `after` is without them), each
    /// with what went wrong with it; nil when none was.
    public var withdrawn: [WithdrawnFix]?
}

/// A fix `gym fix --verify` took back, and why: the rewrite with it was rolled back, the one without it kept.
public struct WithdrawnFix: Sendable, Codable, Equatable {
    public var fix: String
    public var reason: String
}

/// `gym fix --verify`: builds the Dockerfile as it is and as fixed, each in a scratch copy of its context (the
/// user's files are never touched), and measures both the same way.
public enum FixVerifier {
    /// `created`: files the fix adds, by path relative to the context (the `.dockerignore`), present only in
    /// the fixed build.
    /// `before`: the original's measurement from an earlier verification of the same file, not made again.
    public static func verify(
        original: String, fixed: String, dockerfile: String, context: String, created: [String: String] = [:],
        before measured: VariantMeasure? = nil, engine: Engine = .local,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(BenchError) -> FixVerification {
        let before: VariantMeasure
        if let measured {
            before = measured
        } else {
            progress("building the Dockerfile as it is ...")
            before = try measure(
                original, dockerfile: dockerfile, context: context, runsTwice: true, engine: engine, progress: progress)
        }
        progress("building it as fixed ...")
        do {
            let after = try measure(
                fixed, dockerfile: dockerfile, context: context, created: created, engine: engine, progress: progress)
            var rollback: String?
            if !before.run.matches(after.run) {
                rollback =
                    before.run.exitCode == after.run.exitCode
                    ? "the image's default command prints something else (\(describe(before.run.exitCode)) both times)"
                    : "the image's default command behaves differently (\(describe(before.run.exitCode)) before, \(describe(after.run.exitCode)) after)"
            }
            return FixVerification(before: before, after: after, rollback: rollback)
        } catch {
            return FixVerification(
                before: before, after: nil, rollback: "the fixed Dockerfile does not build: \(error)")
        }
    }

    static func describe(_ code: Int32?) -> String { code.map { "exit \($0)" } ?? "still running" }

    static func measure(
        _ text: String, dockerfile: String, context: String, created: [String: String] = [:], runsTwice: Bool = false,
        engine: Engine, progress: @escaping @Sendable (String) -> Void
    ) throws(BenchError) -> VariantMeasure {
        let workspace = try ContextWorkspace(context: context, dockerfile: dockerfile)
        defer { workspace.remove() }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: workspace.dockerfile)) } catch {
            throw .io(path: workspace.dockerfile, reason: "\(error)")
        }
        for (relative, content) in created {
            let target = workspace.root + "/" + relative
            do { try Data(content.utf8).write(to: URL(fileURLWithPath: target)) } catch {
                throw .io(path: target, reason: "\(error)")
            }
        }
        let builder = DockerBuilder(engine: engine)
        let tag = "gym-fix-verify-\(UUID().uuidString.prefix(8).lowercased())"
        let request = BuildRequest(context: workspace.root, dockerfile: workspace.dockerfile, network: "host", tag: tag)
        let built = try onEngine { () throws(EngineError) in try builder.build(request) }
        defer { builder.removeImage(tag) }
        let reference = built.imageID ?? tag
        let analysis: ImageAnalysis
        do { analysis = try ImageAnalyzer.analyze(try ImageSource.load(reference, engine: engine)).0 } catch {
            throw .io(path: reference, reason: "cannot read the built image: \(error)")
        }
        var run = try onEngine { () throws(EngineError) in try runDefault(reference, on: engine) }
        // the original runs again: what its output does from run to run says how the fixed image's is compared
        if runsTwice, run.exitCode != nil {
            let again = try onEngine { () throws(EngineError) in try runDefault(reference, on: engine) }
            run.comparison =
                again.exitCode == run.exitCode ? RunOutcome.comparison(run.output, again.output) : .exitCodeOnly
        }
        var measure = VariantMeasure(
            sizeBytes: built.imageSize, layers: analysis.layers.count, wastedBytes: analysis.dive.wastedBytes,
            rebuildSeconds: nil, rebuildStepsRun: nil, editedFile: nil, run: run)
        if let source = workspace.sourceFile() {
            progress("editing \(source) and building again ...")
            // an edit no earlier build has seen, so the cache cannot answer for it: a numbered comment where
            // the file has comments, else the number spelled in whitespace
            try workspace.edit(source, run: Int.random(in: 1_000...999_999_999))
            let rebuilt = try onEngine { () throws(EngineError) in try builder.buildForMeasurement(request) }
            measure.rebuildSeconds = rebuilt.wallSeconds
            measure.rebuildStepsRun = rebuilt.stepsExecuted
            measure.editedFile = source
        }
        return measure
    }

    /// Runs the image's default command with no network, detached, and waits at most the limit for it (a
    /// server never ends; its PID 1 may ignore SIGTERM, so it is removed by force, not signalled).
    static func runDefault(_ image: String, on engine: Engine) throws(EngineError) -> RunOutcome {
        let name = "gym-fix-run-\(UUID().uuidString.prefix(8).lowercased())"
        defer { engine.removeContainers([name]) }
        do {
            try engine.start(ContainerRequest(image: image, name: name))
        } catch .failed(_, let status, let message) {
            return RunOutcome(exitCode: status, output: String(message.prefix(4000)))
        }
        let code = try engine.wait(name, timeoutSeconds: RunOutcome.limit)
        let logs = try engine.logs(name)
        return RunOutcome(exitCode: code, output: String(logs.prefix(4000)))
    }
}
