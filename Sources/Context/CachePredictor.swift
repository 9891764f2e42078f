import Base
import Dockerfile

/// Predicts, step by step, which steps a change makes BuildKit rebuild, and why.
///
/// The model (checked against the engine's BuildKit by the integration tests): a build step's cache key is
/// its parent step's key plus its own inputs. FROM keys on the base; RUN on its text, heredocs, mounts (and
/// the content of bind-mounted context files), the build args declared so far in the stage, ENV, USER,
/// WORKDIR and SHELL; COPY/ADD from the context on the expanded arguments, flags and the content and mode of
/// exactly the files selected after `.dockerignore` (never mtime); COPY --from a stage on that stage's output
/// content; WORKDIR on its path. The first miss makes every later step of the stage miss. Other instructions
/// (LABEL, EXPOSE, CMD, ...) only change the image config. Stages the target does not need are not built. A
/// step with the key of a step any stage of the first build made is a hit, whichever stage it is in.
public enum CachePredictor {
    public static let model =
        "BuildKit 0.13 (Docker Engine 26.1): COPY/ADD keyed on content and mode of the selected files (mtime ignored); RUN on its text, mounts, declared ARGs, ENV, USER, WORKDIR, SHELL; COPY --from on the source stage's output; first miss invalidates the rest of the stage"

    /// Compares two states and predicts each step of the stages the target needs. `targetBefore` is the
    /// target of the first build when it differs from `target`: stages that build did not need were never
    /// built, so nothing of theirs is cached.
    public static func predict(
        before: BuildState, after: BuildState, target: String? = nil, targetBefore: String?? = nil
    ) throws(DockerfileError)
        -> CachePrediction
    {
        // the two states' keys are independent: computed at the same time
        let (oldKeys, newKeys) = Concurrently.run(
            { Result { () throws(DockerfileError) in try Keys.compute(before) } },
            { Result { () throws(DockerfileError) in try Keys.compute(after) } })
        let old = try oldKeys.get()
        let new = try newKeys.get()
        let required = try after.dockerfile.requiredStages(target: target, buildArgs: after.buildArgs)
        let builtBefore = Set(
            try before.dockerfile.requiredStages(target: targetBefore ?? target, buildArgs: before.buildArgs))
        // every build step the first build made, by key: a step of another stage with the same key (the same
        // instruction on the same parent, as when two stages on one base start alike) is answered from it
        var builtKeys: [String: String] = [:]
        for index in builtBefore.sorted() where index < old.count {
            for step in old[index] where step.isBuildStep && builtKeys[step.key] == nil {
                builtKeys[step.key] = before.dockerfile.stages[index].displayName
            }
        }
        var steps: [StepPrediction] = []
        var stageStatus: [Int: CacheOutcome] = [:]
        var suggestions: [String] = []

        for stageIndex in required {
            let stage = after.dockerfile.stages[stageIndex]
            let newSteps = new[stageIndex]
            let wasBuilt = builtBefore.contains(stageIndex)
            let oldSteps = wasBuilt && stageIndex < old.count ? old[stageIndex] : []
            let oldVertices = oldSteps.filter(\.isBuildStep)
            let stageBuildSteps = newSteps.filter(\.isBuildStep).count
            // BuildKit numbers a stage's steps from its FROM when the base is an image ([1/5] FROM ...); a
            // stage built on another stage has no FROM vertex of its own, so its steps count from the next one
            let fromStage = newSteps.first { $0.keyword == "FROM" }?.baseStage != nil
            let numberingOffset = fromStage ? 1 : 0
            var vertexOrdinal = 0
            var status = CacheOutcome.hit
            var firstMiss: (line: Int, text: String)? = nil
            var firstDepends: (line: Int, text: String)? = nil
            var metadataOrdinal = 0
            let oldMetadata = oldSteps.filter { !$0.isBuildStep }

            for step in newSteps {
                var outcome = CacheOutcome.hit
                var cause: String? = nil
                if step.isBuildStep {
                    let previous = vertexOrdinal < oldVertices.count ? oldVertices[vertexOrdinal] : nil
                    vertexOrdinal += 1
                    if status == .miss, let first = firstMiss {
                        outcome = .miss
                        cause =
                            "follows the miss of \(first.text) (line \(first.line)): every later step of stage \(stage.displayName) misses with it"
                    } else if let previous, previous.key == step.key {
                        outcome = status == .depends ? .depends : .hit
                        if outcome == .depends, let first = firstDepends {
                            cause = "hits only if \(first.text) (line \(first.line)) hits"
                        }
                    } else if let previous {
                        (outcome, cause) = explain(
                            step, previous, stageStatus: stageStatus, stages: after.dockerfile.stages)
                        if outcome == .hit, status == .depends, let first = firstDepends {
                            outcome = .depends
                            cause = "hits only if \(first.text) (line \(first.line)) hits"
                        }
                    } else if status == .hit, let other = builtKeys[step.key] {
                        cause = "the same step on the same parent was built in stage \(other)"
                    } else {
                        outcome = .miss
                        cause =
                            wasBuilt
                            ? "a new step: no earlier build had it"
                            : "stage \(stage.displayName) was not built before: the first build's target did not need it"
                    }
                    if outcome == .miss, status != .miss {
                        status = .miss
                        firstMiss = (step.line, step.text)
                    } else if outcome == .depends, status == .hit {
                        status = .depends
                        firstDepends = (step.line, step.text)
                    }
                } else {
                    let previous = metadataOrdinal < oldMetadata.count ? oldMetadata[metadataOrdinal] : nil
                    metadataOrdinal += 1
                    if status == .miss, let first = firstMiss {
                        outcome = .miss
                        cause = "follows the miss of \(first.text) (line \(first.line))"
                    } else if previous?.ownKey != step.ownKey {
                        outcome = .miss
                        cause = "changed; metadata only (no layer): later steps keep their cache unless they use it"
                    } else if status == .depends {
                        outcome = .depends
                    }
                }
                steps.append(
                    StepPrediction(
                        stage: stage.displayName, stageIndex: stageIndex, line: step.line, instruction: step.text,
                        keyword: step.keyword, prediction: outcome, cause: cause, isBuildStep: step.isBuildStep,
                        position: step.isBuildStep && !(fromStage && step.keyword == "FROM")
                            ? vertexOrdinal - numberingOffset : nil,
                        stageSteps: step.isBuildStep ? stageBuildSteps - numberingOffset : nil))
            }
            stageStatus[stageIndex] = status
            if let suggestion = suggestion(
                steps.filter { $0.stageIndex == stageIndex }, newSteps, before: before, after: after)
            {
                suggestions.append(suggestion)
            }
        }
        return CachePrediction(steps: steps, suggestions: suggestions, model: model)
    }

    /// Why `step` differs from `previous` (same position in the earlier build).
    static func explain(
        _ step: Keys.Step, _ previous: Keys.Step, stageStatus: [Int: CacheOutcome], stages: [Stage]
    )
        -> (CacheOutcome, String)
    {
        if step.keyword != previous.keyword || step.inputs.first?.value != previous.inputs.first?.value {
            if step.keyword == "FROM", let base = step.baseStage {
                let status = stageStatus[base] ?? .hit
                if status != .hit {
                    return (
                        status == .miss ? .miss : .depends,
                        "built on stage \(stages[base].displayName), which rebuilds"
                    )
                }
            }
            if step.keyword == "FROM" {
                return (
                    .miss, "base changed: \(previous.inputs.first?.value ?? "") → \(step.inputs.first?.value ?? "")"
                )
            }
            return (.miss, "the instruction changed (was: \(previous.text))")
        }
        for (input, old) in zip(step.inputs.dropFirst(), previous.inputs.dropFirst()) where input.value != old.value {
            switch input.name {
            case "files", "mounted files":
                return (.miss, describeFileChanges(old: old.files, new: input.files, what: input.name))
            case "source stage":
                let index = Int(input.label) ?? 0
                let status = stageStatus[index] ?? .hit
                if status == .hit { continue }
                return (
                    .depends,
                    "stage \(stages[index].displayName) rebuilds; this step hits only if the files it copies from it come out byte-identical"
                )
            case "base stage":
                let index = Int(input.label) ?? 0
                let status = stageStatus[index] ?? .hit
                if status == .hit { continue }
                return (
                    status == .miss ? .miss : .depends, "built on stage \(stages[index].displayName), which rebuilds"
                )
            default:
                return (.miss, "\(input.name) changed: \(describe(old.value)) → \(describe(input.value))")
            }
        }
        // only the parent differs: an earlier COPY --from depends on another stage's output
        return (.hit, "")
    }

    static func describe(_ value: String) -> String {
        value.isEmpty ? "(none)" : (value.count > 60 ? String(value.prefix(57)) + "..." : value)
    }

    static func describeFileChanges(old: [ContextEntry], new: [ContextEntry], what: String) -> String {
        let before = Dictionary(uniqueKeysWithValues: old.map { ($0.path, $0) })
        let after = Dictionary(uniqueKeysWithValues: new.map { ($0.path, $0) })
        var changes: [String] = []
        for entry in new {
            guard let was = before[entry.path] else {
                changes.append("\(entry.path) added")
                continue
            }
            if was.digest != entry.digest { changes.append("\(entry.path) changed") }
            if was.mode != entry.mode {
                changes.append(
                    "\(entry.path) mode changed (\(String(was.mode, radix: 8)) → \(String(entry.mode, radix: 8)))")
            }
        }
        for entry in old where after[entry.path] == nil { changes.append("\(entry.path) removed") }
        if changes.isEmpty { return "the selected files changed" }
        // the project's own files first: .git's churn after a commit says less than the edit that was made
        let ordered =
            changes.filter { !ChangeStates.isGitMetadata($0) } + changes.filter { ChangeStates.isGitMetadata($0) }
        let shown = ordered.prefix(3).joined(separator: ", ")
        let gitCount = changes.count - changes.filter { !ChangeStates.isGitMetadata($0) }.count
        let more = changes.count - 3
        let note = gitCount > 0 && more > 0 ? " (\(gitCount) of them in .git)" : ""
        return changes.count > 3 ? "\(shown) and \(more) more\(note)" : shown
    }

    static let manifestNames: Set<String> = [
        "requirements.txt", "pyproject.toml", "poetry.lock", "Pipfile", "Pipfile.lock", "uv.lock", "package.json",
        "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "go.mod", "go.sum", "Cargo.toml", "Cargo.lock",
        "Gemfile", "Gemfile.lock", "composer.json", "composer.lock", "pom.xml", "build.gradle",
    ]

    /// Advice when a dependency install reruns only because source files changed.
    static func suggestion(
        _ predictions: [StepPrediction], _ steps: [Keys.Step], before: BuildState, after: BuildState
    )
        -> String?
    {
        guard
            let install = predictions.first(where: { p in
                p.keyword == "RUN" && p.prediction == .miss && InstallEcosystem.installs(runInstruction: p.instruction)
            })
        else { return nil }
        guard let copyPrediction = predictions.first(where: { $0.prediction == .miss }),
            copyPrediction.keyword == "COPY" || copyPrediction.keyword == "ADD",
            copyPrediction.line < install.line,
            let copyStep = steps.first(where: { $0.line == copyPrediction.line }),
            let files = copyStep.inputs.first(where: { $0.name == "files" })?.files
        else { return nil }
        let changed = files.filter { entry in
            before.context.entries[entry.path].map { $0.digest != entry.digest || $0.mode != entry.mode } ?? true
        }
        guard !changed.isEmpty,
            !changed.contains(where: { manifestNames.contains($0.path.lastComponent) })
        else { return nil }
        let manifests = files.map(\.path).filter { manifestNames.contains($0.lastComponent) }
        let copyFirst = manifests.isEmpty ? "the dependency manifests" : manifests.joined(separator: " ")
        return
            "\(install.instruction) (line \(install.line)) reruns because \(copyPrediction.instruction) (line \(copyPrediction.line)) copies source files that changed. Copy \(copyFirst) first, run the install, then \(copyPrediction.instruction): a source change will then keep the install cached."
    }
}

/// Path helper without Foundation.
extension String {
    var lastComponent: String { String(split(separator: "/").last ?? "") }
}
