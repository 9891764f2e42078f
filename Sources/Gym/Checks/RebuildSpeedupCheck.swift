import Bench
import Engine
import Foundation

/// Measured on the engine: after the code changes, the image rebuilds at least `minimumRatio` times faster
/// than a build from scratch (the lab's "1st build vs 2nd build"). The cold build runs with the cache off;
/// the rebuild edits the code in a scratch copy (a fresh edit each time) and builds with the cache. Which
/// steps ran counts, not only the clock: a rebuild that installs packages again fails however long a padded
/// cold build took.
struct RebuildSpeedupCheck: ExerciseCheck {
    let code: String
    let minimumRatio: Double
    let id = "rebuild-speedup"
    var title: String {
        "after editing \(code), the image rebuilds at least \(Int(minimumRatio))x faster than from scratch"
    }
    let needsEngine = true
    /// A ratio of two wall clocks: measured alone, never beside other builds.
    let timed = true
    /// A rebuild that ran an install again fails before the ratio is looked at.
    let failuresByEffect = [Self.reinstalledPhrase]
    static let reinstalledPhrase = "installed packages again"
    var evidence: String {
        "BuildKit's progress (which steps ran) and the wall clock of a build from scratch and a rebuild"
    }

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        let copy: ContextWorkspace
        do {
            copy = try ContextWorkspace(context: context.workspace.path, dockerfile: context.dockerfilePath)
        } catch {
            return result(false, "cannot prepare the builds: \(error)")
        }
        defer { copy.remove() }
        do {
            context.progress("building from scratch (no cache) ...")
            let cold = try context.builder.buildForMeasurement(
                BuildRequest(context: copy.root, dockerfile: copy.dockerfile, network: "host", noCache: true))
            try copy.edit(code, run: Int.random(in: 1_000_000...999_999_999))
            context.progress("editing \(code) and rebuilding ...")
            let warm = try context.builder.buildForMeasurement(
                BuildRequest(context: copy.root, dockerfile: copy.dockerfile, network: "host"))
            let ratio = cold.wallSeconds / max(warm.wallSeconds, 0.001)
            let measured = String(
                format: "from scratch %.1f s; after editing %@ %.1f s (%d steps cached, %d ran): %.1fx",
                cold.wallSeconds, code, warm.wallSeconds, warm.stepsCached, warm.stepsExecuted, ratio)
            let installs = reinstalled(warm, context)
            if !installs.isEmpty {
                return result(
                    false, measured + "; \(Self.reinstalledPhrase): \(installs.map(\.name).joined(separator: "; "))",
                    advice: "the speed-up must come from the install step staying cached after a code change")
            }
            return result(
                ratio >= minimumRatio, measured,
                advice: "which steps ran again after the code change? `gym cache --changed \(code)` says why")
        } catch {
            return result(false, "a build failed: \(error)")
        }
    }
}
