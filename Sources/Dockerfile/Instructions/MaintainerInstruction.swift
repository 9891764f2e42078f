/// `MAINTAINER name` (deprecated: use `LABEL org.opencontainers.image.authors=...`).
public struct MaintainerInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var maintainer: String

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> MaintainerInstruction {
        guard node.arguments.count == 1 else { throw exactlyOneArgument("MAINTAINER") }
        _ = try BuilderFlags.parse(node, allowed: [:])
        return MaintainerInstruction(node: node, maintainer: node.arguments[0])
    }
}
