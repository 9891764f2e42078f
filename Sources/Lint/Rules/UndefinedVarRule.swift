import Dockerfile

/// A `$VAR` the builder expands but nothing defines.
public struct UndefinedVarRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "undefined-var", title: "Variable used but never defined", severity: .warning, category: .correctness,
        rationale: """
            The builder expands `$NAME` in COPY, ENV, WORKDIR and friends from ARG and ENV in scope; an undefined
            name becomes "" silently (`COPY $SRC /app` copies the whole context). Declare it with ARG or ENV, or
            give a default: `${NAME:-value}`. Global ARGs must be redeclared inside the stage.
            """,
        buildkit: "UndefinedVar",
        triggering: [
            RuleExample("FROM debian:12\nWORKDIR ↓$APP_HOME"),
            RuleExample("ARG VERSION=1\nFROM debian:12\nLABEL version=↓$VERSION"),
        ],
        nonTriggering: [
            RuleExample("FROM debian:12\nARG APP_HOME=/app\nWORKDIR $APP_HOME"),
            RuleExample("FROM debian:12\nENV APP_HOME=/app\nWORKDIR ${APP_HOME}/src"),
            RuleExample("FROM debian:12\nWORKDIR ${APP_HOME:-/app}"),
            RuleExample("FROM debian:12\nENV PATH=$PATH:/opt/bin"),
            RuleExample("FROM debian:12\nRUN echo $UNDEFINED_IN_SHELL"),
        ])

    /// Variables base images and the builder commonly provide.
    static let wellKnown: Set<String> = [
        "PATH", "HOME", "HOSTNAME", "TERM", "USER", "PWD", "SHELL", "LANG", "LC_ALL", "GOPATH", "GOROOT",
        "JAVA_HOME", "PYTHON_VERSION", "NODE_VERSION", "GOLANG_VERSION", "RUBY_VERSION", "HTTP_PROXY", "HTTPS_PROXY",
        "NO_PROXY", "FTP_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "ftp_proxy", "all_proxy",
        "BUILDKIT_SYNTAX",
    ]

    public func check(_ context: LintContext) -> [Finding] {
        let lexer = ShellLexer(escapeToken: context.dockerfile.escapeToken)
        let builtins = Set(Dockerfile.platformArguments().keys)
        var findings: [Finding] = []
        for stage in context.dockerfile.stages {
            var defined = Set<String>()
            for instruction in stage.instructions {
                var words: [String] = []
                switch instruction {
                case .env(let e):
                    for pair in e.variables {
                        words.append(pair.value)
                    }
                case .label(let l): words = l.labels.flatMap { [$0.key, $0.value] }
                case .copy(let c):
                    words = c.files.sources + [c.files.destination] + [c.chown, c.chmod].compactMap { $0 }
                case .add(let a):
                    words = a.files.sources + [a.files.destination] + [a.chown, a.chmod].compactMap { $0 }
                case .workdir, .user, .volume, .stopSignal, .expose: words = instruction.node.arguments
                case .arg(let a): words = a.declarations.compactMap(\.defaultValue)
                default: break
                }
                let env = Dictionary(uniqueKeysWithValues: defined.map { ($0, "x") })
                for word in words {
                    guard word.includes("$"), let result = try? lexer.process(word, environment: env) else { continue }
                    for name in result.unmatched.sorted()
                    where !defined.contains(name) && !Self.wellKnown.contains(name) && !builtins.contains(name)
                        && !Self.hasDefault(name, in: word) && Int(name) == nil
                    {
                        findings.append(
                            context.finding(
                                description, instruction.node,
                                at: "$" + (word.includes("${\(name)") ? "{\(name)" : name),
                                message: "$\(name) is not defined in stage \(stage.displayName), so it expands to \"\"",
                                fix: "Declare it (ARG \(name) or ENV \(name)=...) or give a default: ${\(name):-value}")
                        )
                    }
                }
                switch instruction {
                case .env(let e): defined.formUnion(e.variables.map(\.key))
                case .arg(let a): defined.formUnion(a.declarations.map(\.name))
                default: break
                }
            }
        }
        return findings
    }

    static func hasDefault(_ name: String, in word: String) -> Bool {
        ["${\(name):-", "${\(name)-", "${\(name):+", "${\(name)+", "${\(name):?", "${\(name)?"].contains {
            word.contains($0)
        }
    }
}
