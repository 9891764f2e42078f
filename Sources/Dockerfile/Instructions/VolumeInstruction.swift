/// `VOLUME ["/data"]` or `VOLUME /a /b`.
public struct VolumeInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var paths: [String]

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> VolumeInstruction {
        guard !node.arguments.isEmpty else { throw atLeastOneArgument("VOLUME") }
        _ = try BuilderFlags.parse(node, allowed: [:])
        for path in node.arguments where path.trimmingGoSpace().isEmpty {
            throw InstructionFailure("VOLUME specified can not be an empty string")
        }
        return VolumeInstruction(node: node, paths: node.arguments)
    }
}
