import Bench
import Engine
import Foundation

/// Measured on the engine: after the code changes, the image rebuilds without reaching any package index.
///
/// The image is built, the code file is edited in a scratch copy of the context (the learner's files are
/// never touched), and the copy is rebuilt with every proxy variable pointing at a closed port on loopback.
/// BuildKit leaves proxy settings out of its cache keys (the network mode is in them, so the rebuild uses the
/// first build's), so cached steps stay cached. The evidence is BuildKit's own progress: a step that installs
/// packages and ran rather than being `CACHED` fails the check whatever the network did (a step that unsets
/// the proxy variables gains nothing); blocked downloads are a second signal. Only a real cache hit passes.
struct RebuildsOfflineCheck: ExerciseCheck {
    let code: String
    let id = "rebuilds-offline"
    var title: String { "after editing \(code), the image rebuilds from the cache without downloading packages" }
    let needsEngine = true
    var evidence: String {
        "BuildKit's own progress of a rebuild after the code is edited in a scratch copy (CACHED or run), with downloads blocked"
    }

    static let closedProxy = "http://127.0.0.1:9"
    static var proxyArguments: [String: String] {
        var arguments: [String: String] = [:]
        for name in ["HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "ALL_PROXY"] {
            arguments[name] = closedProxy
            arguments[name.lowercased()] = closedProxy
        }
        return arguments
    }

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        let copy: ContextWorkspace
        do {
            copy = try ContextWorkspace(context: context.workspace.path, dockerfile: context.dockerfilePath)
            // a fresh edit every time: an earlier build of the same edit (gym bench makes them) must not answer
            try copy.edit(code, run: Int.random(in: 1_000_000...999_999_999))
        } catch {
            return result(false, "cannot prepare the rebuild: \(error)")
        }
        defer { copy.remove() }
        context.progress("editing \(code) in a scratch copy and rebuilding with package downloads blocked ...")
        let request = BuildRequest(
            context: copy.root, dockerfile: copy.dockerfile, buildArgs: Self.proxyArguments, network: "host")
        do {
            let rebuilt = try context.builder.buildForMeasurement(request)
            let ran = rebuilt.steps.filter { $0.isInstruction && !$0.isFrom && !$0.cached }
            let installs = reinstalled(rebuilt, context)
            if !installs.isEmpty {
                return result(
                    false,
                    "after editing \(code), BuildKit ran \(installs.map(\.name).joined(separator: "; ")) again"
                        + " instead of serving it from the cache",
                    advice: "the install step must stay cached after a code change: what invalidated it?")
            }
            return result(
                true,
                "after editing \(code): \(rebuilt.stepsCached) steps cached, \(rebuilt.stepsExecuted) ran"
                    + (ran.isEmpty ? "" : " (\(ran.map(\.name).joined(separator: "; ")))")
                    + String(format: ", %.1f s, no download needed", rebuilt.wallSeconds))
        } catch let error {
            if case .buildFailed(let step, _, _) = error {
                return result(
                    false, "after editing \(code), \(step ?? "a step") ran again and needed the network",
                    advice: "that step was not served from the cache after a code change: what invalidated it?")
            }
            return result(false, "the rebuild failed: \(error)")
        }
    }
}
