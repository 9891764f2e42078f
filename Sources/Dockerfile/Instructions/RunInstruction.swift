/// `RUN [--mount=...] [--network=...] [--security=...] COMMAND`.
public struct RunInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var command: CommandForm
    public var mounts: [Mount]
    /// `none`, `host` or `default`, when given.
    public var network: String?
    /// `sandbox` or `insecure`, when given.
    public var security: String?
    /// Heredoc files the command reads (`RUN <<EOF`).
    public var heredocs: [Heredoc]

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> RunInstruction {
        let flags = try BuilderFlags.parse(
            node, allowed: ["mount": .strings, "network": .string, "security": .string, "device": .strings])
        var mounts: [Mount] = []
        for spec in flags.strings("mount") {
            do {
                mounts.append(try Mount(parsing: spec))
            } catch {
                throw InstructionFailure(error.message, focus: spec)
            }
        }
        if let network = flags.string("network"), !["none", "host", "default"].contains(network) {
            throw InstructionFailure(
                "unsupported network mode \(goQuote(network)): use none, host or default", focus: "--network")
        }
        if let security = flags.string("security"), !["sandbox", "insecure"].contains(security) {
            throw InstructionFailure(
                "unsupported security mode \(goQuote(security)): use sandbox or insecure", focus: "--security")
        }
        return RunInstruction(
            node: node, command: CommandForm(arguments: node.arguments, isJSON: node.isJSON), mounts: mounts,
            network: flags.string("network"), security: flags.string("security"), heredocs: node.heredocs)
    }
}
