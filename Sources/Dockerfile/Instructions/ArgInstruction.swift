/// `ARG NAME[=default] ...`: build arguments.
public struct ArgInstruction: Sendable, Equatable {
    /// One declared argument.
    public struct Declaration: Sendable, Equatable, Codable {
        public var name: String
        /// The default as written (quotes and `$VARS` kept until expansion), nil when none.
        public var defaultValue: String?
    }

    public var node: SyntaxNode
    public var declarations: [Declaration]

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> ArgInstruction {
        guard !node.arguments.isEmpty else { throw atLeastOneArgument("ARG") }
        _ = try BuilderFlags.parse(node, allowed: [:])
        let declarations = node.arguments.map { word -> Declaration in
            if let eq = word.firstIndex(of: "=") {
                return Declaration(name: String(word[..<eq]), defaultValue: String(word[word.index(after: eq)...]))
            }
            return Declaration(name: word, defaultValue: nil)
        }
        return ArgInstruction(node: node, declarations: declarations)
    }
}
