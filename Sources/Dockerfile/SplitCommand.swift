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
        let chars = Array(line.unicodeScalars)
        let (words, rest) = WordScanner.scan(chars, mode: .builderFlags)
        return (rest.map { String(String.UnicodeScalarView(chars[$0...])) } ?? "", words)
    }
}
