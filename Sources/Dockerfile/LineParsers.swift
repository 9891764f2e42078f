/// The per-instruction argument splitting of BuildKit's line parser.
enum LineParsers {
    struct Parsed {
        var arguments: [String] = []
        var trigger: SyntaxNode? = nil
        var isJSON = false
    }

    struct Failure: Error {
        var message: String
    }

    static func parse(
        keyword: String, rest: String, escape: Unicode.Scalar, subcommand: (String) throws -> SyntaxNode
    )
        throws -> Parsed
    {
        switch keyword {
        case "add", "copy", "volume": return try maybeJSONToList(rest)
        case "arg": return Parsed(arguments: words(rest, escape: escape))
        case "cmd", "entrypoint", "run", "shell": return try maybeJSON(rest)
        case "env": return try nameValue(rest, key: "ENV", escape: escape)
        case "label": return try nameValue(rest, key: "LABEL", escape: escape)
        case "expose", "from": return whitespaceDelimited(rest)
        case "healthcheck": return try healthConfig(rest)
        case "maintainer", "stopsignal", "user", "workdir": return rest.isEmpty ? Parsed() : Parsed(arguments: [rest])
        case "onbuild":
            if rest.isEmpty { return Parsed() }
            return Parsed(trigger: try subcommand(rest))
        default: return Parsed()
        }
    }

    /// BuildKit's `parseWords`: splits on whitespace, keeping quotes and escapes in the words.
    static func words(_ rest: String, escape: Unicode.Scalar) -> [String] {
        WordScanner.scan(Array(rest.unicodeScalars), mode: .keepingQuotes(escape: escape)).words
    }

    static func nameValue(_ rest: String, key: String, escape: Unicode.Scalar) throws -> Parsed {
        let words = words(rest, escape: escape)
        guard let first = words.first else { return Parsed() }
        if !first.includes("=") {
            let parts = splitOnWhitespaceRuns(rest, limit: 2)
            guard parts.count == 2 else { throw Failure(message: "\(key) must have two arguments") }
            return Parsed(arguments: [parts[0], parts[1], ""])
        }
        var arguments: [String] = []
        for word in words {
            guard let eq = word.firstIndex(of: "=") else {
                throw Failure(
                    message: "Syntax error - can't find = in \(goQuote(word)). Must be of the form: name=value")
            }
            arguments += [String(word[..<eq]), String(word[word.index(after: eq)...]), "="]
        }
        return Parsed(arguments: arguments)
    }

    static func whitespaceDelimited(_ rest: String) -> Parsed {
        if rest.isEmpty { return Parsed() }
        return Parsed(arguments: splitOnWhitespaceRuns(rest))
    }

    static func maybeJSON(_ rest: String) throws -> Parsed {
        if rest.isEmpty { return Parsed() }
        switch JSONArgs.parse(rest) {
        case .strings(let items): return Parsed(arguments: items, isJSON: true)
        case .notStringArray: throw Failure(message: notStringArray)
        case .notJSON: return Parsed(arguments: [rest])
        }
    }

    static func maybeJSONToList(_ rest: String) throws -> Parsed {
        switch JSONArgs.parse(rest) {
        case .strings(let items): return Parsed(arguments: items, isJSON: true)
        case .notStringArray: throw Failure(message: notStringArray)
        case .notJSON: return whitespaceDelimited(rest)
        }
    }

    static func healthConfig(_ rest: String) throws -> Parsed {
        let chars = Array(rest.unicodeScalars)
        var sep = 0
        while sep < chars.count, !chars[sep].isGoSpace { sep += 1 }
        var next = sep
        while next < chars.count, chars[next].isGoSpace { next += 1 }
        if sep == 0 { return Parsed() }
        let type = String(String.UnicodeScalarView(chars[..<sep]))
        var command = try maybeJSON(String(String.UnicodeScalarView(chars[next...])))
        command.arguments.insert(type, at: 0)
        return command
    }

    static let notStringArray = "when using JSON array syntax, arrays must be comprised of strings only"
}
