import Dockerfile

/// Where a stage's instructions run and what they copy, for rules that follow one file through a stage:
/// each instruction with the working directory it runs in (nil when a variable or an inherited stage makes
/// it unknown), and absolute paths resolved against it.
struct StagePaths {
    struct Step {
        var instruction: Instruction
        var workdir: String?
    }

    /// One file a COPY puts at a known absolute path.
    struct CopiedFile {
        var copy: CopyInstruction
        /// Its permission bits in the context, which COPY keeps.
        var sourceMode: UInt16
        var destination: String
    }

    let steps: [Step]

    init(_ stage: Stage, in dockerfile: Dockerfile) {
        // a stage built on another stage starts in that stage's working directory: not followed here
        let inherits = dockerfile.stages.prefix(stage.index).contains { $0.name == stage.from.baseName.lowercased() }
        var workdir: String? = inherits ? nil : "/"
        var steps: [Step] = []
        for instruction in stage.instructions {
            if case .workdir(let change) = instruction {
                workdir = change.path.includes("$") ? nil : Self.absolute(change.path, in: workdir)
            }
            steps.append(Step(instruction: instruction, workdir: workdir))
        }
        self.steps = steps
    }

    /// `path` made absolute against `workdir` and normalised (`.`, `..`, repeated and trailing slashes).
    static func absolute(_ path: String, in workdir: String?) -> String? {
        guard !path.includes("$") else { return nil }
        let joined: String
        if path.hasPrefix("/") {
            joined = path
        } else if let workdir {
            joined = workdir + "/" + path
        } else {
            return nil
        }
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The regular files of the build context a COPY writes, each at its absolute destination with its mode
    /// in the context; empty for globs, directories, variables, heredocs, `--from` and without a context
    /// (a source that is a directory puts its contents, not itself, at the destination).
    static func copiedFiles(_ copy: CopyInstruction, workdir: String?, context: BuildContextView?) -> [CopiedFile] {
        let sources = copy.files.sources
        guard let context, copy.from == nil, copy.files.inlineFiles.isEmpty, !sources.isEmpty,
            !sources.contains(where: { $0.includes("*") || $0.includes("?") || $0.includes("[") || $0.includes("$") })
        else { return [] }
        let destination = copy.files.destination
        let intoDirectory = destination.hasSuffix("/") || destination == "." || sources.count > 1
        var files: [CopiedFile] = []
        for source in sources {
            let name = source.split(separator: "/").last.map(String.init) ?? source
            guard !name.isEmpty, name != ".", name != ".." else { return [] }
            let relative = StagePaths.absolute(source, in: "/").map { String($0.dropFirst()) } ?? source
            guard let mode = context.modes[relative],
                let target = absolute(intoDirectory ? destination + "/" + name : destination, in: workdir)
            else { return [] }
            files.append(CopiedFile(copy: copy, sourceMode: mode, destination: target))
        }
        return files
    }
}
