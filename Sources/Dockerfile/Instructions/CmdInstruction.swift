/// `CMD ["exec", "form"]` or `CMD shell form`: the default command of the image.
public struct CmdInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var command: CommandForm

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> CmdInstruction {
        _ = try BuilderFlags.parse(node, allowed: [:])
        return CmdInstruction(node: node, command: CommandForm(arguments: node.arguments, isJSON: node.isJSON))
    }
}
