/// `ENTRYPOINT ["exec", "form"]` or `ENTRYPOINT shell form`.
public struct EntrypointInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var command: CommandForm

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> EntrypointInstruction {
        _ = try BuilderFlags.parse(node, allowed: [:])
        return EntrypointInstruction(node: node, command: CommandForm(arguments: node.arguments, isJSON: node.isJSON))
    }
}
