/// Finds the heredocs a RUN, COPY or ADD line opens, like BuildKit's `heredocsFromLine`.
enum HeredocScanner {
    static func heredocs(inLine line: String) throws(DockerfileError) -> [Heredoc] {
        var lexer = ShellLexer(escapeToken: "\\")
        lexer.rawQuotes = true
        lexer.rawEscapes = true
        lexer.skipUnsetEnv = true
        let words = (try? lexer.processWords(line, environment: [:])) ?? []
        var found: [Heredoc] = []
        for word in words {
            if let heredoc = try parse(word) { found.append(heredoc) }
        }
        return found
    }

    /// Matches `^(\d*)<<(-?)([^<]*)$` and reads the delimiter word.
    static func parse(_ word: String) throws(DockerfileError) -> Heredoc? {
        let s = Array(word.unicodeScalars)
        var i = 0
        while i < s.count, s[i] >= "0" && s[i] <= "9" { i += 1 }
        let digits = String(String.UnicodeScalarView(s[..<i]))
        guard i + 1 < s.count, s[i] == "<", s[i + 1] == "<" else { return nil }
        i += 2
        var chomp = false
        if i < s.count, s[i] == "-" {
            chomp = true
            i += 1
        }
        let rest = Array(s[i...])
        if rest.contains("<") || rest.isEmpty { return nil }
        let restText = String(String.UnicodeScalarView(rest))
        var lexer = ShellLexer(escapeToken: "\\")
        lexer.skipUnsetEnv = true
        let words = try lexer.processWords(restText, environment: [:])
        guard words.count == 1 else { return nil }
        lexer.rawQuotes = true
        let rawWords = try lexer.processWords(restText, environment: [:])
        guard rawWords.count == 1 else { return nil }
        func quotes(_ w: String) -> Int { w.unicodeScalars.filter { $0 == "'" || $0 == "\"" }.count }
        return Heredoc(
            name: words[0], fileDescriptor: Int(digits) ?? 0,
            expand: quotes(words[0]) == quotes(rawWords[0]), chomp: chomp)
    }
}
