// Go's notion of white space (`unicode.IsSpace`) and the trims BuildKit makes with it.
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
    /// Go's `strings.TrimSpace`: BuildKit trims instructions and words with it.
    public func trimmingGoSpace() -> String {
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
