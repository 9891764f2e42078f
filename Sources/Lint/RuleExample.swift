import Dockerfile

/// A Dockerfile that shows a rule: `↓` marks where each expected finding starts (triggering examples).
/// `files` and `dockerignore` describe the build context when the rule reads it.
public struct RuleExample: Sendable, Equatable {
    public var source: String
    /// Context files (relative path → content); nil means the example has no build context.
    public var files: [String: String]?
    public var dockerignore: String?
    /// Configuration YAML the example needs (trusted registries, allowed base images).
    public var configuration: String?

    public init(
        _ source: String, files: [String: String]? = nil, dockerignore: String? = nil, configuration: String? = nil
    ) {
        self.source = source
        self.files = files
        self.dockerignore = dockerignore
        self.configuration = configuration
    }

    /// The Dockerfile without markers.
    public var dockerfile: String { source.replacingOccurrences(of: "↓", with: "") }

    /// 1-based line:column of each marker, in the text without markers.
    public var markers: [SourcePositionPair] {
        var result: [SourcePositionPair] = []
        var line = 1
        var column = 1
        for ch in source.unicodeScalars {
            if ch == "↓" {
                result.append(SourcePositionPair(line: line, column: column))
                continue
            }
            if ch == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return result
    }
}

/// A plain line:column pair (kept separate from the parser's type so examples stay simple values).
public struct SourcePositionPair: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var description: String { "\(line):\(column)" }
}
