/// One instruction as BuildKit's line parser sees it, before typing: keyword, flags and argument words.
public struct SyntaxNode: Sendable, Equatable {
    /// The instruction keyword, lower-cased (`from`, `run`, ...). Unknown keywords are kept as written, lower-cased.
    public var keyword: String
    /// Builder flags (`--from=build`), each as written after `--`-prefix extraction.
    public var flags: [String]
    /// The argument words after BuildKit's per-instruction splitting (quotes kept where BuildKit keeps them).
    public var arguments: [String]
    /// For ONBUILD: the trigger instruction.
    public var trigger: [SyntaxNode]
    /// Whether the arguments were written in exec (JSON array) form.
    public var isJSON: Bool
    /// Heredocs attached to this instruction, in order.
    public var heredocs: [Heredoc]
    /// The logical line after continuation joining, as BuildKit keeps it in `Original`.
    public var original: String
    /// Where the instruction is in the file, heredoc bodies included.
    public var range: SourceRange
    /// Comment lines directly above the instruction.
    public var comments: [String]

    public init(
        keyword: String, flags: [String] = [], arguments: [String] = [], trigger: [SyntaxNode] = [],
        isJSON: Bool = false, heredocs: [Heredoc] = [], original: String = "",
        range: SourceRange = SourceRange(at: SourcePosition(line: 0, column: 0)), comments: [String] = []
    ) {
        self.keyword = keyword
        self.flags = flags
        self.arguments = arguments
        self.trigger = trigger
        self.isJSON = isJSON
        self.heredocs = heredocs
        self.original = original
        self.range = range
        self.comments = comments
    }

    /// The node as BuildKit's `Node.Dump()` prints it, e.g. `copy ["--from=a"] "x" "/y"`.
    public func dump() -> String {
        var out = keyword
        if !flags.isEmpty { out += " " + goQuoteList(flags) }
        for child in trigger { out += " (" + child.dump() + ")" }
        for argument in arguments { out += " " + goQuote(argument) }
        return out
    }

    var canContainHeredoc: Bool {
        if keyword == "onbuild", let child = trigger.first { return child.canContainHeredoc }
        return ["add", "copy", "run"].contains(keyword) && !isJSON
    }
}

/// A here-document (`<<EOF ... EOF`) attached to RUN, COPY or ADD.
public struct Heredoc: Sendable, Equatable, Codable {
    /// The terminator word with quotes removed.
    public var name: String
    /// The file descriptor written before `<<` (`3<<EOF`), 0 when none.
    public var fileDescriptor: Int
    /// Whether variables in the body are expanded (false when the delimiter was quoted).
    public var expand: Bool
    /// Whether leading tabs are stripped (`<<-EOF`).
    public var chomp: Bool
    /// The body, each line with its newline.
    public var content: String

    public init(name: String, fileDescriptor: Int = 0, expand: Bool = true, chomp: Bool = false, content: String = "") {
        self.name = name
        self.fileDescriptor = fileDescriptor
        self.expand = expand
        self.chomp = chomp
        self.content = content
    }

    /// The body as the build sees it: leading tabs removed from each line when `chomp` is set.
    public var effectiveContent: String {
        guard chomp else { return content }
        return content.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.drop(while: { $0 == "\t" })) }
            .joined(separator: "\n")
    }
}

/// A parser directive (`# syntax=`, `# escape=`, `# check=`) from the top of the file.
public struct ParserDirective: Sendable, Equatable, Codable {
    public var name: String
    public var value: String
    public var line: Int
}

/// A non-fatal finding of the line parser (BuildKit prints these as warnings).
public struct ParserWarning: Sendable, Equatable, Codable {
    public var message: String
    public var range: SourceRange
}

/// The whole file as BuildKit's line parser sees it.
public struct SyntaxTree: Sendable, Equatable {
    public var nodes: [SyntaxNode]
    public var directives: [ParserDirective]
    public var escapeToken: Unicode.Scalar
    public var warnings: [ParserWarning]

    /// All nodes as BuildKit's `Dump()` prints the root: one parenthesised node per line.
    public func dump() -> String {
        nodes.map { "(" + $0.dump() + ")" }.joined(separator: "\n")
    }
}
