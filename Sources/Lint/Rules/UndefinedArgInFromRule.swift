import Dockerfile

/// FROM uses a variable that no global ARG declares.
public struct UndefinedArgInFromRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "undefined-arg-in-from", title: "FROM uses an undeclared ARG", severity: .warning, category: .correctness,
        rationale: """
            Only ARGs declared before the first FROM (and the platform ARGs) are visible in FROM lines. Declare it
            at the top: `ARG PYTHON_VERSION=3.11` then `FROM python:${PYTHON_VERSION}-slim`.
            """,
        buildkit: "UndefinedArgInFrom",
        triggering: [RuleExample("FROM python:↓${PYTHON_VERSION}-slim")],
        nonTriggering: [
            RuleExample("ARG PYTHON_VERSION=3.11\nFROM python:${PYTHON_VERSION}-slim"),
            RuleExample("FROM --platform=$BUILDPLATFORM golang:1.22"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        let lexer = ShellLexer(escapeToken: context.dockerfile.escapeToken)
        var declared = Set(Dockerfile.platformArguments().keys)
        for arg in context.dockerfile.metaArgs { declared.formUnion(arg.declarations.map(\.name)) }
        let env = Dictionary(uniqueKeysWithValues: declared.map { ($0, "x") })
        return context.dockerfile.stages.flatMap { stage -> [Finding] in
            let words = [stage.from.baseName] + (stage.from.platform.map { [$0] } ?? [])
            return words.flatMap { word -> [Finding] in
                guard word.includes("$"), let result = try? lexer.process(word, environment: env) else { return [] }
                return result.unmatched.sorted().map { name in
                    context.finding(
                        description, stage.from.node, at: "$" + (word.includes("${\(name)") ? "{\(name)" : name),
                        message: "FROM uses $\(name), which no ARG before the first FROM declares",
                        fix: "Declare it at the top of the file: ARG \(name)=<default>")
                }
            }
        }
    }
}
