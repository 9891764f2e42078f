import Testing

@testable import Dockerfile

/// The byte-level substring search and line splitter lint's rules use instead of Foundation's bridged ones:
/// the same answers as Foundation's literal search and an editor's line numbers.
struct TextSearchTests {
    @Test(
        arguments: [
            ("set -o pipefail", "pipefail", 7), ("abc", "abc", 0), ("abc", "abcd", nil), ("", "a", nil), ("a", "", 0),
            ("aab", "ab", 1), ("é pipefail", "pipefail", 3), ("x<<EOF", "<<", 1), ("naïve café", "café", 7),
            ("mississippi", "issip", 4), ("ababac", "abac", 2),
        ] as [(String, String, Int?)])
    func findsTheFirstOccurrence(text: String, needle: String, byteOffset: Int?) {
        let range = text.utf8Range(of: needle)
        #expect(range.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) } == byteOffset)
        if let range { #expect(String(text[range]) == needle) }
        #expect(text.includes(needle) == (byteOffset != nil))
        // a substring searches its own bytes only
        let tail = text.dropFirst()
        #expect(tail.includes(needle) == (String(tail).utf8Range(of: needle) != nil))
    }

    @Test(arguments: [
        ("a\nb", ["a", "b"]), ("a\r\nb\r\n", ["a", "b", ""]), ("", [""]), ("\n", ["", ""]), ("only", ["only"]),
        ("x\n\ny", ["x", "", "y"]), ("é\r\nü", ["é", "ü"]),
    ])
    func linesAreAnEditorsLines(text: String, lines: [String]) {
        #expect(text.editorLines == lines)
    }

}
