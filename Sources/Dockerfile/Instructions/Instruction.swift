/// A typed Dockerfile instruction.
public enum Instruction: Sendable, Equatable {
    case from(FromInstruction)
    case run(RunInstruction)
    case cmd(CmdInstruction)
    case label(LabelInstruction)
    case maintainer(MaintainerInstruction)
    case expose(ExposeInstruction)
    case env(EnvInstruction)
    case add(AddInstruction)
    case copy(CopyInstruction)
    case entrypoint(EntrypointInstruction)
    case volume(VolumeInstruction)
    case user(UserInstruction)
    case workdir(WorkdirInstruction)
    case arg(ArgInstruction)
    indirect case onbuild(OnbuildInstruction)
    case stopSignal(StopSignalInstruction)
    case healthcheck(HealthcheckInstruction)
    case shell(ShellInstruction)

    /// Every keyword BuildKit knows, upper-cased.
    public static let keywords = [
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ]

    /// The line-parser node this instruction was typed from.
    public var node: SyntaxNode {
        switch self {
        case .from(let i): return i.node
        case .run(let i): return i.node
        case .cmd(let i): return i.node
        case .label(let i): return i.node
        case .maintainer(let i): return i.node
        case .expose(let i): return i.node
        case .env(let i): return i.node
        case .add(let i): return i.node
        case .copy(let i): return i.node
        case .entrypoint(let i): return i.node
        case .volume(let i): return i.node
        case .user(let i): return i.node
        case .workdir(let i): return i.node
        case .arg(let i): return i.node
        case .onbuild(let i): return i.node
        case .stopSignal(let i): return i.node
        case .healthcheck(let i): return i.node
        case .shell(let i): return i.node
        }
    }

    /// The keyword upper-cased (`RUN`).
    public var keyword: String { node.keyword.uppercased() }
    /// Where the instruction is.
    public var range: SourceRange { node.range }

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> Instruction {
        switch node.keyword {
        case "from": return .from(try FromInstruction.parse(node))
        case "run": return .run(try RunInstruction.parse(node))
        case "cmd": return .cmd(try CmdInstruction.parse(node))
        case "label": return .label(try LabelInstruction.parse(node))
        case "maintainer": return .maintainer(try MaintainerInstruction.parse(node))
        case "expose": return .expose(try ExposeInstruction.parse(node))
        case "env": return .env(try EnvInstruction.parse(node))
        case "add": return .add(try AddInstruction.parse(node))
        case "copy": return .copy(try CopyInstruction.parse(node))
        case "entrypoint": return .entrypoint(try EntrypointInstruction.parse(node))
        case "volume": return .volume(try VolumeInstruction.parse(node))
        case "user": return .user(try UserInstruction.parse(node))
        case "workdir": return .workdir(try WorkdirInstruction.parse(node))
        case "arg": return .arg(try ArgInstruction.parse(node))
        case "onbuild": return .onbuild(try OnbuildInstruction.parse(node))
        case "stopsignal": return .stopSignal(try StopSignalInstruction.parse(node))
        case "healthcheck": return .healthcheck(try HealthcheckInstruction.parse(node))
        case "shell": return .shell(try ShellInstruction.parse(node))
        default:
            throw InstructionFailure("unknown instruction: \(node.keyword)")
        }
    }
}
