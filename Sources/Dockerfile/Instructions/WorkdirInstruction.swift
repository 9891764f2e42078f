/// `WORKDIR /path`: the working directory of later steps (created when missing).
public struct WorkdirInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var path: String

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> WorkdirInstruction {
        guard node.arguments.count == 1 else { throw exactlyOneArgument("WORKDIR") }
        _ = try BuilderFlags.parse(node, allowed: [:])
        return WorkdirInstruction(node: node, path: node.arguments[0])
    }
}
