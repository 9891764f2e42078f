/// BuildKit's two word scanners, one state machine: `parseWords` (the words of an instruction's arguments,
/// quotes and escapes kept in them, the Dockerfile's escape character) and `extractBuilderFlags` (the
/// leading `--flag` words of a line, quotes and backslashes removed, stopping at the first word that is
/// not a flag or after a bare `--`).
enum WordScanner {
    enum Mode {
        /// `parseWords`: every word; quotes and the escape character stay in the words.
        case keepingQuotes(escape: Unicode.Scalar)
        /// `extractBuilderFlags`: leading `--` words only, unquoted and unescaped (backslash).
        case builderFlags
    }

    /// The words, and where the text after them starts (`builderFlags` only: the first non-flag word, or
    /// the text after a bare `--`; nil when the words run to the end).
    static func scan(_ chars: [Unicode.Scalar], mode: Mode) -> (words: [String], rest: Int?) {
        enum Phase { case spaces, word, quote }
        let keepsQuotes: Bool
        let escape: Unicode.Scalar
        switch mode {
        case .keepingQuotes(let character):
            keepsQuotes = true
            escape = character
        case .builderFlags:
            keepsQuotes = false
            escape = "\\"
        }
        var words: [String] = []
        var phase = Phase.spaces
        var quote: Unicode.Scalar = "\0"
        var blankOK = false
        var word = String.UnicodeScalarView()
        var pos = 0
        func finishWord() {
            if blankOK || !word.isEmpty { words.append(String(word)) }
        }
        while pos <= chars.count {
            let atEnd = pos == chars.count
            var ch: Unicode.Scalar = atEnd ? "\0" : chars[pos]
            if phase == .spaces {
                if atEnd { break }
                if ch.isGoSpace {
                    pos += 1
                    continue
                }
                if !keepsQuotes && (ch != "-" || pos + 1 == chars.count || chars[pos + 1] != "-") {
                    return (words, pos)
                }
                phase = .word
            }
            if atEnd {
                if keepsQuotes || String(word) != "--" { finishWord() }
                break
            }
            if phase == .word {
                if ch.isGoSpace {
                    phase = .spaces
                    if !keepsQuotes && String(word) == "--" { return (words, pos) }
                    finishWord()
                    word = String.UnicodeScalarView()
                    blankOK = false
                    pos += 1
                    continue
                }
                if ch == "'" || ch == "\"" {
                    quote = ch
                    blankOK = true
                    phase = .quote
                    if !keepsQuotes {
                        pos += 1
                        continue
                    }
                }
            } else if ch == quote {
                phase = .word
                if !keepsQuotes {
                    pos += 1
                    continue
                }
            }
            // the escape character takes the next one literally, in a word or inside quotes (a quote that fell
            // through to here is never the escape); parseWords does not escape inside single quotes,
            // extractBuilderFlags does
            if ch == escape && (phase == .word || !keepsQuotes || quote != "'") {
                if pos + 1 == chars.count {
                    phase = .word
                    pos += 1
                    continue
                }
                if keepsQuotes { word.append(ch) }
                pos += 1
                ch = chars[pos]
            }
            word.append(ch)
            pos += 1
        }
        return (words, nil)
    }
}
