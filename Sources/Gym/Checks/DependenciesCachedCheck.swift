import Context
import Dockerfile

/// gym's cache model predicts that editing the code keeps the dependency install cached: some RUN step
/// reruns when the dependency manifest changes (it installs from it), and that step stays a cache hit when
/// only the code changes. No build: instant feedback, with the reason for every rebuilt step.
struct DependenciesCachedCheck: ExerciseCheck {
    let code: String
    let manifest: String
    let id = "dependencies-cached"
    var title: String { "editing \(code) keeps the step that installs \(manifest) cached (predicted)" }
    let needsEngine = false

    func run(_ context: CheckContext) -> CheckResult {
        let onCode: CachePrediction
        let onManifest: CachePrediction
        do {
            let dockerfile = try context.dockerfile()
            let snapshot = try ContextSnapshot.scan(
                directory: context.workspace.path, dockerfile: context.dockerfilePath)
            for file in [code, manifest] where snapshot.entries[file] == nil {
                return result(
                    false, "\(file) is not in the build context",
                    advice: "keep \(file) in the exercise directory, and out of .dockerignore")
            }
            let before = BuildState(dockerfile: dockerfile, context: snapshot)
            func editing(_ file: String) -> BuildState {
                var changed = snapshot
                if var entry = snapshot.entries[file] {
                    entry.digest = "edited:" + entry.digest
                    changed.entries[file] = entry
                }
                return BuildState(dockerfile: dockerfile, context: changed)
            }
            onCode = try CachePredictor.predict(before: before, after: editing(code))
            onManifest = try CachePredictor.predict(before: before, after: editing(manifest))
        } catch {
            return result(false, "cannot predict: \(error)", advice: "the Dockerfile and its context must be readable")
        }
        func sameStep(_ a: StepPrediction, _ b: StepPrediction) -> Bool {
            a.stageIndex == b.stageIndex && a.line == b.line
        }
        let installs = onManifest.steps.filter { $0.keyword == "RUN" && $0.prediction != .hit }
        let rerunOnCode = onCode.steps.filter { $0.isBuildStep && $0.prediction != .hit }
        let kept = installs.filter { install in
            onCode.steps.first { sameStep($0, install) }?.prediction == .hit
        }
        func lines(_ steps: [StepPrediction]) -> String {
            steps.isEmpty ? "nothing" : steps.map { "line \($0.line) (\($0.keyword))" }.joined(separator: ", ")
        }
        let measured =
            "editing \(manifest) reruns \(lines(onManifest.steps.filter { $0.isBuildStep && $0.prediction != .hit })); "
            + "editing \(code) reruns \(lines(rerunOnCode))"
        if installs.isEmpty {
            return result(
                false, measured,
                advice: "no RUN step depends on \(manifest): the dependencies must still be installed from it")
        }
        if let kept = kept.first {
            return result(true, measured + "; line \(kept.line) stays cached")
        }
        let install = installs[0]
        let cause = onCode.steps.first { sameStep($0, install) }?.cause ?? "an earlier step changed"
        return result(
            false, measured,
            advice: "line \(install.line) installs from \(manifest) but reruns when \(code) changes: \(cause)")
    }
}
