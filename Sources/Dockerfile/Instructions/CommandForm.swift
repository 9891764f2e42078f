/// How RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD give their command.
public enum CommandForm: Sendable, Equatable {
    /// Shell form: one string run by the stage's SHELL (`/bin/sh -c` by default).
    case shell(String)
    /// Exec form: a JSON array run without a shell.
    case exec([String])

    init(arguments: [String], isJSON: Bool) {
        self = isJSON ? .exec(arguments) : .shell(arguments.joined(separator: " "))
    }

    /// The words as the builder records them.
    public var words: [String] {
        switch self {
        case .shell(let text): return [text]
        case .exec(let words): return words
        }
    }
}
