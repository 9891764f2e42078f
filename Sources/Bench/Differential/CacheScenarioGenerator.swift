/// Draws random but valid scenarios for the differential test: Dockerfiles of 2 to 4 stages made of FROM,
/// WORKDIR, ARG, ENV, COPY, ADD, RUN (with bind and cache mounts), COPY --from, USER and LABEL over a small
/// context with a `.dockerignore`, and one change of the kinds that matter to BuildKit's cache.
public struct CacheScenarioGenerator: Sendable {
    public var base: String
    public var seed: UInt64

    public init(base: String = "gym-local/debian:bookworm-slim", seed: UInt64) {
        self.base = base
        self.seed = seed
    }

    /// `count` scenarios; the same seed gives the same ones.
    public func scenarios(_ count: Int) -> [CacheScenario] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { scenario(index: $0, random: &random) }
    }

    static let tokens = ["alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma", "theta"]

    func scenario(index: Int, random: inout SeededRandom) -> CacheScenario {
        // the context: a few files in and out of subdirectories, one of them ignored
        var files: [String: String] = [:]
        let candidates = ["a.txt", "b.txt", "run.sh", "config.json", "src/main.sh", "src/lib/util.sh", "data/x.csv"]
        for path in candidates where random.chance(0.7) || files.isEmpty {
            files[path] = "\(random.pick(Self.tokens)) \(Int.random(in: 0..<1000, using: &random))\n"
        }
        files["notes.md"] = "ignored notes \(random.pick(Self.tokens))\n"
        let ignorePatterns = random.chance(0.5) ? ["*.md"] : ["*.md", "data"]
        files[".dockerignore"] = ignorePatterns.joined(separator: "\n") + "\n"
        let visible = files.keys.filter { path in
            path != ".dockerignore" && !path.hasSuffix(".md")
                && !(ignorePatterns.contains("data") && path.hasPrefix("data/"))
        }.sorted()
        let executables: Set<String> = visible.contains("run.sh") && random.chance(0.5) ? ["run.sh"] : []

        // the Dockerfile
        let stageCount = Int.random(in: 2...4, using: &random)
        var lines: [String] = []
        var globalArg: (String, String)? = nil
        if random.chance(0.3) {
            globalArg = ("GLOBAL", random.pick(Self.tokens))
            lines.append("ARG GLOBAL=\(globalArg!.1)")
        }
        var stageArgs: [(String, String)] = []
        var named: [String] = []  // context paths the Dockerfile names one by one (must survive the change)
        for stage in 0..<stageCount {
            if lines.last.map({ !$0.isEmpty }) ?? false { lines.append("") }
            let from = stage > 0 && random.chance(0.3) ? "s\(Int.random(in: 0..<stage, using: &random))" : base
            lines.append("FROM \(from) AS s\(stage)")
            let steps = Int.random(in: 2...5, using: &random)
            var workdir = "/"
            for _ in 0..<steps {
                switch Int.random(in: 0..<10, using: &random) {
                case 0:
                    workdir = "/w\(Int.random(in: 0..<3, using: &random))"
                    lines.append("WORKDIR \(workdir)")
                case 1:
                    let name = "V\(stage)"
                    let value = random.pick(Self.tokens)
                    if !stageArgs.contains(where: { $0.0 == name }) { stageArgs.append((name, value)) }
                    lines.append("ARG \(name)=\(value)")
                    if let globalArg, random.chance(0.5) { lines.append("ARG \(globalArg.0)") }
                case 2:
                    lines.append("ENV E\(stage)=\(random.pick(Self.tokens))")
                case 3, 4:
                    let source = random.chance(0.25) ? "." : random.pick(visible)
                    if source != "." { named.append(source) }
                    let chmod = random.chance(0.2) ? "--chmod=644 " : ""
                    lines.append("COPY \(chmod)\(source) /ctx\(stage)/")
                case 5:
                    let source = random.pick(visible)
                    named.append(source)
                    lines.append("ADD \(source) /add\(stage)/")
                case 6:
                    let source = random.pick(visible)
                    named.append(source)
                    lines.append("RUN --mount=type=bind,source=\(source),target=/mnt/in cat /mnt/in > /dev/null")
                case 7:
                    lines.append(
                        "RUN --mount=type=cache,target=/cache echo \(random.pick(Self.tokens)) >> /cache/log")
                case 8:
                    lines.append(random.chance(0.5) ? "USER root" : "USER 0:0")
                default:
                    lines.append("LABEL step\(stage)=\(random.pick(Self.tokens))")
                }
            }
            if stage > 0, random.chance(0.6) {
                let source = Int.random(in: 0..<stage, using: &random)
                lines.append("COPY --from=s\(source) /out/s\(source).txt /from/")
            }
            // every stage leaves an output a later stage may copy, made from what it saw
            let argUse = stageArgs.first { $0.0 == "V\(stage)" }.map { " $\($0.0)" } ?? ""
            lines.append(
                "RUN mkdir -p /out && (ls -R /ctx\(stage) /add\(stage) /from 2>/dev/null; echo s\(stage)\(argUse)) > /out/s\(stage).txt"
            )
        }
        let dockerfile = lines.joined(separator: "\n") + "\n"

        // the change
        let unnamed = visible.filter { !named.contains($0) }
        var change: CacheScenario.Change
        let kind = Int.random(in: 0..<9, using: &random)
        switch kind {
        case 0: change = .edit(random.pick(visible))
        case 1: change = .touch(random.pick(visible))
        case 2: change = .chmod(random.pick(visible))
        case 3: change = .add(random.chance(0.5) ? "src/new.sh" : "extra.txt")
        case 4: change = unnamed.isEmpty ? .edit(random.pick(visible)) : .delete(random.pick(unnamed))
        case 5:
            change =
                unnamed.isEmpty
                ? .touch(random.pick(visible)) : .rename(random.pick(unnamed), to: "renamed-\(index).txt")
        case 6:
            change = .editIgnored(
                ignorePatterns.contains("data") && files["data/x.csv"] != nil ? "data/x.csv" : "notes.md")
        case 7:
            if let (name, value) = stageArgs.first.map({ $0 }) ?? globalArg {
                change = .buildArg(name, from: value, to: value + "2")
            } else {
                change = .edit(random.pick(visible))
            }
        default:
            change = .target("s\(Int.random(in: 0..<(stageCount - 1), using: &random))")
        }
        let name = "seed \(seed) #\(index): \(stageCount) stages, \(Self.describe(change))"
        return CacheScenario(
            name: name, files: files, executables: executables, dockerfile: dockerfile, change: change,
            targetBefore: nil, argsBefore: [:])
    }

    static func describe(_ change: CacheScenario.Change) -> String {
        switch change {
        case .edit(let path): return "edit \(path)"
        case .touch(let path): return "touch \(path)"
        case .chmod(let path): return "chmod +x/-x \(path)"
        case .add(let path): return "add \(path)"
        case .delete(let path): return "delete \(path)"
        case .rename(let path, let to): return "rename \(path) to \(to)"
        case .editIgnored(let path): return "edit ignored \(path)"
        case .buildArg(let name, _, let to): return "--build-arg \(name)=\(to)"
        case .target(let stage): return "--target \(stage)"
        }
    }
}
