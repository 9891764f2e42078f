/// The sources and destination of COPY or ADD; heredoc sources become inline files.
public struct SourcesAndDestination: Sendable, Equatable {
    public var sources: [String]
    public var inlineFiles: [Heredoc]
    public var destination: String

    static func parse(_ node: SyntaxNode, instruction: String) throws(InstructionFailure) -> SourcesAndDestination {
        let args = node.arguments
        guard args.count >= 2 else {
            throw InstructionFailure(
                "\(instruction) requires at least two arguments, but only one was provided. Destination could not be determined."
            )
        }
        let destination = args[args.count - 1]
        if (try? HeredocScanner.parse(destination)) != nil {
            throw InstructionFailure("\(instruction) cannot accept a heredoc as a destination", focus: destination)
        }
        var sources: [String] = []
        var inline: [Heredoc] = []
        for source in args.dropLast() {
            if let heredoc = try? HeredocScanner.parse(source) {
                var file = node.heredocs.first(where: { $0.name == heredoc.name }) ?? heredoc
                file.content = file.effectiveContent
                inline.append(file)
            } else {
                sources.append(source)
            }
        }
        return SourcesAndDestination(sources: sources, inlineFiles: inline, destination: destination)
    }
}
