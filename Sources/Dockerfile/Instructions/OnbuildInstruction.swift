/// `ONBUILD INSTRUCTION`: a trigger run when another build uses this image as its base.
public struct OnbuildInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    /// The trigger, typed.
    public var trigger: Instruction

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> OnbuildInstruction {
        guard let child = node.trigger.first else { throw atLeastOneArgument("ONBUILD") }
        _ = try BuilderFlags.parse(node, allowed: [:])
        switch child.keyword {
        case "onbuild": throw InstructionFailure("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")
        case "maintainer", "from":
            throw InstructionFailure("\(child.keyword.uppercased()) isn't allowed as an ONBUILD trigger")
        default: break
        }
        return OnbuildInstruction(node: node, trigger: try Instruction.parse(child))
    }
}
