import Bench
import Engine
import Foundation

/// Measured on the engine: the built image runs (no network) and its program prints the app's line, exactly.
///
/// What the learner's files print is not trusted alone: the run uses the image's own entrypoint (or, with
/// `command`, replaces the entrypoint itself, so an ENTRYPOINT cannot decide what runs), the expected text
/// must be a whole line of the output, and the engine's record of the container's PID 1 must be the
/// starter's app (`AppProcess`: the protected file byte for byte, run by a working interpreter, its imports
/// loading what an installer recorded; or a Go binary built from the starter's package). An `echo` in CMD,
/// an edited app, a fake or forged interpreter, a stub module or a fake binary fails, naming what ran.
struct ImageRunsCheck: ExerciseCheck {
    /// Entrypoint and arguments that replace the image's (empty: the image's own ENTRYPOINT and CMD).
    let command: [String]
    /// A regular expression a whole line of the output must match (anchored at both ends).
    let expect: String
    /// Who PID 1 must be: the starter's program, its interpreter, or its Go package.
    var identity = AppProcess()
    /// A fresh value the app must answer with, so a canned answer fails: `count` appends a random number of
    /// arguments (the app reports how many), `word` appends one random word (the app greets it); `{nonce}` in
    /// `expect` stands for it.
    var nonce: Nonce? = nil

    enum Nonce: String, Sendable {
        case count, word
    }
    let id = "image-runs"
    var title: String {
        "the image runs the app and it answers \(expect.replacingOccurrences(of: "\\", with: "").debugDescription)"
    }
    let needsEngine = true
    var evidence: String {
        "the container's output, the engine's record of its PID 1 (docker inspect), the image's files, and a fresh value where the app echoes one"
    }

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        context.progress("running the image ...")
        let container = "gym-run-\(UUID().uuidString.prefix(12).lowercased())"
        let engine = context.engine
        var request = ContainerRequest(image: context.imageReference, name: container, timeoutSeconds: 120)
        var expect = self.expect
        if let entrypoint = command.first {
            request.entrypoint = entrypoint
            request.arguments = Array(command.dropFirst())
        } else if let nonce {
            // the image's own command, as its config says, with the fresh value after it
            let argv: [String]
            switch imageCommand(context) {
            case .success(let command): argv = command
            case .failure(let failure): return failure.result
            }
            let (extra, token) = Self.fresh(nonce)
            expect = expect.replacingOccurrences(of: "{nonce}", with: token)
            var command = argv
            if ["/bin/sh", "sh", "/bin/bash", "bash"].contains(command[0]), command.count == 3, command[1] == "-c" {
                command[2] += " " + extra.joined(separator: " ")
            } else {
                command += extra
            }
            request.entrypoint = command[0]
            request.arguments = Array(command.dropFirst())
        }
        // with `command`, the image's own start is judged too: started now, so its window runs while the
        // command does
        var own: Result<OwnStart, OwnStartFailure>?
        if !command.isEmpty, !identity.isEmpty { own = startOwn(context) }
        defer {
            var containers = [container]
            if case .success(let started) = own { containers.append(started.container) }
            engine.removeContainers(containers)
        }
        let outcome: EngineOutput
        do {
            outcome = try engine.run(request)
        } catch {
            return result(false, "docker run could not start: \(error)")
        }
        let output = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = output.count > 300 ? String(output.suffix(300)) : output
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let pattern = try? NSRegularExpression(pattern: "^(?:" + expect + ")$")
        let answered = lines.contains { line in
            pattern?.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
        }
        guard outcome.status == 0, answered else {
            return result(
                false, "exit \(outcome.status), printed \(shown.debugDescription)",
                advice: "the app must still work and print a whole line matching \(expect.debugDescription):"
                    + " what does it need at run time that the image lacks?")
        }
        var measured = "exit 0, printed \(shown.debugDescription)"
        guard !identity.isEmpty else { return result(true, measured) }
        let launched: AppProcess.Launched
        do {
            launched = try AppProcess.launched(container, on: engine)
        } catch {
            return result(false, measured + "; the engine did not say what the container ran: \(error)")
        }
        switch identity.identify(launched, context) {
        case .success(let evidence):
            measured += "; PID 1 (from the engine): \(evidence)"
        case .failure(let problem):
            return result(
                false, measured + "; but PID 1 (from the engine) \(problem.reason)",
                advice: "the image must run the starter's app itself, not something that prints its answer")
        }
        guard let own else { return result(true, measured) }
        // the check chose what ran; the image's own ENTRYPOINT and CMD must start the app as well
        switch own.flatMap({ judgeOwn($0, context) }) {
        case .success(let evidence): return result(true, measured + "; \(evidence)")
        case .failure(let failure):
            return result(
                false, measured + "; but \(failure.reason)",
                advice: "`docker run` of the image, with nothing after it, must start the starter's app")
        }
    }

    /// How long the image's own start command is given, from its start, before the engine is asked what it ran.
    static let ownStartSeconds = 5

    /// The image started as `docker run IMAGE` would (its own ENTRYPOINT and CMD): its container, when, and
    /// the command shown in the verdict.
    struct OwnStart {
        var container: String
        var started: ContinuousClock.Instant
        var shown: String
    }

    /// Starts the image with its own ENTRYPOINT and CMD, detached; `judgeOwn` decides after its window.
    func startOwn(_ context: CheckContext) -> Result<OwnStart, OwnStartFailure> {
        let own: [String]
        switch imageCommand(context) {
        case .success(let command): own = command
        case .failure(let failure): return .failure(OwnStartFailure(failure.result.measured))
        }
        let joined = own.joined(separator: " ")
        let shown = (joined.count > 80 ? String(joined.prefix(80)) + "..." : joined).debugDescription
        context.progress("starting the image with its own command ...")
        let container = "gym-own-\(UUID().uuidString.prefix(12).lowercased())"
        let started = ContinuousClock.now
        do {
            try context.engine.start(ContainerRequest(image: context.imageReference, name: container))
        } catch {
            context.engine.removeContainers([container])
            return .failure(OwnStartFailure("the image's own start command (\(shown)) could not start: \(error)"))
        }
        return .success(OwnStart(container: container, started: started, shown: shown))
    }

    /// Gives the image's own start the rest of its window (`ownStartSeconds` from its start) and identifies its
    /// PID 1 from the engine's record: a server still running or a program that ended with status 0, either
    /// way the starter's app. The evidence, or why not.
    func judgeOwn(_ own: OwnStart, _ context: CheckContext) -> Result<String, OwnStartFailure> {
        let engine = context.engine
        let (container, shown) = (own.container, own.shown)
        let elapsed = ContinuousClock.now - own.started
        let remaining = max(1, Self.ownStartSeconds - Int(elapsed.components.seconds))
        let status: Int32?
        do {
            status = try engine.wait(container, timeoutSeconds: remaining)
        } catch {
            return .failure(OwnStartFailure("the engine did not say how the image's own start command ran: \(error)"))
        }
        let ended: String
        if let status {
            let logs = ((try? engine.logs(container, tail: 5)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            ended =
                "ended within \(Self.ownStartSeconds) s (exit \(status)), printing \((logs.count > 80 ? String(logs.prefix(80)) + "..." : logs).debugDescription)"
            if status != 0 {
                return .failure(OwnStartFailure("the image's own start command (\(shown)) \(ended)"))
            }
        } else {
            ended = "still running after \(Self.ownStartSeconds) s"
        }
        let launched: AppProcess.Launched
        do {
            launched = try AppProcess.launched(container, on: engine)
        } catch {
            return .failure(OwnStartFailure("the engine did not say what the image's own start command ran: \(error)"))
        }
        switch identity.identify(launched, context) {
        case .success(let evidence):
            return .success("its own start command (\(shown)), \(ended), runs \(evidence)")
        case .failure(let problem):
            return .failure(
                OwnStartFailure(
                    "the image's own start command (\(shown)) \(ended), and its PID 1 (from the engine) \(problem.reason)"
                ))
        }
    }

    /// Why `docker run IMAGE` does not start the starter's app.
    struct OwnStartFailure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The image's ENTRYPOINT followed by its CMD, from its config.
    static func imageCommand(_ image: String, on engine: Engine) throws(EngineError) -> [String] {
        struct Config: Decodable {
            var Entrypoint: [String]?
            var Cmd: [String]?
        }
        let text = try engine.inspectImage(image, format: "{{json .Config}}")
        guard let config = try? JSONDecoder().decode(Config.self, from: Data(text.utf8)) else {
            throw .failed(
                command: "docker image inspect", status: 0, message: "not an image config: \(text.prefix(200))")
        }
        return (config.Entrypoint ?? []) + (config.Cmd ?? [])
    }

    /// How many arguments a `count` nonce appends.
    static let countRange = 1_000...20_000

    /// The extra arguments and the token the answer must carry.
    static func fresh(_ nonce: Nonce) -> ([String], String) {
        switch nonce {
        case .count:
            // one of 19,001 counts, each argument one character: at most 40 KB, inside the 128 KiB one
            // `sh -c` string may hold, so a canned count is right once in nineteen thousand tries
            let count = Int.random(in: Self.countRange)
            return (Array(repeating: "a", count: count), "\(count)")
        case .word:
            let word = "learner" + String((0..<6).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
            return ([word], word)
        }
    }
}
