/// Types the line parser's nodes into stages and instructions, rejecting what BuildKit's `instructions.Parse` rejects.
enum DockerfileParser {
    static func parse(_ tree: SyntaxTree) throws(DockerfileError) -> Dockerfile {
        var metaArgs: [ArgInstruction] = []
        var stages: [Stage] = []
        for node in tree.nodes {
            guard Instruction.keywords.contains(node.keyword.uppercased()) else {
                let written = splitOnWhitespaceRuns(node.original.trimmingGoSpace(), limit: 2)[0]
                throw .unknownInstruction(
                    name: written, suggestion: closestMatch(to: written, in: Instruction.keywords), at: node.range)
            }
            let instruction: Instruction
            do {
                instruction = try Instruction.parse(node)
            } catch {
                throw .invalidInstruction(
                    instruction: node.keyword.uppercased(), message: error.message, at: focusRange(node, error.focus))
            }
            switch instruction {
            case .from(let from):
                stages.append(Stage(index: stages.count, from: from, instructions: []))
            case .arg(let arg) where stages.isEmpty:
                metaArgs.append(arg)
            default:
                guard !stages.isEmpty else { throw .noBuildStage(instruction: node.keyword, at: node.range) }
                stages[stages.count - 1].instructions.append(instruction)
            }
        }
        guard !stages.isEmpty else {
            throw .noStages(at: tree.nodes.last.map { $0.range.end } ?? SourcePosition(line: 1, column: 1))
        }
        return Dockerfile(syntax: tree, metaArgs: metaArgs, stages: stages)
    }

    /// Narrows an error to the column where `focus` appears on the instruction's first line.
    static func focusRange(_ node: SyntaxNode, _ focus: String?) -> SourceRange {
        guard let focus, !focus.isEmpty, let found = node.original.utf8Range(of: focus) else { return node.range }
        let offset = node.original.unicodeScalars[..<found.lowerBound].count
        let leading = node.original.unicodeScalars.prefix(while: { $0.isGoSpace }).count
        let column = node.range.start.column + offset - leading
        let start = SourcePosition(line: node.range.start.line, column: column)
        let end = SourcePosition(line: node.range.start.line, column: column + focus.unicodeScalars.count - 1)
        return SourceRange(start: start, end: end)
    }
}
