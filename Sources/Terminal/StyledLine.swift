/// How a run of text is drawn: SGR attributes of the terminal.
public struct TextStyle: Sendable, Equatable, Hashable {
    public var bold = false
    public var dim = false
    public var inverse = false
    public var underline = false
    public var foreground: Color? = nil

    /// The eight ANSI colours.
    public enum Color: Int, Sendable, Hashable {
        case black = 30, red, green, yellow, blue, magenta, cyan, white
    }

    public init(
        bold: Bool = false, dim: Bool = false, inverse: Bool = false, underline: Bool = false,
        foreground: Color? = nil
    ) {
        self.bold = bold
        self.dim = dim
        self.inverse = inverse
        self.underline = underline
        self.foreground = foreground
    }

    public static let plain = TextStyle()

    /// The escape that sets this style from a reset state (empty for plain text).
    var escape: String {
        var codes: [String] = []
        if bold { codes.append("1") }
        if dim { codes.append("2") }
        if underline { codes.append("4") }
        if inverse { codes.append("7") }
        if let foreground { codes.append(String(foreground.rawValue)) }
        return codes.isEmpty ? "" : "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}

/// One line of a screen: runs of text, each with a style. Its width is counted in characters (the explorer
/// draws paths and commands, which are single-width almost always).
public struct StyledLine: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var text: String
        public var style: TextStyle
    }

    public private(set) var runs: [Run] = []

    public init() {}

    public init(_ text: String, _ style: TextStyle = .plain) { append(text, style) }

    public mutating func append(_ text: String, _ style: TextStyle = .plain) {
        guard !text.isEmpty else { return }
        // control characters in file names or commands must not move the cursor
        let safe = String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
        if let last = runs.last, last.style == style {
            runs[runs.count - 1].text += safe
        } else {
            runs.append(Run(text: safe, style: style))
        }
    }

    public mutating func append(_ line: StyledLine) {
        for run in line.runs { append(run.text, run.style) }
    }

    /// Characters shown.
    public var width: Int { runs.reduce(0) { $0 + $1.text.count } }

    /// The text without styles.
    public var plainText: String { runs.map(\.text).joined() }

    /// Cut to `width` characters (the last one an ellipsis when something was cut) and padded with spaces to
    /// exactly `width`, the padding in `padding` style.
    public func fitted(to width: Int, padding: TextStyle = .plain) -> StyledLine {
        guard width > 0 else { return StyledLine() }
        var fitted = StyledLine()
        var left = width
        let overflows = self.width > width
        for run in runs where left > 0 {
            if run.text.count <= left && !(overflows && run.text.count == left) {
                fitted.append(run.text, run.style)
                left -= run.text.count
            } else {
                fitted.append(String(run.text.prefix(left - 1)) + "…", run.style)
                left = 0
            }
        }
        if left > 0 { fitted.append(String(repeating: " ", count: left), padding) }
        return fitted
    }

    /// The line with its escapes, ending with the attributes reset.
    public var rendered: String {
        var out = ""
        for run in runs {
            let escape = run.style.escape
            out += escape.isEmpty ? run.text : escape + run.text + "\u{1B}[0m"
        }
        return out
    }
}
