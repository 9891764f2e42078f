/// `ADD [--chown --chmod --link --keep-git-dir --checksum --exclude --unpack] SRC... DEST`.
public struct AddInstruction: Sendable, Equatable {
    public var node: SyntaxNode
    public var files: SourcesAndDestination
    public var chown: String?
    public var chmod: String?
    public var link: Bool
    public var keepGitDir: Bool
    public var checksum: String?
    public var excludes: [String]

    static func parse(_ node: SyntaxNode) throws(InstructionFailure) -> AddInstruction {
        let files = try SourcesAndDestination.parse(node, instruction: "ADD")
        let flags = try BuilderFlags.parse(
            node,
            allowed: [
                "chown": .string, "chmod": .string, "link": .bool, "keep-git-dir": .bool, "checksum": .string,
                "exclude": .strings, "unpack": .bool,
            ])
        return AddInstruction(
            node: node, files: files, chown: flags.string("chown"), chmod: flags.string("chmod"),
            link: flags.bool("link"), keepGitDir: flags.bool("keep-git-dir"), checksum: flags.string("checksum"),
            excludes: flags.strings("exclude"))
    }
}
