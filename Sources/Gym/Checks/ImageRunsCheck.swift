import Bench
import Foundation

/// Measured on the engine: the built image runs (no network) and prints what the app prints when it works.
struct ImageRunsCheck: ExerciseCheck {
    /// Arguments after the image (empty: the image's own CMD).
    let command: [String]
    /// Text the output must contain.
    let expect: String
    let id = "image-runs"
    var title: String { "the image runs and the app answers \(expect.debugDescription)" }
    let needsEngine = true

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        context.progress("running the image ...")
        let arguments = ["timeout", "120", "docker", "run", "--rm", "--network=none", context.tag] + command
        guard let outcome = try? ProcessRunner.run(arguments) else {
            return result(false, "docker run could not start")
        }
        let output = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = output.count > 300 ? String(output.suffix(300)) : output
        if outcome.status == 0, output.contains(expect) {
            return result(true, "exit 0, printed \(shown.debugDescription)")
        }
        return result(
            false, "exit \(outcome.status), printed \(shown.debugDescription)",
            advice: "the app must still work: what does it need at run time that the image lacks?")
    }
}
