/// Splits a logical line into keyword, builder flags and the rest, like BuildKit's `splitCommand`.
enum SplitCommand {
    static func split(_ line: String) -> (keyword: String, flags: [String], rest: String) {
        let parts = splitOnWhitespaceRuns(line.trimmingGoSpace(), limit: 2)
        let keyword = parts[0].lowercased()
        guard parts.count == 2 else { return (keyword, [], "") }
        let (rest, flags) = extractFlags(parts[1])
        return (keyword, flags, rest.trimmingGoSpace())
    }

    /// Reads leading `--flag[=value]` words; returns the remaining text and the flags.
    static func extractFlags(_ line: String) -> (String, [String]) {
        // fast path: no flag at the start of the line
        let firstWord = line.utf8.drop(while: { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 11 || $0 == 12 || $0 == 13 })
        if !(firstWord.starts(with: "--".utf8)) {
            let skipped = line.utf8.count - firstWord.count
            if line.unicodeScalars.prefix(skipped).allSatisfy({ $0.isGoSpace })
                && line.utf8.prefix(skipped).allSatisfy({ $0 < 0x80 })
            {
                return (String(Substring(line.utf8[firstWord.startIndex...])), [])
            }
        }
        enum Phase { case spaces, word, quote }
        let chars = Array(line.unicodeScalars)
        var words: [String] = []
        var phase = Phase.spaces
        var word = String.UnicodeScalarView()
        var quote: Unicode.Scalar = "\0"
        var blankOK = false
        var pos = 0

        func remainder(_ from: Int) -> String { String(String.UnicodeScalarView(chars[from...])) }

        while pos <= chars.count {
            let atEnd = pos == chars.count
            let ch: Unicode.Scalar = atEnd ? "\0" : chars[pos]
            if phase == .spaces {
                if atEnd { break }
                if ch.isGoSpace {
                    pos += 1
                    continue
                }
                if ch != "-" || pos + 1 == chars.count || chars[pos + 1] != "-" {
                    return (remainder(pos), words)
                }
                phase = .word
            }
            if atEnd {
                let text = String(word)
                if text != "--" && (blankOK || !word.isEmpty) { words.append(text) }
                break
            }
            if phase == .word {
                if ch.isGoSpace {
                    phase = .spaces
                    let text = String(word)
                    if text == "--" { return (remainder(pos), words) }
                    if blankOK || !word.isEmpty { words.append(text) }
                    word = String.UnicodeScalarView()
                    blankOK = false
                    pos += 1
                    continue
                }
                if ch == "'" || ch == "\"" {
                    quote = ch
                    blankOK = true
                    phase = .quote
                    pos += 1
                    continue
                }
                var c = ch
                if c == "\\" {
                    if pos + 1 == chars.count {
                        pos += 1
                        continue
                    }
                    pos += 1
                    c = chars[pos]
                }
                word.append(c)
                pos += 1
                continue
            }
            // phase == .quote
            if ch == quote {
                phase = .word
                pos += 1
                continue
            }
            var c = ch
            if c == "\\" {
                if pos + 1 == chars.count {
                    phase = .word
                    pos += 1
                    continue
                }
                pos += 1
                c = chars[pos]
            }
            word.append(c)
            pos += 1
        }
        return ("", words)
    }
}
