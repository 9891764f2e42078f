import Context
import Dockerfile
import Engine

/// gym's cache model predicts that editing the code keeps the dependency install cached. The install steps
/// are the RUN steps that install packages and rerun when the manifest changes; there must be one, and every
/// one of them must stay a cache hit when only the code changes, so a decoy step that merely reads the
/// manifest gains nothing. Which steps install is decided by effect on the engine (the step's layer in the
/// built image adds packages: `InstallSteps`), so an install run through a script copied with the manifest
/// counts; without an engine, by the step's text. The cache itself is predicted, with the reason for every
/// rebuilt step.
struct DependenciesCachedCheck: ExerciseCheck {
    let code: String
    let manifest: String
    let id = "dependencies-cached"
    var title: String { "editing \(code) keeps the step that installs \(manifest) cached (predicted)" }
    let needsEngine = false
    var evidence: String { "gym's model of BuildKit's cache keys over the real build context (no build)" }

    func run(_ context: CheckContext) -> CheckResult {
        let onCode: CachePrediction
        let onManifest: CachePrediction
        let dockerfile: Dockerfile
        do {
            dockerfile = try context.dockerfile()
            let snapshot = try ContextSnapshot.scan(
                directory: context.workspace.path, dockerfile: context.dockerfilePath)
            for file in [code, manifest] where snapshot.entries[file] == nil {
                return result(
                    false, "\(file) is not in the build context",
                    advice: "keep \(file) in the exercise directory, and out of .dockerignore")
            }
            let before = BuildState(dockerfile: dockerfile, context: snapshot)
            func editing(_ file: String) -> BuildState {
                BuildState(dockerfile: dockerfile, context: ChangeStates.changing([file], in: snapshot))
            }
            onCode = try CachePredictor.predict(before: before, after: editing(code))
            onManifest = try CachePredictor.predict(before: before, after: editing(manifest))
        } catch {
            return result(false, "cannot predict: \(error)", advice: "the Dockerfile and its context must be readable")
        }
        func sameStep(_ a: StepPrediction, _ b: StepPrediction) -> Bool {
            a.stageIndex == b.stageIndex && a.line == b.line
        }
        // on the engine, what each step's layer added decides; without one, the step's text
        let classifier = context.installSteps()
        func installsPackages(_ step: StepPrediction) -> Bool {
            var instruction: Instruction?
            if dockerfile.stages.indices.contains(step.stageIndex) {
                instruction = dockerfile.stages[step.stageIndex].instructions.first(where: {
                    $0.range.start.line == step.line
                })
            }
            guard let node = instruction?.node else { return classifier.installs(step.instruction) }
            if classifier.decidedByEffect(node.original) { return classifier.installs(node.original) }
            return classifier.installs(([node.original] + node.heredocs.map { $0.content }).joined(separator: "\n"))
        }
        let installs = onManifest.steps.filter {
            $0.keyword == "RUN" && $0.prediction != .hit && installsPackages($0)
        }
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
                advice: "no step that installs packages depends on \(manifest): the dependencies must still be"
                    + " installed from it")
        }
        if kept.count == installs.count {
            return result(
                true,
                measured + "; the install step\(installs.count == 1 ? "" : "s") "
                    + installs.map { "line \($0.line)" }.joined(separator: ", ")
                    + " stay\(installs.count == 1 ? "s" : "") cached")
        }
        let install = installs.first { install in !kept.contains { sameStep($0, install) } } ?? installs[0]
        let cause = onCode.steps.first { sameStep($0, install) }?.cause ?? "an earlier step changed"
        return result(
            false, measured,
            advice: "line \(install.line) installs from \(manifest) but reruns when \(code) changes: \(cause)")
    }
}
