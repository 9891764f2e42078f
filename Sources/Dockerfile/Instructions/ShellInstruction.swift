/// `SHELL ["executable", "parameters"]`: the shell used by later shell-form instructions.
public struct ShellInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var shell: [String]

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> ShellInstruction {
        _ = try BuilderFlags.parse(node, allowed: [:])
        guard node.isJSON else {
            if node.arguments.isEmpty { throw atLeastOneArgument("SHELL") }
            throw InstructionFailure("SHELL requires the arguments to be in JSON form")
        }
        guard !node.arguments.isEmpty else { throw atLeastOneArgument("SHELL") }
        return ShellInstruction(node: node, shell: node.arguments)
    }
}
