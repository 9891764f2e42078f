/// `ENV key=value ...` (or the legacy `ENV key value`): environment for later steps and the image.
public struct EnvInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var variables: [KeyValuePair]

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> EnvInstruction {
        _ = try BuilderFlags.parse(node, allowed: [:])
        return EnvInstruction(node: node, variables: try keyValuePairs(node, instruction: "ENV"))
    }
}
