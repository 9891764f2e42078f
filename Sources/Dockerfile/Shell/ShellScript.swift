/// Splits shell text into simple commands, the way a reader of a RUN line sees them.
public enum ShellScript {
    public static func commands(_ text: String) -> [ShellCommand] {
        commands(text, nested: 0)
    }

    /// The commands of a `$(...)` body, marked as nested.
    static func nestedCommands(_ text: String, nested: Int) -> [ShellCommand] {
        commands(text, nested: nested + 1).map { command in
            var c = command
            c.isNested = true
            return c
        }
    }

    /// Scans `$(...)` starting at `start` (the `$`): the index of its closing `)` (or the end) and its body
    /// when it is closed. Quotes inside are respected.
    static func substitution(_ s: [Unicode.Scalar], from start: Int) -> (Int, String?) {
        var depth = 1
        var j = start + 2
        var quote: Unicode.Scalar? = nil
        while j < s.count {
            let d = s[j]
            if let q = quote {
                if d == "\\" && q == "\"" {
                    j += 1
                } else if d == q {
                    quote = nil
                }
            } else if d == "'" || d == "\"" {
                quote = d
            } else if d == "\\" {
                j += 1
            } else if d == "(" {
                depth += 1
            } else if d == ")" {
                depth -= 1
                if depth == 0 { return (j, String(String.UnicodeScalarView(s[(start + 2)..<j]))) }
            }
            j += 1
        }
        return (s.count, nil)
    }

    static func commands(_ text: String, nested: Int) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        var inner: [ShellCommand] = []
        var inCase = false
        var casePatterns = false
        var words: [String] = []
        var word = ""
        var inWord = false
        var separator: String? = nil
        let s = Array(text.unicodeScalars)
        var i = 0

        func endWord() {
            if inWord {
                words.append(word)
                // `case WORD in` starts patterns; `esac` ends the statement
                if word == "in", words.first == "case" {
                    inCase = true
                    casePatterns = true
                } else if word == "esac" {
                    inCase = false
                    casePatterns = false
                }
            }
            word = ""
            inWord = false
        }
        func endCommand(_ op: String?) {
            endWord()
            if !words.isEmpty { commands.append(ShellCommand(separator: separator, words: words)) }
            words = []
            separator = op
        }

        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                if i + 1 < s.count {
                    if s[i + 1] != "\n" {
                        word.unicodeScalars.append(s[i + 1])
                        inWord = true
                    }
                    i += 2
                } else {
                    i += 1
                }
                continue
            case "'":
                inWord = true
                i += 1
                while i < s.count && s[i] != "'" {
                    word.unicodeScalars.append(s[i])
                    i += 1
                }
                i += 1
                continue
            case "\"":
                inWord = true
                i += 1
                while i < s.count && s[i] != "\"" {
                    if s[i] == "$" && i + 1 < s.count && s[i + 1] == "(" {
                        let (end, text) = substitution(s, from: i)
                        word.unicodeScalars.append(contentsOf: s[i..<min(end + 1, s.count)])
                        if nested < 8, let text { inner += nestedCommands(text, nested: nested) }
                        i = end + 1
                        continue
                    }
                    if s[i] == "\\" && i + 1 < s.count && "\"\\$`".unicodeScalars.contains(s[i + 1]) {
                        i += 1
                    }
                    word.unicodeScalars.append(s[i])
                    i += 1
                }
                i += 1
                continue
            case "$" where i + 1 < s.count && s[i + 1] == "(":
                // command substitution: the text stays in the current word, its commands are read too
                let (end, text) = substitution(s, from: i)
                word.unicodeScalars.append(contentsOf: s[i..<min(end + 1, s.count)])
                inWord = true
                if nested < 8, let text { inner += nestedCommands(text, nested: nested) }
                i = end + 1
                continue
            case "`":
                // old-style command substitution: kept in the word, its commands read too
                inWord = true
                word.unicodeScalars.append(c)
                let start = i + 1
                i += 1
                while i < s.count && s[i] != "`" {
                    word.unicodeScalars.append(s[i])
                    i += 1
                }
                if nested < 8, i > start {
                    inner += nestedCommands(String(String.UnicodeScalarView(s[start..<i])), nested: nested)
                }
                if i < s.count { word.unicodeScalars.append(s[i]) }
                i += 1
                continue
            case "#" where !inWord:
                while i < s.count && s[i] != "\n" { i += 1 }
                continue
            case "|" where casePatterns && !(i + 1 < s.count && s[i + 1] == "|"):
                // `a|b)` in a case statement separates patterns; it is not a pipe
                word.unicodeScalars.append(c)
                inWord = true
                i += 1
                continue
            case "&", "|":
                let doubled = i + 1 < s.count && s[i + 1] == c
                if c == "&" && i > 0 && s[i - 1] == ">" {  // >&2 redirection
                    word.unicodeScalars.append(c)
                    inWord = true
                    i += 1
                    continue
                }
                endCommand(doubled ? String(c) + String(c) : String(c))
                i += doubled ? 2 : 1
                continue
            case ")" where casePatterns:
                casePatterns = false
                endCommand(";")
                i += 1
                continue
            case ";", "\n", "(", ")":
                if c == ";", i + 1 < s.count, s[i + 1] == ";", inCase {
                    casePatterns = true  // `;;` ends a branch: patterns follow
                    endCommand(";")
                    i += 2
                    continue
                }
                endCommand(c == "\n" ? ";" : String(c) == ";" ? ";" : ";")
                i += 1
                continue
            case " ", "\t", "\r":
                endWord()
                i += 1
                continue
            default:
                if !inWord && (c == "{" || c == "}") && (i + 1 >= s.count || s[i + 1] == " " || s[i + 1] == ";") {
                    endCommand(";")
                    i += 1
                    continue
                }
                word.unicodeScalars.append(c)
                inWord = true
                i += 1
            }
        }
        endCommand(nil)
        return commands + inner
    }
}
