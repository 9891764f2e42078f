/// `COPY [--from --chown --chmod --link --parents --exclude] SRC... DEST`.
public struct CopyInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var files: SourcesAndDestination
    /// A stage name or index, an image, or a named context.
    public var from: String?
    public var chown: String?
    public var chmod: String?
    public var link: Bool
    public var parents: Bool
    public var excludes: [String]

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> CopyInstruction {
        let files = try SourcesAndDestination.parse(node, instruction: "COPY")
        let flags = try BuilderFlags.parse(
            node,
            allowed: [
                "from": .string, "chown": .string, "chmod": .string, "link": .bool, "parents": .bool,
                "exclude": .strings,
            ])
        return CopyInstruction(
            node: node, files: files, from: flags.string("from"), chown: flags.string("chown"),
            chmod: flags.string("chmod"), link: flags.bool("link"), parents: flags.bool("parents"),
            excludes: flags.strings("exclude"))
    }
}
