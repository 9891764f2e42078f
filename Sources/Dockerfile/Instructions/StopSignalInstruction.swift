/// `STOPSIGNAL SIGTERM`: the signal that stops the container.
public struct StopSignalInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var signal: String

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> StopSignalInstruction {
        guard node.arguments.count == 1 else { throw exactlyOneArgument("STOPSIGNAL") }
        _ = try BuilderFlags.parse(node, allowed: [:])
        return StopSignalInstruction(node: node, signal: node.arguments[0])
    }
}
