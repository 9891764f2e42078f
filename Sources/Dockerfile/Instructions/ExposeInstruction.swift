/// `EXPOSE 80 443/tcp 53/udp`: documents the ports the container listens on.
public struct ExposeInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var ports: [String]

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> ExposeInstruction {
        guard !node.arguments.isEmpty else { throw atLeastOneArgument("EXPOSE") }
        _ = try BuilderFlags.parse(node, allowed: [:])
        return ExposeInstruction(node: node, ports: node.arguments)
    }
}
