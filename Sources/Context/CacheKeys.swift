import Dockerfile

/// Cache-key inputs of every step of every stage of one build state.
enum Keys {
    struct Input {
        var name: String
        var value: String
        /// A stage index for `source stage` / `base stage` inputs.
        var label: String = ""
        /// The selected files, for `files` and `mounted files`.
        var files: [ContextEntry] = []
    }

    struct Step {
        var line: Int
        var text: String
        var keyword: String
        var isBuildStep: Bool
        var inputs: [Input]
        var parentKey: String
        var baseStage: Int?

        var ownKey: String { Keys.digest(inputs.map { "\($0.name)=\($0.value)" }) }
        var key: String { Keys.digest([parentKey, ownKey]) }
    }

    static func digest(_ parts: [String]) -> String {
        var hasher = XXHash64()
        for part in parts {
            hasher.update(Array(part.utf8))
            hasher.update([0])
        }
        return String(hasher.finalize(), radix: 16)
    }

    /// The key of a selection: a digest of every selected path with its mode and content digest (the entries
    /// themselves travel with the input, for explaining a miss).
    static func files(_ entries: [ContextEntry]) -> String {
        var hasher = XXHash64()
        let separator: [UInt8] = [0]
        for entry in entries {
            var path = entry.path
            var digest = entry.digest
            path.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
            withUnsafeBytes(of: entry.mode) { hasher.update($0) }
            digest.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
            separator.withUnsafeBytes { hasher.update($0) }
        }
        return "\(entries.count) files, xxh64:" + String(hasher.finalize(), radix: 16)
    }

    static func compute(_ state: BuildState) throws(DockerfileError) -> [[Step]] {
        let resolved = try state.dockerfile.resolve(buildArgs: state.buildArgs)
        // sorted once: every COPY, ADD and bind mount selects from it in order
        let sortedEntries = state.context.sortedEntries
        var finalKeys: [Int: String] = [:]
        var result: [[Step]] = []
        for stage in resolved {
            var steps: [Step] = []
            var parent = ""
            func add(_ step: Step) {
                var step = step
                step.parentKey = step.isBuildStep ? parent : ""
                if step.isBuildStep { parent = step.key }
                steps.append(step)
            }
            let from = stage.stage.from
            var fromInputs = [
                Input(name: "base", value: stage.baseName + (stage.platform.map { " --platform=\($0)" } ?? ""))
            ]
            if let base = stage.baseStageIndex {
                fromInputs.append(Input(name: "base stage", value: finalKeys[base] ?? "", label: String(base)))
            }
            add(
                Step(
                    line: from.node.range.start.line, text: from.node.original.trimmingGoSpace(), keyword: "FROM",
                    isBuildStep: true, inputs: fromInputs, parentKey: "", baseStage: stage.baseStageIndex))

            /// What `--from`/`from=` names: an earlier stage (its output, by the stage's final key) or an image.
            func source(_ reference: String, image: String) -> Input {
                guard let index = state.dockerfile.stageIndex(forReference: reference, before: stage.stage.index) else {
                    return Input(name: image, value: reference)
                }
                return Input(name: "source stage", value: finalKeys[index] ?? "", label: String(index))
            }

            var user = ""
            var workdir = "/"
            var shell = "/bin/sh -c"
            for step in stage.steps {
                let node = step.instruction.node
                let text = node.original.trimmingGoSpace()
                let keyword = step.instruction.keyword
                switch step.instruction {
                case .run(let run):
                    var inputs = [
                        Input(name: "the instruction", value: node.original + run.heredocs.map(\.content).joined()),
                        Input(
                            name: "build args",
                            value: step.arguments.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                                separator: " ")),
                        Input(
                            name: "ENV",
                            value: step.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                                separator: " ")),
                        Input(name: "USER", value: user), Input(name: "WORKDIR", value: workdir),
                        Input(name: "SHELL", value: shell),
                    ]
                    for mount in run.mounts where mount.type == .bind {
                        if let from = mount.from {
                            inputs.append(source(from, image: "mounted image"))
                        } else {
                            let selected = ContextSelection.select([mount.source ?? "."], inSorted: sortedEntries)
                            inputs.append(Input(name: "mounted files", value: files(selected), files: selected))
                        }
                    }
                    add(
                        Step(
                            line: node.range.start.line, text: text, keyword: keyword, isBuildStep: true,
                            inputs: inputs, parentKey: "", baseStage: nil))
                case .copy, .add:
                    let sources = Array(step.words.dropLast())
                    let destination = step.words.last ?? ""
                    var description =
                        keyword + " " + node.flags.joined(separator: " ") + " " + step.words.joined(separator: " ")
                    if case .copy(let copy) = step.instruction {
                        description += copy.files.inlineFiles.map(\.content).joined()
                    }
                    if case .add(let add) = step.instruction {
                        description += add.files.inlineFiles.map(\.content).joined()
                    }
                    var inputs = [Input(name: "the instruction", value: description)]
                    if !destination.hasPrefix("/") { inputs.append(Input(name: "WORKDIR", value: workdir)) }
                    if let from = step.copyFrom {
                        inputs.append(source(from, image: "source image"))
                    } else {
                        let local = sources.filter { !$0.contains("://") && !$0.hasPrefix("git@") }
                        let selected = ContextSelection.select(local, inSorted: sortedEntries)
                        inputs.append(Input(name: "files", value: files(selected), files: selected))
                    }
                    add(
                        Step(
                            line: node.range.start.line, text: text, keyword: keyword, isBuildStep: true,
                            inputs: inputs, parentKey: "", baseStage: nil))
                case .workdir:
                    let path = step.words.first ?? "/"
                    workdir = path.hasPrefix("/") ? path : (workdir.hasSuffix("/") ? workdir : workdir + "/") + path
                    add(
                        Step(
                            line: node.range.start.line, text: text, keyword: keyword, isBuildStep: true,
                            inputs: [Input(name: "the instruction", value: "WORKDIR " + workdir)], parentKey: "",
                            baseStage: nil))
                default:
                    if case .user = step.instruction { user = step.words.first ?? "" }
                    if case .shell(let s) = step.instruction { shell = s.shell.joined(separator: " ") }
                    add(
                        Step(
                            line: node.range.start.line, text: text, keyword: keyword, isBuildStep: false,
                            inputs: [
                                Input(name: "the instruction", value: keyword + " " + step.words.joined(separator: " "))
                            ],
                            parentKey: "", baseStage: nil))
                }
            }
            finalKeys[stage.stage.index] = parent
            result.append(steps)
        }
        return result
    }
}
