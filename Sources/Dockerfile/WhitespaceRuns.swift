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
