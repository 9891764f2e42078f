import Dockerfile

/// A rewrite of a Dockerfile that removes what one or more lint rules report, without changing what the build
/// does: an edit of the source text at the instructions the parser located, so comments, line continuations
/// and the escape character stay as they were.
public protocol DockerfileFix: Sendable {
    var description: FixDescription { get }
    /// The edits that fix `findings` (this fix's rules' findings in `context`); none when it cannot fix them
    /// safely.
    func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit]
}

/// What a fix does, and examples that are its tests: each `before` becomes exactly `after`.
public struct FixDescription: Sendable {
    public var id: String
    public var title: String
    /// The lint rules whose findings it removes.
    public var rules: [String]
    public var rationale: String
    public var examples: [FixExample]

    public init(id: String, title: String, rules: [String], rationale: String, examples: [FixExample]) {
        self.id = id
        self.title = title
        self.rules = rules
        self.rationale = rationale
        self.examples = examples
    }
}

public struct FixExample: Sendable, Equatable {
    public var before: String
    public var after: String
    /// The build context's files (relative path → content) the example needs; nil for none.
    public var files: [String: String]?

    public init(_ before: String, _ after: String, files: [String: String]? = nil) {
        self.before = before
        self.after = after
        self.files = files
    }
}

/// Replace the source from `start` up to, not including, `end` (1-based lines and columns in Unicode scalars;
/// `start == end` inserts) with `text`.
public struct TextEdit: Sendable, Equatable {
    public var start: SourcePosition
    public var end: SourcePosition
    public var text: String

    public init(start: SourcePosition, end: SourcePosition, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }

    public static func insert(_ text: String, at position: SourcePosition) -> TextEdit {
        TextEdit(start: position, end: position, text: text)
    }

    /// `edits` applied to `source`, from the last to the first; nil when two overlap or one points outside.
    public static func apply(_ edits: [TextEdit], to source: String) -> String? {
        var scalars = Array(source.unicodeScalars)
        // the offset of each line's first scalar
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
        func offset(_ position: SourcePosition) -> Int? {
            guard position.line >= 1, position.line <= lineStarts.count else { return nil }
            let value = lineStarts[position.line - 1] + position.column - 1
            let lineEnd = position.line < lineStarts.count ? lineStarts[position.line] - 1 : scalars.count
            return position.column >= 1 && value <= lineEnd ? value : nil
        }
        var ranges: [(Int, Int, String)] = []
        for edit in edits {
            guard let start = offset(edit.start), let end = offset(edit.end), start <= end else { return nil }
            ranges.append((start, end, edit.text))
        }
        ranges.sort { ($0.0, $0.1) > ($1.0, $1.1) }
        for (earlier, later) in zip(ranges.dropFirst(), ranges) where earlier.1 > later.0 { return nil }
        for (start, end, text) in ranges { scalars.replaceSubrange(start..<end, with: Array(text.unicodeScalars)) }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }
}
