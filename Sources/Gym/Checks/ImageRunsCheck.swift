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
        guard case .success = context.image() else {
            if case .failure(let error) = context.image() {
                return result(false, "the image does not build", advice: "\(error)")
            }
            return result(false, "the image does not build")
        }
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
