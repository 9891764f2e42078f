/// The JSON shape of `gym parse`: what the parser understood, per file.
public struct ParseReport: Encodable, Sendable {
    struct Range: Encodable, Sendable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int

        init(_ range: SourceRange) {
            startLine = range.start.line
            startColumn = range.start.column
            endLine = range.end.line
            endColumn = range.end.column
        }
    }

    struct Failure: Encodable, Sendable {
        var message: String
        var line: Int?
        var column: Int?
    }

    struct InstructionEntry: Encodable, Sendable {
        var keyword: String
        var range: Range
        var original: String
        var flags: [String]
        var arguments: [String]
        var form: String?
        var heredocs: [Heredoc]
        var details: [String: [String]]
    }

    struct StageEntry: Encodable, Sendable {
        var index: Int
        var name: String?
        var base: String
        var platform: String?
        var range: Range
        var instructions: [InstructionEntry]
    }

    struct Warning: Encodable, Sendable {
        var message: String
        var line: Int
    }

    var file: String
    var ok: Bool
    var error: Failure?
    var escapeToken: String?
    var directives: [ParserDirective]?
    var globalArgs: [ArgInstruction.Declaration]?
    var stages: [StageEntry]?
    var warnings: [Warning]?

    public init(file: String, error: DockerfileError) {
        self.file = file
        ok = false
        self.error = Failure(
            message: error.message, line: error.location?.start.line, column: error.location?.start.column)
    }

    public init(file: String, dockerfile: Dockerfile) {
        self.file = file
        ok = true
        escapeToken = String(dockerfile.escapeToken)
        directives = dockerfile.syntax.directives
        globalArgs = dockerfile.metaArgs.flatMap(\.declarations)
        warnings = dockerfile.syntax.warnings.map { Warning(message: $0.message, line: $0.range.start.line) }
        stages = dockerfile.stages.map { stage in
            StageEntry(
                index: stage.index, name: stage.name, base: stage.from.baseName, platform: stage.from.platform,
                range: Range(stage.range), instructions: stage.instructions.map(Self.entry))
        }
    }

    static func entry(_ instruction: Instruction) -> InstructionEntry {
        let node = instruction.node
        return InstructionEntry(
            keyword: instruction.keyword, range: Range(node.range), original: node.original, flags: node.flags,
            arguments: node.arguments, form: form(instruction), heredocs: node.heredocs, details: details(instruction))
    }

    /// `exec` or `shell` for instructions that run a command, nil for the others.
    public static func form(_ instruction: Instruction) -> String? {
        let command: CommandForm?
        switch instruction {
        case .run(let i): command = i.command
        case .cmd(let i): command = i.command
        case .entrypoint(let i): command = i.command
        case .healthcheck(let i): command = i.command
        default: command = nil
        }
        switch command {
        case .shell: return "shell"
        case .exec: return "exec"
        case nil: return nil
        }
    }

    /// The typed fields of an instruction, flattened for people and scripts.
    static func details(_ instruction: Instruction) -> [String: [String]] {
        var d: [String: [String]] = [:]
        func set(_ key: String, _ value: String?) { if let value { d[key] = [value] } }
        func flag(_ key: String, _ value: Bool) { if value { d[key] = ["true"] } }
        switch instruction {
        case .from(let i):
            set("base", i.baseName)
            set("name", i.stageName)
        case .run(let i):
            d["command"] = i.command.words
            if !i.mounts.isEmpty {
                d["mounts"] = i.mounts.map { m in
                    (["type=\(m.type.rawValue)"]
                        + [("target", m.target), ("source", m.source), ("from", m.from), ("id", m.id)]
                        .compactMap { k, v in v.map { "\(k)=\($0)" } }).joined(separator: ",")
                }
            }
            set("network", i.network)
            set("security", i.security)
        case .cmd(let i): d["command"] = i.command.words
        case .entrypoint(let i): d["command"] = i.command.words
        case .shell(let i): d["shell"] = i.shell
        case .healthcheck(let i):
            d["command"] = i.command?.words ?? ["NONE"]
            set("interval", i.interval.map { "\($0)s" })
            set("timeout", i.timeout.map { "\($0)s" })
            set("startPeriod", i.startPeriod.map { "\($0)s" })
            set("startInterval", i.startInterval.map { "\($0)s" })
            set("retries", i.retries.map(String.init))
        case .label(let i): d["labels"] = i.labels.map { "\($0.key)=\($0.value)" }
        case .env(let i): d["variables"] = i.variables.map { "\($0.key)=\($0.value)" }
        case .maintainer(let i): set("maintainer", i.maintainer)
        case .expose(let i): d["ports"] = i.ports
        case .add(let i):
            d["sources"] = i.files.sources
            set("destination", i.files.destination)
            set("chown", i.chown)
            set("chmod", i.chmod)
            set("checksum", i.checksum)
            flag("link", i.link)
            flag("keepGitDir", i.keepGitDir)
            if !i.excludes.isEmpty { d["exclude"] = i.excludes }
        case .copy(let i):
            d["sources"] = i.files.sources
            set("destination", i.files.destination)
            set("from", i.from)
            set("chown", i.chown)
            set("chmod", i.chmod)
            flag("link", i.link)
            flag("parents", i.parents)
            if !i.excludes.isEmpty { d["exclude"] = i.excludes }
        case .volume(let i): d["paths"] = i.paths
        case .user(let i): set("user", i.user)
        case .workdir(let i): set("path", i.path)
        case .arg(let i):
            d["declarations"] = i.declarations.map { decl in decl.defaultValue.map { "\(decl.name)=\($0)" } ?? decl.name
            }
        case .onbuild(let i): set("trigger", i.trigger.node.original)
        case .stopSignal(let i): set("signal", i.signal)
        }
        return d
    }
}
