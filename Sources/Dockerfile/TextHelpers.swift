extension Unicode.Scalar {
    /// Go's `unicode.IsSpace`.
    var isGoSpace: Bool {
        switch value {
        case 0x20, 0x09...0x0D: return true
        case 0..<0x80: return false
        default: return properties.isWhitespace
        }
    }
}

extension StringProtocol {
    /// Go's `strings.TrimSpace`.
    func trimmingGoSpace() -> String {
        let view = Substring(self).unicodeScalars
        guard let first = view.firstIndex(where: { !$0.isGoSpace }) else { return "" }
        let last = view.lastIndex(where: { !$0.isGoSpace })!
        return String(view[first...last])
    }

    /// Go's `strings.TrimLeftFunc(s, unicode.IsSpace)`.
    func trimmingLeadingGoSpace() -> String {
        let view = Substring(self).unicodeScalars
        guard let first = view.firstIndex(where: { !$0.isGoSpace }) else { return "" }
        return String(view[first...])
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

/// Splits on runs of `[\t\v\f\r ]`, like Go's `regexp.Split(s, n)` (empty leading/trailing pieces kept).
func splitOnWhitespaceRuns(_ text: String, limit: Int = -1) -> [String] {
    let view = text.unicodeScalars
    var parts: [String] = []
    var pieceStart = view.startIndex
    var i = view.startIndex
    while i < view.endIndex {
        if isSplitSpace(view[i]) && (limit < 0 || parts.count < limit - 1) {
            parts.append(String(view[pieceStart..<i]))
            while i < view.endIndex, isSplitSpace(view[i]) { i = view.index(after: i) }
            pieceStart = i
            continue
        }
        i = view.index(after: i)
    }
    parts.append(String(view[pieceStart...]))
    return parts
}
