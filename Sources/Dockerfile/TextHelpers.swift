extension Unicode.Scalar {
    /// Go's `unicode.IsSpace`.
    var isGoSpace: Bool { properties.isWhitespace }
}

extension StringProtocol {
    /// Go's `strings.TrimSpace`.
    func trimmingGoSpace() -> String {
        let scalars = Array(unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start].isGoSpace { start += 1 }
        while end > start, scalars[end - 1].isGoSpace { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Go's `strings.TrimLeftFunc(s, unicode.IsSpace)`.
    func trimmingLeadingGoSpace() -> String {
        String(String.UnicodeScalarView(unicodeScalars.drop(while: { $0.isGoSpace })))
    }

    /// Go's `bytes.TrimRight(s, "\r\n")`.
    func trimmingNewlines() -> String {
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last == "\n" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}

/// BuildKit's `reWhitespace` (`[\t\v\f\r ]+`) set.
func isSplitSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\u{0B}" || scalar == "\u{0C}" || scalar == "\r"
}

/// Splits on runs of `[\t\v\f\r ]`, like Go's `regexp.Split(s, -1)` (empty leading/trailing pieces kept).
func splitOnWhitespaceRuns(_ text: String, limit: Int = -1) -> [String] {
    var parts: [String] = []
    var current = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i < scalars.count {
        if isSplitSpace(scalars[i]) && (limit < 0 || parts.count < limit - 1) {
            parts.append(String(current))
            current = String.UnicodeScalarView()
            while i < scalars.count, isSplitSpace(scalars[i]) { i += 1 }
            continue
        }
        current.append(scalars[i])
        i += 1
    }
    parts.append(String(current))
    return parts
}
