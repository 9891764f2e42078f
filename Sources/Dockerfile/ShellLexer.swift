/// Shell-word processing and variable expansion with the semantics of BuildKit's shell lexer:
/// quotes, escapes, `$V`, `${V}`, `${V:-w}`, `${V-w}`, `${V:+w}`, `${V+w}`, `${V:?e}`, `${V?e}`,
/// `${V#p}`, `${V##p}`, `${V%p}`, `${V%%p}`, `${V/p/r}` and `${V//p/r}`.
public struct ShellLexer: Sendable {
    /// The escape character: `\` by default, or `` ` `` after `# escape=``.
    public var escapeToken: Unicode.Scalar
    /// Keep quote characters in the output.
    public var rawQuotes = false
    /// Keep escape characters in the output.
    public var rawEscapes = false
    /// Treat quotes as ordinary characters.
    public var skipProcessQuotes = false
    /// Leave references to unset names as they are instead of expanding them to "".
    public var skipUnsetEnv = false

    public init(escapeToken: Unicode.Scalar = "\\") {
        self.escapeToken = escapeToken
    }

    /// What processing a word produced.
    public struct Result: Sendable, Equatable {
        /// The word with quotes removed and variables expanded, spaces kept.
        public var word: String
        /// The same, split into words on unquoted whitespace.
        public var words: [String]
        /// Names that were looked up and found.
        public var matched: Set<String>
        /// Names that were looked up and not found.
        public var unmatched: Set<String>
    }

    /// Processes `word` against `environment`.
    public func process(_ word: String, environment: [String: String]) throws(DockerfileError) -> Result {
        var state = LexState(lexer: self, source: word, environment: environment)
        do {
            let (result, words) = try state.processStopOn(nil, rawEscapes: rawEscapes)
            return Result(word: result, words: words, matched: state.matched, unmatched: state.unmatched)
        } catch {
            throw DockerfileError.expansion(word: word, message: error.message, at: nil)
        }
    }

    /// The expanded word, spaces kept.
    public func processWord(_ word: String, environment: [String: String]) throws(DockerfileError) -> String {
        try process(word, environment: environment).word
    }

    /// The expanded word split on unquoted whitespace.
    public func processWords(_ word: String, environment: [String: String]) throws(DockerfileError) -> [String] {
        try process(word, environment: environment).words
    }
}

struct LexFailure: Error {
    var message: String
}

private struct WordsBuilder {
    var word: [Unicode.Scalar] = []
    var words: [String] = []
    var inWord = false

    mutating func addChar(_ ch: Unicode.Scalar) {
        if ch.properties.isWhitespace {
            if inWord && !word.isEmpty {
                words.append(String(String.UnicodeScalarView(word)))
                word = []
                inWord = false
            }
        } else {
            addRawChar(ch)
        }
    }

    mutating func addRawChar(_ ch: Unicode.Scalar) {
        word.append(ch)
        inWord = true
    }

    mutating func addString(_ text: String) {
        for ch in text.unicodeScalars { addChar(ch) }
    }

    mutating func addRawString(_ text: String) {
        word.append(contentsOf: text.unicodeScalars)
        inWord = true
    }

    mutating func finish() -> [String] {
        if !word.isEmpty {
            words.append(String(String.UnicodeScalarView(word)))
            word = []
            inWord = false
        }
        return words
    }
}

private struct LexState {
    let lexer: ShellLexer
    let source: [Unicode.Scalar]
    let environment: [String: String]
    var index = 0
    var rawEscapes: Bool
    var matched: Set<String> = []
    var unmatched: Set<String> = []
    /// Nesting of `${...${...}}`; bounded so hostile input cannot exhaust the stack.
    var depth = 0
    static let maximumDepth = 64

    init(lexer: ShellLexer, source: String, environment: [String: String]) {
        self.lexer = lexer
        self.source = Array(source.unicodeScalars)
        self.environment = environment
        self.rawEscapes = lexer.rawEscapes
    }

    func peek() -> Unicode.Scalar? { index < source.count ? source[index] : nil }

    mutating func next() -> Unicode.Scalar? {
        guard index < source.count else { return nil }
        defer { index += 1 }
        return source[index]
    }

    mutating func processStopOn(_ stop: Unicode.Scalar?, rawEscapes raw: Bool) throws(LexFailure) -> (String, [String])
    {
        var result = String.UnicodeScalarView()
        var words = WordsBuilder()
        let saved = rawEscapes
        rawEscapes = raw
        defer { rawEscapes = saved }

        while let ch = peek() {
            if let stop, ch == stop {
                index += 1
                return (String(result), words.finish())
            }
            if ch == "$" {
                let text = try processDollar()
                result.append(contentsOf: text.unicodeScalars)
                words.addString(text)
            } else if !lexer.skipProcessQuotes && (ch == "'" || ch == "\"") {
                let text = ch == "'" ? try processSingleQuote() : try processDoubleQuote()
                result.append(contentsOf: text.unicodeScalars)
                words.addRawString(text)
            } else {
                var ch = next()!
                if ch == lexer.escapeToken {
                    if rawEscapes {
                        words.addRawChar(ch)
                        result.append(ch)
                    }
                    guard let escaped = next() else { break }
                    ch = escaped
                    words.addRawChar(ch)
                } else {
                    words.addChar(ch)
                }
                result.append(ch)
            }
        }
        if let stop {
            throw LexFailure(message: "unexpected end of statement while looking for matching \(stop)")
        }
        return (String(result), words.finish())
    }

    mutating func processSingleQuote() throws(LexFailure) -> String {
        var result = String.UnicodeScalarView()
        let open = next()!
        if lexer.rawQuotes { result.append(open) }
        while true {
            guard let ch = next() else {
                throw LexFailure(message: "unexpected end of statement while looking for matching single-quote")
            }
            if ch == "'" {
                if lexer.rawQuotes { result.append(ch) }
                return String(result)
            }
            result.append(ch)
        }
    }

    mutating func processDoubleQuote() throws(LexFailure) -> String {
        var result = String.UnicodeScalarView()
        let open = next()!
        if lexer.rawQuotes { result.append(open) }
        while true {
            guard let ch = peek() else {
                throw LexFailure(message: "unexpected end of statement while looking for matching double-quote")
            }
            if ch == "\"" {
                index += 1
                if lexer.rawQuotes { result.append(ch) }
                return String(result)
            }
            if ch == "$" {
                result.append(contentsOf: try processDollar().unicodeScalars)
                continue
            }
            var current = next()!
            if current == lexer.escapeToken {
                if rawEscapes { result.append(current) }
                guard let following = peek() else { continue }
                if following == "\"" || following == "$" || following == lexer.escapeToken {
                    current = next()!
                }
            }
            result.append(current)
        }
    }

    mutating func processDollar() throws(LexFailure) -> String {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw LexFailure(message: "substitutions nested more than \(Self.maximumDepth) deep")
        }
        index += 1  // the $
        if peek() != "{" {
            let name = processName()
            if name.isEmpty { return "$" }
            let (value, found) = lookup(name)
            if !found && lexer.skipUnsetEnv { return "$" + name }
            return value
        }
        index += 1  // the {
        switch peek() {
        case nil: throw LexFailure(message: "syntax error: missing '}'")
        case "{", "}", ":": throw LexFailure(message: "syntax error: bad substitution")
        default: break
        }
        let name = processName()
        var ch = next()
        var modifier = ch.map { String($0) } ?? "\u{FFFD}"
        var nullIsUnset = false

        switch ch {
        case "}":
            let (value, found) = lookup(name)
            if !found && lexer.skipUnsetEnv { return "${\(name)}" }
            return value
        case ":", "+", "-", "?", "#", "%":
            if ch == ":" {
                nullIsUnset = true
                ch = next()
                modifier += ch.map { String($0) } ?? "\u{FFFD}"
            }
            let word: String
            do {
                (word, _) = try processStopOn("}", rawEscapes: ch == "#" || ch == "%")
            } catch {
                if peek() == nil { throw LexFailure(message: "syntax error: missing '}'") }
                throw error
            }
            let (value, found) = lookup(name)
            if lexer.skipUnsetEnv && !found { return "${\(name)\(modifier)\(word)}" }
            switch ch {
            case "-":
                return !found || (nullIsUnset && value.isEmpty) ? word : value
            case "+":
                return !found || (nullIsUnset && value.isEmpty) ? "" : word
            case "?":
                if !found {
                    throw LexFailure(message: "\(name): \(word.isEmpty ? "is not allowed to be unset" : word)")
                }
                if nullIsUnset && value.isEmpty {
                    throw LexFailure(message: "\(name): \(word.isEmpty ? "is not allowed to be empty" : word)")
                }
                return value
            case "#", "%":
                var pattern = Array(word.unicodeScalars)
                var greedy = false
                if let first = pattern.first, first == ch {
                    greedy = true
                    pattern.removeFirst()
                }
                let glob = try ShellPattern(pattern)
                return ch == "%"
                    ? glob.trimSuffix(of: value, longest: greedy) : glob.trimPrefix(of: value, longest: greedy)
            default:
                throw LexFailure(message: "unsupported modifier (\(modifier)) in substitution")
            }
        case "/":
            let replaceAll = peek() == "/"
            if replaceAll { index += 1 }
            let pattern: String
            do {
                (pattern, _) = try processStopOn("/", rawEscapes: true)
            } catch {
                if peek() == nil { throw LexFailure(message: "syntax error: missing '/' in ${}") }
                throw error
            }
            let replacement: String
            do {
                (replacement, _) = try processStopOn("}", rawEscapes: true)
            } catch {
                if peek() == nil { throw LexFailure(message: "syntax error: missing '}'") }
                throw error
            }
            let (value, found) = lookup(name)
            if lexer.skipUnsetEnv && !found { return "${\(name)/\(pattern)/\(replacement)}" }
            let glob = try ShellPattern(Array(pattern.unicodeScalars))
            return glob.replace(in: value, with: replacement, all: replaceAll)
        default:
            throw LexFailure(message: "unsupported modifier (\(modifier)) in substitution")
        }
    }

    mutating func processName() -> String {
        var name = String.UnicodeScalarView()
        while let ch = peek() {
            let category = ch.properties.generalCategory
            if name.isEmpty && category == .decimalNumber {
                while let digit = peek(), digit.properties.generalCategory == .decimalNumber {
                    name.append(digit)
                    index += 1
                }
                return String(name)
            }
            if name.isEmpty && "@*#?-$!0".unicodeScalars.contains(ch) {
                index += 1
                return String(ch)
            }
            let isLetter: Bool
            switch category {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: isLetter = true
            default: isLetter = false
            }
            if !isLetter && category != .decimalNumber && ch != "_" { break }
            name.append(ch)
            index += 1
        }
        return String(name)
    }

    mutating func lookup(_ name: String) -> (String, Bool) {
        if let value = environment[name] {
            matched.insert(name)
            return (value, true)
        }
        unmatched.insert(name)
        return ("", false)
    }
}

/// A shell wildcard pattern as BuildKit's `${V#p}`, `${V%p}` and `${V/p/r}` understand it: `*`, `?` and escaped literals.
struct ShellPattern {
    enum Element: Equatable {
        case literal(Unicode.Scalar)
        case any
        case star
    }

    var elements: [Element] = []

    init(_ pattern: [Unicode.Scalar]) throws(LexFailure) {
        var i = 0
        while i < pattern.count {
            let tok = pattern[i]
            i += 1
            switch tok {
            case "*": elements.append(.star)
            case "?": elements.append(.any)
            case "\\":
                if i < pattern.count, pattern[i] == "}" || pattern[i] == "/" { continue }
                guard i < pattern.count else { throw LexFailure(message: "invalid pattern: invalid escape '\\'") }
                let escaped = pattern[i]
                i += 1
                guard escaped == "*" || escaped == "?" || escaped == "\\" else {
                    throw LexFailure(message: "invalid pattern: invalid escape '\\\(escaped)'")
                }
                elements.append(.literal(escaped))
            default: elements.append(.literal(tok))
            }
        }
    }

    /// Whether the whole of `text[from..<to]` matches the pattern.
    func matches(_ text: [Unicode.Scalar], _ from: Int, _ to: Int) -> Bool {
        // Iterative wildcard matching with single-star backtracking: linear-ish and never recursive.
        var t = from
        var p = 0
        var starP = -1
        var starT = 0
        while t < to {
            if p < elements.count {
                switch elements[p] {
                case .star:
                    starP = p
                    starT = t
                    p += 1
                    continue
                case .any:
                    t += 1
                    p += 1
                    continue
                case .literal(let c) where c == text[t]:
                    t += 1
                    p += 1
                    continue
                default: break
                }
            }
            if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
                continue
            }
            return false
        }
        while p < elements.count, elements[p] == .star { p += 1 }
        return p == elements.count
    }

    func trimPrefix(of value: String, longest: Bool) -> String {
        let text = Array(value.unicodeScalars)
        let lengths = longest ? Array((0...text.count).reversed()) : Array(0...text.count)
        for length in lengths where matches(text, 0, length) {
            return String(String.UnicodeScalarView(text[length...]))
        }
        return value
    }

    func trimSuffix(of value: String, longest: Bool) -> String {
        let text = Array(value.unicodeScalars)
        let lengths = longest ? Array((0...text.count).reversed()) : Array(0...text.count)
        for length in lengths where matches(text, text.count - length, text.count) {
            return String(String.UnicodeScalarView(text[..<(text.count - length)]))
        }
        return value
    }

    func replace(in value: String, with replacement: String, all: Bool) -> String {
        let text = Array(value.unicodeScalars)
        var out = String.UnicodeScalarView()
        var start = 0
        var searchFrom = 0
        while searchFrom <= text.count {
            var found: (Int, Int)? = nil
            outer: for s in searchFrom...text.count {
                for e in stride(from: text.count, through: s, by: -1) where matches(text, s, e) {
                    found = (s, e)
                    break outer
                }
            }
            guard let (s, e) = found else { break }
            out.append(contentsOf: text[start..<s])
            out.append(contentsOf: replacement.unicodeScalars)
            start = e
            if !all { break }
            if e == s {
                if e < text.count { out.append(text[e]) }
                start = e + 1
            }
            searchFrom = max(start, e)
            if e == s { searchFrom = e + 1 }
        }
        if start < text.count { out.append(contentsOf: text[start...]) }
        return String(out)
    }
}
