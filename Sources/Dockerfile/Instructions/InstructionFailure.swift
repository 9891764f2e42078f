/// A rejection found while typing one instruction; ``DockerfileParser`` adds the location.
struct InstructionFailure: Error {
    var message: String
    /// The text to point the column at, when known (a flag, a word).
    var focus: String?

    init(_ message: String, focus: String? = nil) {
        self.message = message
        self.focus = focus
    }
}

extension BuilderFlags {
    static func parse(_ node: SyntaxNode, allowed: [String: Kind]) throws(InstructionFailure) -> BuilderFlags {
        do {
            return try BuilderFlags(node.flags, allowed: allowed, instruction: node.keyword)
        } catch {
            throw InstructionFailure(error.message, focus: error.flag)
        }
    }
}

func atLeastOneArgument(_ instruction: String) -> InstructionFailure {
    InstructionFailure("\(instruction) requires at least one argument")
}

func exactlyOneArgument(_ instruction: String) -> InstructionFailure {
    InstructionFailure("\(instruction) requires exactly one argument")
}
