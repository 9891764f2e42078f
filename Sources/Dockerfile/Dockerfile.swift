import Foundation

/// A parsed Dockerfile: parser directives, global ARGs, and typed stages, as BuildKit's frontend reads it.
public struct Dockerfile: Sendable, Equatable {
    /// The line parser's view (nodes with spans, directives, warnings).
    public var syntax: SyntaxTree
    /// ARG instructions before the first FROM: visible in FROM lines, and in stages that redeclare them.
    public var metaArgs: [ArgInstruction]
    public var stages: [Stage]

    /// Parses bytes, rejecting what BuildKit rejects, with a located error.
    public static func parse(_ bytes: [UInt8]) throws(DockerfileError) -> Dockerfile {
        try DockerfileParser.parse(try SyntaxParser.parse(bytes))
    }

    /// Parses text.
    public static func parse(_ text: String) throws(DockerfileError) -> Dockerfile {
        try parse(Array(text.utf8))
    }

    /// Reads and parses a file.
    public static func parse(contentsOfFile path: String) throws(DockerfileError) -> Dockerfile {
        try parse(try readFile(path))
    }

    /// Reads a file's bytes, or `-` for standard input.
    public static func readFile(_ path: String) throws(DockerfileError) -> [UInt8] {
        if path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        return [UInt8](data)
    }

    /// The escape character in effect (`\` or `` ` ``).
    public var escapeToken: Unicode.Scalar { syntax.escapeToken }

    /// Resolves a stage reference as `COPY --from` and `--mount from=` do: a stage name (case-insensitive)
    /// or a 0-based index, among the stages before `before` (all stages when nil). nil means an image.
    public func stageIndex(forReference reference: String, before: Int? = nil) -> Int? {
        let limit = before ?? stages.count
        let lowered = reference.lowercased()
        if let stage = stages.prefix(limit).first(where: { $0.name == lowered }) { return stage.index }
        if let index = Int(reference), index >= 0, index < limit, String(index) == reference { return index }
        return nil
    }
}
