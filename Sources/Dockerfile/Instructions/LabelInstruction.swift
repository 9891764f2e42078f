/// `LABEL key=value ...`: image metadata.
public struct LabelInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var labels: [KeyValuePair]

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> LabelInstruction {
        _ = try BuilderFlags.parse(node, allowed: [:])
        return LabelInstruction(node: node, labels: try keyValuePairs(node, instruction: "LABEL"))
    }
}

func keyValuePairs(_ node: SyntaxNode, instruction: String) throws(InstructionFailure) -> [KeyValuePair] {
    let args = node.arguments
    guard !args.isEmpty else { throw atLeastOneArgument(instruction) }
    var pairs: [KeyValuePair] = []
    for i in stride(from: 0, to: args.count - 1, by: 3) {
        guard !args[i].isEmpty else { throw InstructionFailure("\(instruction) names can not be blank") }
        let separator = i + 2 < args.count ? args[i + 2] : ""
        pairs.append(KeyValuePair(key: args[i], value: args[i + 1], isLegacyForm: separator != "="))
    }
    return pairs
}
