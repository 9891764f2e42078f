/// `USER name[:group]` or `USER uid[:gid]`.
public struct UserInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var user: String

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> UserInstruction {
        guard node.arguments.count == 1 else { throw exactlyOneArgument("USER") }
        _ = try BuilderFlags.parse(node, allowed: [:])
        return UserInstruction(node: node, user: node.arguments[0])
    }
}
