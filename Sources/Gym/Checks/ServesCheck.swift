import Bench
import Engine
import Foundation

/// Measured on the engine: the image, started with its own command as `docker run IMAGE` would, serves the
/// app over HTTP, probed from outside by a client the grader runs.
///
/// The app's container has no network but its own loopback; the probe runs in a container of the grader's
/// (`probe-image`, a Python of the stand-in base images, isolated with `-I`) that joins the app container's
/// network namespace (`--network container:ID`: never a bridge). Every request carries a fresh random value
/// the real app must transform into its answer, a random path must be refused with 404 (a canned responder
/// answers everything), and once the app's container is stopped the same probe must fail: the answers came
/// from that container. PID 1 is identified as `image-runs` does (the interpreter, proven by a challenge,
/// running the starter's program byte for byte), so a stand-in server beside the real app fails too.
struct ServesCheck: ExerciseCheck {
    /// One request and the answer it must get; `{nonce}` in either stands for this run's random value.
    struct Request: Sendable, Equatable {
        var path: String
        var status: Int = 200
        /// A regular expression the whole body must match.
        var body: String
    }

    let port: Int
    let requests: [Request]
    /// Who PID 1 must be (the interpreter and the program), checked as `image-runs` checks it.
    var identity = AppProcess()
    var probeImage = "python:3.11-slim"
    let id = "serves"
    var title: String { "the image serves the app on port \(port), answering a probe from outside" }
    let needsEngine = true
    var evidence: String {
        "HTTP answers to a probe the grader runs in the app container's network namespace, carrying a fresh value; a random path refused; the engine's record of PID 1"
    }

    /// What the probe prints: per request, the status and body it got (status 0: no connection).
    struct Answer: Decodable {
        var status: Int
        var body: String
    }

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        let engine = context.engine
        if case .failure(let failure) = imageCommand(context) { return failure.result }
        let nonce = "learner" + String((0..<8).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
        let asked = requests.map { request in
            Request(
                path: request.path.replacingOccurrences(of: "{nonce}", with: nonce), status: request.status,
                body: request.body.replacingOccurrences(of: "{nonce}", with: nonce))
        }
        let refused = "/no-such-page-\(nonce)"
        context.progress("starting the image and probing port \(port) ...")
        let container = "gym-serve-\(UUID().uuidString.prefix(12).lowercased())"
        defer { engine.removeContainers([container]) }
        do {
            try engine.start(ContainerRequest(image: context.imageReference, name: container))
        } catch {
            return result(false, "the image's container could not be started: \(error)")
        }
        let paths = asked.map(\.path) + [refused]
        let probed = ask(container, paths: paths, wait: 60, on: engine)
        let running = (try? engine.isRunning(container)) ?? false
        if !running, (try? probed.get())?.allSatisfy({ $0.status == 0 }) != false {
            let logs = (try? engine.logs(container, tail: 5)) ?? ""
            let shown = logs.trimmingCharacters(in: .whitespacesAndNewlines)
            return result(
                false, "the app's container exited instead of serving: \(shown.suffix(300).debugDescription)",
                advice: "`docker run` of the image must start the app's server and keep it running")
        }
        // a probe that could not run is a failure, never a pass
        let answers: [Answer]
        switch probed {
        case .success(let got): answers = got
        case .failure(let why):
            return result(
                false, "the probe could not run (it needs \(probeImage) in the engine): \(why)",
                advice: "scripts/base-images.sh builds the stand-in base images")
        }
        var problems: [String] = []
        for (request, answer) in zip(asked, answers) {
            if answer.status == 0 {
                problems.append("GET \(request.path): no answer on port \(port)")
                continue
            }
            let body = answer.body.trimmingCharacters(in: .whitespacesAndNewlines)
            let pattern = try? NSRegularExpression(
                pattern: "^(?:" + request.body + ")$", options: [.dotMatchesLineSeparators])
            let matches = pattern?.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)) != nil
            if answer.status != request.status || !matches {
                let shown = body.count > 120 ? String(body.prefix(120)) + "..." : body
                problems.append("GET \(request.path): \(answer.status) \(shown.debugDescription)")
            }
        }
        if let last = answers.last, last.status != 404 {
            problems.append("GET \(refused): \(last.status), where the app answers 404: something answers every path")
        }
        guard problems.isEmpty else {
            return result(
                false, problems.joined(separator: "; "),
                advice: "`docker run` of the image must start the app itself, listening on port \(port)")
        }
        var measured =
            "\(asked.count) requests answered (\(asked.map(\.path).joined(separator: ", "))), \(refused) refused with 404"
        if !identity.isEmpty {
            let identified: Result<String, AppProcess.Problem>
            do {
                identified = identity.identify(try AppProcess.launched(container, on: engine), context)
            } catch {
                identified = .failure(.init(reason: "could not be read from the engine: \(error)"))
            }
            switch identified {
            case .success(let evidence): measured += "; PID 1 (from the engine): \(evidence)"
            case .failure(let problem):
                return result(
                    false, measured + "; but PID 1 (from the engine) \(problem.reason)",
                    advice: "the image's own command must run the starter's app, not a stand-in that answers for it")
            }
        }
        // no "nothing answers once stopped" step: a stopped container's network namespace is gone, so a probe
        // there could not run at all and would tell nothing; the refused random path is the negative case
        return result(true, measured)
    }

    /// Runs the probe in the app container's network namespace: each path's status and body, or why the
    /// probe could not run (the probe image missing, the container's namespace gone because it stopped).
    func ask(_ container: String, paths: [String], wait: Double, on engine: Engine) -> Result<[Answer], EngineError> {
        let probe: String
        switch ShippedProbes.servesProbe {
        case .success(let text): probe = text
        case .failure(let error): return .failure(.failed(command: "the probe", status: -1, message: "\(error)"))
        }
        let outcome: EngineOutput
        do {
            outcome = try engine.run(
                ContainerRequest(
                    image: probeImage, entrypoint: "python3",
                    arguments: ["-I", "-c", probe, "\(port)", "\(wait)"] + paths,
                    network: "container:\(container)", removeWhenDone: true, timeoutSeconds: 180))
        } catch {
            return .failure(error)
        }
        guard outcome.succeeded, let line = outcome.output.split(whereSeparator: \.isNewline).last,
            let answers = try? JSONDecoder().decode([Answer].self, from: Data(line.utf8)), answers.count == paths.count
        else {
            return .failure(
                .failed(command: "the probe", status: outcome.status, message: String(outcome.trimmed.suffix(300))))
        }
        return .success(answers)
    }
}
