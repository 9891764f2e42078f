/// Every way reading a Dockerfile can fail. Each case carries where it happened and the offending value.
public enum DockerfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file holds no instruction at all (empty, or only comments and blank lines).
    case noInstructions(at: SourcePosition)
    /// A parser directive (`# escape=`, `# syntax=`, `# check=`) is repeated or has an invalid value.
    case invalidDirective(message: String, at: SourcePosition)
    /// A line is longer than BuildKit's scanner accepts (65,535 bytes).
    case lineTooLong(bytes: Int, at: SourcePosition)
    /// A heredoc started by `<<NAME` never found its terminator line.
    case unterminatedHeredoc(name: String, at: SourceRange)
    /// The instruction keyword is not one BuildKit knows.
    case unknownInstruction(name: String, suggestion: String?, at: SourceRange)
    /// A known instruction whose arguments or flags BuildKit rejects.
    case invalidInstruction(instruction: String, message: String, at: SourceRange)
    /// An instruction other than ARG appears before the first FROM.
    case noBuildStage(instruction: String, at: SourceRange)
    /// The file declares no stage to build (only ARGs).
    case noStages(at: SourcePosition)
    /// Variable expansion failed (for example `${NAME:?message}` on an unset name, or a missing `}`).
    case expansion(word: String, message: String, at: SourceRange?)
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// A `--build-arg` value that names no argument.
    case invalidBuildArgument(String)
    /// A `.dockerignore` pattern Go's `filepath.Match` rejects (an unclosed `[`, a trailing `\` inside a class).
    case badIgnorePattern(pattern: String, file: String?, line: Int?)
    /// A `.dockerignore` line that is `!` alone.
    case illegalIgnoreExclusion(file: String?, line: Int?)

    /// Where the error is, when it has a place in the file.
    public var location: SourceRange? {
        switch self {
        case .noInstructions(let p), .invalidDirective(_, let p), .lineTooLong(_, let p), .noStages(let p):
            return SourceRange(at: p)
        case .unterminatedHeredoc(_, let r), .unknownInstruction(_, _, let r), .invalidInstruction(_, _, let r),
            .noBuildStage(_, let r):
            return r
        case .expansion(_, _, let r):
            return r
        case .unreadable, .invalidBuildArgument, .badIgnorePattern, .illegalIgnoreExclusion:
            return nil
        }
    }

    /// A sentence a person understands, without the location.
    public var message: String {
        switch self {
        case .noInstructions:
            return "file with no instructions"
        case .invalidDirective(let message, _):
            return message
        case .lineTooLong(let bytes, _):
            return "dockerfile line greater than max allowed size of 65535 (this line has \(bytes) bytes)"
        case .unterminatedHeredoc(let name, _):
            return "unterminated heredoc: no line reads \(name) to close <<\(name)"
        case .unknownInstruction(let name, let suggestion, _):
            if let suggestion { return "unknown instruction: \(name) (did you mean \(suggestion.lowercased())?)" }
            return "unknown instruction: \(name)"
        case .invalidInstruction(_, let message, _):
            return message
        case .noBuildStage(let instruction, _):
            return "no build stage in current context: \(instruction.uppercased()) must come after a FROM"
        case .noStages:
            return "dockerfile contains no stages to build: add a FROM instruction"
        case .expansion(let word, let message, _):
            return "failed to process \(goQuote(word)): \(message)"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidBuildArgument(let value):
            return "--build-arg \(goQuote(value)): expected KEY=VALUE, or KEY to take its value from the environment"
        case .badIgnorePattern(let pattern, let file, let line):
            return "\(Self.place(file, line))syntax error in pattern \(pattern.debugDescription)"
        case .illegalIgnoreExclusion(let file, let line):
            return "\(Self.place(file, line))illegal exclusion pattern: \"!\""
        }
    }

    /// `file:line: ` for an ignore file's errors, which have no Dockerfile position.
    private static func place(_ file: String?, _ line: Int?) -> String {
        guard let file else { return "" }
        return line.map { "\(file):\($0): " } ?? "\(file): "
    }

    public var description: String {
        if let location { return "\(location.start): \(message)" }
        return message
    }
}
