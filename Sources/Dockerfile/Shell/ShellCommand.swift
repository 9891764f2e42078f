/// One simple command of a RUN script: its words with quotes removed, and how it joins the previous one.
public struct ShellCommand: Sendable, Equatable {
    /// The operator before this command: `&&`, `||`, `;`, `|`, `&`, or nil for the first.
    public var separator: String?
    /// The words, unquoted.
    public var words: [String]
    /// Words after leading `VAR=value` assignments and wrappers that run another command.
    public let invocation: [String]
    /// The program name (`apt-get`), without a path.
    public let name: String
    /// Whether the command runs inside a `$(...)` substitution of another command.
    public var isNested = false

    public init(separator: String?, words: [String]) {
        self.separator = separator
        self.words = words
        var rest = words[...]
        while let first = rest.first, first.utf8.contains(UInt8(ascii: "=")), first.utf8.first != UInt8(ascii: "-"),
            first.utf8.first != UInt8(ascii: "=")
        {
            rest = rest.dropFirst()
        }
        while let first = rest.first, Self.wrappers.contains(first) { rest = rest.dropFirst() }
        invocation = Array(rest)
        if let program = invocation.first {
            name = program.split(separator: "/").last.map(String.init) ?? program
        } else {
            name = ""
        }
    }

    static let wrappers: Set<String> = [
        "exec", "command", "nohup", "time", "then", "do", "else", "!", "if", "elif", "while", "until",
    ]

    /// `apt-get install -s` and friends only simulate: nothing is installed.
    public var isSimulation: Bool { has("-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon") }

    /// The arguments after the program name.
    public var arguments: [String] { Array(invocation.dropFirst()) }

    /// Whether any argument equals one of `flags`, or a combined short flag (`-qy`) holds a one-letter flag.
    public func has(_ flags: String...) -> Bool {
        for argument in arguments {
            if flags.contains(argument) { return true }
            if argument.hasPrefix("--"), let eq = argument.firstIndex(of: "="), flags.contains(String(argument[..<eq]))
            {
                return true
            }
            if argument.hasPrefix("-") && !argument.hasPrefix("--") && argument.count > 2 {
                for flag in flags where flag.count == 2 && flag.hasPrefix("-") {
                    if argument.dropFirst().contains(flag.last!) { return true }
                }
            }
        }
        return false
    }

    /// Arguments that are not options (do not start with `-`), after the subcommand words given.
    public func operands(after subcommands: Set<String>) -> [String] {
        var seenSubcommand = subcommands.isEmpty
        var result: [String] = []
        for argument in arguments {
            if !seenSubcommand {
                if subcommands.contains(argument) { seenSubcommand = true }
                continue
            }
            if argument.hasPrefix("-") { continue }
            result.append(argument)
        }
        return result
    }
}
